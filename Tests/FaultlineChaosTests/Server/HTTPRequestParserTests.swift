import NIOCore
import Testing

@testable import FaultlineChaos

/// Request framing off raw bytes, fed whole and split at every byte.
struct HTTPRequestParserTests {
    /// What a parse produced: heads, each request's body, and the error if one stopped it.
    struct Parsed {
        var heads: [RequestHead] = []
        var bodies: [String] = []
        var error: HTTPRequestError?
        var leftover = 0
    }

    /// Feeds `raw` in pieces of `pieces` (byte offsets where a read ends).
    static func parse(_ raw: String, splitAt pieces: [Int] = []) -> Parsed {
        parse(bytes: Array(raw.utf8), splitAt: pieces)
    }

    static func parse(bytes: [UInt8], splitAt pieces: [Int] = []) -> Parsed {
        var parser = HTTPRequestParser()
        var parsed = Parsed()
        var buffer = ByteBuffer()
        var body = ""
        var from = 0
        for to in pieces.filter({ $0 > 0 && $0 < bytes.count }) + [bytes.count] {
            buffer.writeBytes(bytes[from..<to])
            from = to
            do {
                while let event = try parser.next(&buffer) {
                    switch event {
                    case .head(let head): parsed.heads.append(head)
                    case .body(let slice): body += String(buffer: slice)
                    case .end:
                        parsed.bodies.append(body)
                        body = ""
                    }
                }
            } catch {
                parsed.error = error
                return parsed
            }
        }
        parsed.leftover = buffer.readableBytes
        return parsed
    }

    static let chunked =
        "POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nx-trailer: 1\r\n\r\n"
    static let pipelined =
        "POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}"
        + "GET /v1/models HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"

    @Test func headFieldsAndFraming() {
        let parsed = Self.parse("POST /v1/chat/completions?x=1 HTTP/1.1\r\nHost: x\r\nContent-Type:  application/json \r\nContent-Length: 4\r\n\r\n{\"a\"")
        #expect(parsed.error == nil)
        let head = parsed.heads.first
        #expect(head?.method == "POST")
        #expect(head?.uri == "/v1/chat/completions?x=1")
        #expect(head?.minorVersion == 1)
        #expect(head?.headers["content-type"] == "application/json")
        #expect(head?.contentLength == 4)
        #expect(head?.keepAlive == true)
        #expect(parsed.bodies == ["{\"a\""])
    }

    @Test func everySplitGivesTheSameRequests() {
        for raw in [Self.chunked, Self.pipelined] {
            let whole = Self.parse(raw)
            #expect(whole.error == nil)
            for split in 1..<raw.utf8.count {
                let parsed = Self.parse(raw, splitAt: [split])
                #expect(parsed.error == nil, "split at \(split)")
                #expect(parsed.bodies == whole.bodies, "split at \(split)")
                #expect(parsed.heads.map(\.uri) == whole.heads.map(\.uri), "split at \(split)")
            }
            let byteByByte = Self.parse(raw, splitAt: Array(1..<raw.utf8.count))
            #expect(byteByByte.bodies == whole.bodies)
        }
        #expect(Self.parse(Self.chunked).bodies == ["hello, world"])
        #expect(Self.parse(Self.pipelined).bodies == ["{}", ""])
        #expect(Self.parse(Self.pipelined).heads.map(\.keepAlive) == [true, false])
    }

    @Test func incompleteRequestWaitsForMoreBytes() {
        let parsed = Self.parse("POST / HTTP/1.1\r\ncontent-length: 10\r\n\r\nabc")
        #expect(parsed.heads.count == 1)
        #expect(parsed.bodies.isEmpty)
        #expect(Self.parse("GET / HTTP/1.1\r\nhost: x\r\n").heads.isEmpty)
    }

    @Test func keepAliveFollowsTheVersionAndConnectionHeader() {
        #expect(Self.parse("GET / HTTP/1.0\r\n\r\n").heads.first?.keepAlive == false)
        #expect(Self.parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").heads.first?.keepAlive == true)
        #expect(Self.parse("GET / HTTP/1.1\r\nConnection: TE, close\r\n\r\n").heads.first?.keepAlive == false)
        #expect(Self.parse("GET / HTTP/1.1\r\nexpect: 100-Continue\r\n\r\n").heads.first?.expectation == .continue)
    }

    @Test func sloppyButHarmlessInputIsAccepted() {
        let parsed = Self.parse("\r\nGET /v1/models HTTP/1.1\nhost: x\n\n")
        #expect(parsed.error == nil)
        #expect(parsed.heads.first?.uri == "/v1/models")
        #expect(parsed.bodies == [""])
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", HTTPRequestError.requestLine),
        ("GET /\r\n\r\n", .requestLine),
        ("GET / HTTP/2.0\r\n\r\n", .requestLine),
        ("G(T / HTTP/1.1\r\n\r\n", .requestLine),
        ("GET / HTTP/1.1\r\nhost : x\r\n\r\n", .headerField),
        ("GET / HTTP/1.1\r\nhost: x\r\n folded\r\n\r\n", .headerField),
        ("GET / HTTP/1.1\r\nx: a\rb\r\n\r\n", .headerField),
        ("GET / HTTP/1.1\r\nx: a\u{0}b\r\n\r\n", .headerField),
        ("POST / HTTP/1.1\r\ncontent-length: nope\r\n\r\n", .contentLength),
        ("POST / HTTP/1.1\r\ncontent-length: -1\r\n\r\n", .contentLength),
        ("POST / HTTP/1.1\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n", .contentLength),
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\ncontent-length: 2\r\n\r\n", .transferEncoding),
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked, gzip\r\n\r\n", .transferEncoding),
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n", .chunkSize),
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n\r\n", .chunkSize),
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n1\r\nab\r\n", .chunkFraming),
        // Chunk framing as strict as a smuggling-aware proxy's: CRLF only, nothing but an
        // extension after the size, trailers shaped like fields; no transfer coding on HTTP/1.0.
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n5\nhello\n0\n\n", .chunkFraming),
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n5;a\rb\r\nhello\r\n0\r\n\r\n", .chunkFraming),
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n5 xyz\r\nhello\r\n0\r\n\r\n", .chunkSize),
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n0\r\nno colon here\r\n\r\n", .headerField),
        ("POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n0\r\nbad : x\r\n\r\n", .headerField),
        ("POST / HTTP/1.0\r\nconnection: keep-alive\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n", .transferEncoding),
    ])
    func malformedRequestsAreRefused(raw: String, error: HTTPRequestError) {
        #expect(Self.parse(raw).error == error)
    }

    /// A head near the limit arriving one byte per read is still one head: each byte is
    /// searched once for the head's end, not the whole head again per byte.
    @Test func aHeadArrivingByteByByteIsFramedOnce() {
        var raw = "POST /v1/messages HTTP/1.1\r\n"
        while raw.utf8.count < HTTPRequestParser.maxHeadBytes - 100 { raw += "x-filler: \(raw.utf8.count)\r\n" }
        raw += "content-length: 2\r\n\r\n{}"
        let parsed = Self.parse(raw, splitAt: Array(1..<raw.utf8.count))
        #expect(parsed.error == nil)
        #expect(parsed.heads.count == 1)
        #expect(parsed.heads.first?.headers.fields.count ?? 0 > 2_000)
        #expect(parsed.bodies == ["{}"])
    }

    @Test func oversizedHeadsAndLinesAreRefused() {
        let longHead = "GET / HTTP/1.1\r\nx: " + String(repeating: "a", count: HTTPRequestParser.maxHeadBytes + 1)
        #expect(Self.parse(longHead).error == .headTooLarge)
        let longChunkLine = "POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n1" + String(repeating: " ", count: HTTPRequestParser.maxLineBytes + 1)
        #expect(Self.parse(longChunkLine).error == .lineTooLong)
        // Also when the whole over-long line arrives in one read.
        let longExtension = "POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n1;" + String(repeating: "a", count: HTTPRequestParser.maxLineBytes) + "\r\nx\r\n0\r\n\r\n"
        #expect(Self.parse(longExtension).error == .lineTooLong)
        let manyTrailers = "POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\n\r\n0\r\n" + String(repeating: "x-trailer: 1234567890\r\n", count: 400) + "\r\n"
        #expect(Self.parse(manyTrailers).error == .lineTooLong)
    }
}
