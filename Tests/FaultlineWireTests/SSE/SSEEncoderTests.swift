import PropertyBased
import Testing
@testable import FaultlineWire

@Suite("SSEEncoder")
struct SSEEncoderTests {
    @Test func openAIFrameIsDataLineAndBlankLine() {
        #expect(String(decoding: SSEEncoder.frame(data: "[DONE]"), as: UTF8.self) == "data: [DONE]\n\n")
    }

    @Test func anthropicFrameHasEventLineFirst() {
        let frame = SSEEncoder.frame(event: "message_stop", data: "{\"type\":\"message_stop\"}")
        #expect(String(decoding: frame, as: UTF8.self) == "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
    }

    @Test(arguments: [
        ("a\nb", "data: a\ndata: b\n\n"),
        ("a\r\nb", "data: a\ndata: b\n\n"),
        ("a\rb", "data: a\ndata: b\n\n"),
        ("a\n", "data: a\ndata: \n\n"),
        ("", "data: \n\n"),
    ])
    func dataLinesSplitOnEveryLineEnding(_ data: String, _ expected: String) {
        #expect(String(decoding: SSEEncoder.frame(data: data), as: UTF8.self) == expected)
    }

    @Test func eventNameLineBreaksBecomeSpaces() {
        let frame = SSEEncoder.frame(event: "a\nb", data: "x")
        #expect(String(decoding: frame, as: UTF8.self) == "event: a b\ndata: x\n\n")
    }

    @Test func commentIsCountedAndNotAnEvent() {
        #expect(String(decoding: SSEEncoder.comment("keepalive"), as: UTF8.self) == ": keepalive\n\n")
        var parser = SSEParser()
        #expect(parser.feed(SSEEncoder.comment("one\ntwo")).isEmpty)
        #expect(parser.commentCount == 2)
    }

    @Test(arguments: [
        SSEEvent(data: Array("{\"x\":1}".utf8)),
        SSEEvent(event: "content_block_delta", data: Array("line1\nline2\n\n".utf8)),
        SSEEvent(data: Array(" leading space and 👋🏽 世界".utf8)),
        SSEEvent(event: "ping", data: []),
    ])
    func roundTrip(_ original: SSEEvent) {
        var parser = SSEParser()
        #expect(parser.feed(SSEEncoder.frame(event: original.event, data: original.data)) == [original])
        #expect(!parser.hasPartialData)
    }

    @Test func randomEventsRoundTrip() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let events = randomSSEEvents(&random)
            var stream: [UInt8] = []
            for item in events { stream += SSEEncoder.frame(event: item.event, data: item.data) }
            var parser = SSEParser()
            let split = stream.isEmpty ? 0 : Int(random.next() % UInt64(stream.count + 1))
            var decoded = parser.feed(stream[..<split])
            decoded += parser.feed(stream[split...])
            #expect(decoded == events)
            #expect(!parser.hasPartialData)
        }
    }
}
