import FaultlineWire
import NIOCore
import Testing

@testable import FaultlineChaos

struct ResponseHeadWriterTests {
    static func head(_ headers: WireHeaders, streaming: Bool, length: Int = 0, close: Bool = false) -> String {
        var buffer = ByteBufferAllocator().buffer(capacity: 256)
        ResponseHeadWriter.write(
            status: 429, headers: headers, framing: streaming ? .chunked : .contentLength(length),
            date: "Wed, 25 Nov 2026 08:30:00 GMT", server: "cloudflare", close: close, into: &buffer)
        return String(buffer: buffer)
    }

    @Test func keepsScriptHeadersInOrderAndSpellingAndAddsFraming() {
        let text = Self.head(["Content-Type": "application/json", "retry-after": "2", "x-request-id": "req_1"], streaming: false, length: 42)
        #expect(text == "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nretry-after: 2\r\n"
            + "x-request-id: req_1\r\ndate: Wed, 25 Nov 2026 08:30:00 GMT\r\nserver: cloudflare\r\ncontent-length: 42\r\n\r\n")
    }

    @Test func streamingIsChunkedAndScriptFramingIsReplaced() {
        let text = Self.head(["content-length": "999", "Transfer-Encoding": "gzip", "content-type": "text/event-stream"], streaming: true, close: true)
        #expect(!text.contains("999") && !text.contains("gzip"))
        #expect(text.hasSuffix("transfer-encoding: chunked\r\nconnection: close\r\n\r\n"))
    }

    @Test func scriptDateAndServerWin() {
        let text = Self.head(["Date": "Thu, 01 Jan 1970 00:00:00 GMT", "Server": "envoy"], streaming: false)
        #expect(!text.contains("2026") && !text.contains("cloudflare"))
        #expect(text.contains("Server: envoy\r\n"))
    }

    @Test(arguments: [(0, "Thu, 01 Jan 1970 00:00:00 GMT"), (1_795_595_400, "Wed, 25 Nov 2026 08:30:00 GMT"), (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT")])
    func httpDateIsIMFFixdate(seconds: Int, text: String) {
        #expect(HTTPDate.format(seconds) == text)
    }
}
