import PropertyBased
import Testing
@testable import FaultlineWire

/// One stream of the corpus: its raw bytes and the events a conforming parser yields.
struct SSECorpusCase: Sendable, CustomTestStringConvertible {
    var name: String
    var stream: [UInt8]
    var events: [SSEEvent]
    var comments = 0
    var testDescription: String { name }

    init(_ name: String, _ stream: String, _ events: [SSEEvent], comments: Int = 0) {
        self.name = name
        self.stream = Array(stream.utf8)
        self.events = events
        self.comments = comments
    }
}

private func event(_ data: String, id: String? = nil, retry: Int? = nil) -> SSEEvent {
    SSEEvent(data: Array(data.utf8), id: id, retry: retry)
}

private func event(_ name: String, _ data: String) -> SSEEvent {
    SSEEvent(event: name, data: Array(data.utf8))
}

/// Feeds `pieces` in order, then finishes.
private func parse(_ pieces: [ArraySlice<UInt8>]) -> (events: [SSEEvent], comments: Int) {
    var parser = SSEParser()
    var events: [SSEEvent] = []
    for piece in pieces { events += parser.feed(piece) }
    events += parser.finish()
    return (events, parser.commentCount)
}

@Suite("SSEParser")
struct SSEParserTests {
    static let corpus: [SSECorpusCase] = [
        SSECorpusCase(
            "openai data only with DONE",
            "data: {\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: {\"id\":\"c1\",\"choices\":[]}\n\ndata: [DONE]\n\n",
            [event("{\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}"), event("{\"id\":\"c1\",\"choices\":[]}"), event("[DONE]")]
        ),
        SSECorpusCase(
            "anthropic event and data",
            "event: message_start\ndata: {\"type\":\"message_start\"}\n\nevent: ping\ndata: {\"type\": \"ping\"}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
            [event("message_start", "{\"type\":\"message_start\"}"), event("ping", "{\"type\": \"ping\"}"), event("message_stop", "{\"type\":\"message_stop\"}")]
        ),
        SSECorpusCase(
            "gemini data lines with CRLF",
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}]}\r\n\r\ndata: {\"candidates\":[{\"finishReason\":\"STOP\"}]}\r\n\r\n",
            [event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}]}"), event("{\"candidates\":[{\"finishReason\":\"STOP\"}]}")]
        ),
        SSECorpusCase("lone CR", "event: a\rdata: 1\r\rdata: 2\r\r", [event("a", "1"), event("2")]),
        SSECorpusCase("mixed line endings", "data: 1\r\n\ndata: 2\n\r\ndata: 3\r\rdata: 4\n\n", [event("1"), event("2"), event("3"), event("4")]),
        SSECorpusCase(
            "comments are keep-alives",
            ": keepalive\n\ndata: x\n: inside\n\n:\n\n",
            [event("x")], comments: 3
        ),
        SSECorpusCase(
            "id and retry",
            "id: 7\nretry: 1500\ndata: a\n\nretry: 12x\ndata: b\n\nid\nretry:\ndata: c\n\n",
            [event("a", id: "7", retry: 1500), event("b"), event("c", id: "")]
        ),
        SSECorpusCase("id or retry alone is not dispatched", "id: 1\n\nretry: 10\n\ndata: z\n\n", [event("z")]),
        SSECorpusCase("multi-line data", "data: line one\ndata:line two\ndata:  indented\ndata\n\n", [event("line one\nline two\n indented\n")]),
        SSECorpusCase("empty data line dispatches empty data", "data:\n\n", [event("")]),
        SSECorpusCase("event without data dispatches", "event: content_block_stop\n\n", [event("content_block_stop", "")]),
        SSECorpusCase("unknown fields ignored", "foo: bar\nevent: e\nbaz\ndata: d\n\n", [event("e", "d")]),
        SSECorpusCase("blank lines between events", "\n\n\ndata: a\n\n\n\ndata: b\n\n", [event("a"), event("b")]),
        SSECorpusCase("no final blank line", "data: a\n\ndata: last", [event("a"), event("last")]),
        SSECorpusCase("value colons kept", "data: {\"a\":\"b:c\"}\n\n", [event("{\"a\":\"b:c\"}")]),
        SSECorpusCase(
            "emoji and CJK",
            "data: {\"text\":\"héllo 👋🏽 世界 𝄞\"}\n\nevent: 事件\ndata: 😀\n\n",
            [event("{\"text\":\"héllo 👋🏽 世界 𝄞\"}"), event("事件", "😀")]
        ),
        SSECorpusCase("field names are case-sensitive", "Data: no\nDATA: no\ndata: yes\n\n", [event("yes")]),
    ]

    @Test(arguments: corpus)
    func wholeStream(_ item: SSECorpusCase) {
        let result = parse([item.stream[...]])
        #expect(result.events == item.events)
        #expect(result.comments == item.comments)
    }

    @Test(arguments: corpus)
    func splitAtEveryByteBoundary(_ item: SSECorpusCase) {
        for split in 0...item.stream.count {
            let result = parse([item.stream[..<split], item.stream[split...]])
            #expect(result.events == item.events, "split at \(split)")
            #expect(result.comments == item.comments, "split at \(split)")
        }
    }

    @Test(arguments: corpus)
    func byteByByte(_ item: SSECorpusCase) {
        let result = parse(item.stream.indices.map { item.stream[$0...$0] })
        #expect(result.events == item.events)
        #expect(result.comments == item.comments)
    }

    @Test(arguments: corpus)
    func nonContiguousCollection(_ item: SSECorpusCase) {
        var parser = SSEParser()
        var events = parser.feed(item.stream.lazy.map { $0 })
        events += parser.finish()
        #expect(events == item.events)
    }

    @Test func eventsAreDispatchedOnTheBlankLineNotBefore() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: a\n".utf8)).isEmpty)
        #expect(parser.hasPartialData)
        #expect(parser.feed(Array("\n".utf8)) == [event("a")])
        #expect(!parser.hasPartialData)
    }

    @Test func crAtEndOfFeedThenLFIsOneLineEnding() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: a\r".utf8)).isEmpty)
        // Had the LF been a second line ending, this would already dispatch.
        #expect(parser.feed(Array("\n".utf8)).isEmpty)
        #expect(parser.feed(Array("\r\n".utf8)) == [event("a")])
    }

    @Test func partialDataTracksUnfinishedLinesAndFields() {
        var parser = SSEParser()
        #expect(!parser.hasPartialData)
        _ = parser.feed(Array("da".utf8))
        #expect(parser.hasPartialData)
        _ = parser.feed(Array("ta: x\n\n: ping\n".utf8))
        #expect(!parser.hasPartialData)
        #expect(parser.commentCount == 1)
    }

    @Test func finishResetsTheParser() {
        var parser = SSEParser()
        _ = parser.feed(Array("event: a\ndata: 1".utf8))
        #expect(parser.finish() == [event("a", "1")])
        #expect(!parser.hasPartialData)
        #expect(parser.finish().isEmpty)
        #expect(parser.feed(Array("data: 2\n\n".utf8)) == [event("2")])
    }

    @Test func splitInsideMultiByteCharacterKeepsBytes() {
        let bytes = Array("data: 👋\n\n".utf8)
        var parser = SSEParser()
        #expect(parser.feed(bytes[..<8]).isEmpty)
        let events = parser.feed(bytes[8...])
        #expect(events.first?.text == "👋")
    }

    @Test func invalidUTF8DataIsKeptAsBytes() {
        var parser = SSEParser()
        let events = parser.feed([UInt8]("data: ".utf8) + [0xFF, 0xC3] + [0x0A, 0x0A])
        #expect(events.first?.data == [0xFF, 0xC3])
        #expect(events.first?.text == "\u{FFFD}\u{FFFD}")
    }

    @Test(arguments: ["retry: -5", "retry: 99999999999999999999999", "retry: 1.5", "retry: 1 "])
    func malformedRetryIsIgnored(_ line: String) {
        var parser = SSEParser()
        let events = parser.feed(Array("\(line)\ndata: x\n\n".utf8))
        #expect(events == [event("x")])
    }

    @Test func randomEventListsSurviveRandomSplits() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let events = randomSSEEvents(&random)
            let endings = ["\n", "\r\n", "\r"]
            var stream: [UInt8] = []
            for item in events {
                let ending = endings[Int(random.next() % 3)]
                if random.next() % 4 == 0 { stream += Array(": keep-alive\(ending)".utf8) }
                if let name = item.event { stream += Array("event: \(name)\(ending)".utf8) }
                for line in item.text.split(separator: "\n", omittingEmptySubsequences: false) {
                    // The space after the colon is optional unless the value itself starts with one.
                    let space = line.hasPrefix(" ") || random.next() % 2 == 0 ? " " : ""
                    stream += Array("data:\(space)\(line)\(ending)".utf8)
                }
                stream += Array(ending.utf8)
            }
            var pieces: [ArraySlice<UInt8>] = []
            var start = 0
            while start < stream.count {
                let end = Swift.min(stream.count, start + 1 + Int(random.next() % 40))
                pieces.append(stream[start..<end])
                start = end
            }
            #expect(parse(pieces).events == events)
        }
    }
}

/// Random events whose data may hold newlines, a leading space, emoji and CJK.
func randomSSEEvents(_ random: inout SeededRandom) -> [SSEEvent] {
    let words = ["hello", " lead", "{\"a\":1}", "é", "世界", "👋🏽", "[DONE]", "", "x:y", "tab\there"]
    let names = ["message_start", "content_block_delta", "ping", "事件"]
    return (0..<Int(random.next() % 8)).map { _ in
        let lines = (0..<(1 + Int(random.next() % 3))).map { _ in
            (0..<Int(random.next() % 4)).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined()
        }
        let name = random.next() % 2 == 0 ? names[Int(random.next() % UInt64(names.count))] : nil
        return SSEEvent(event: name, data: Array(lines.joined(separator: "\n").utf8))
    }
}
