import FaultlineWire
import NIOCore

/// Serialises a script's `head` step: status line, `date` and `server` as the provider
/// sends them (unless the script set its own), the script's headers in their order and
/// spelling, and the framing the mock owns (`content-length` or chunked, `connection: close`).
enum ResponseHeadWriter {
    /// How the client finds the end of the body.
    enum Framing: Equatable {
        case contentLength(Int)
        case chunked
        /// HTTP/1.0 streams: no length, the close ends the body.
        case closeDelimited
    }

    /// The `server` header each provider's edge sends.
    static func serverName(_ dialect: DialectID?) -> String {
        switch dialect {
        case .openAIChat, .anthropicMessages: "cloudflare"
        case .gemini: "scaffolding on HTTPServer2"
        case nil: "faultline"
        }
    }

    /// `announceKeepAlive`: an HTTP/1.0 client that asked for keep-alive is told it got it
    /// (`connection: keep-alive`), or it closes after the answer as 1.0 does by default.
    static func write(
        status: Int, headers: WireHeaders, framing: Framing, date: String, server: String, close: Bool,
        announceKeepAlive: Bool = false, into buffer: inout ByteBuffer
    ) {
        if let line = statusLines[status] { buffer.writeBytes(line) } else { buffer.writeString(statusLine(status)) }
        var hasDate = false, hasServer = false
        for field in headers.fields {
            switch field.name.utf8.first.map({ $0 | 0x20 }) {  // most names need no comparison at all
            case UInt8(ascii: "c"), UInt8(ascii: "t"): if isFraming(field.name) { continue }
            case UInt8(ascii: "d"): hasDate = hasDate || field.name.caseInsensitiveEquals("date")
            case UInt8(ascii: "s"): hasServer = hasServer || field.name.caseInsensitiveEquals("server")
            default: break
            }
            buffer.writeString(field.name)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        if !hasDate {
            buffer.writeStaticString("date: ")
            buffer.writeString(date)
            buffer.writeStaticString("\r\n")
        }
        if !hasServer {
            buffer.writeStaticString("server: ")
            buffer.writeString(server)
            buffer.writeStaticString("\r\n")
        }
        switch framing {
        case .chunked:
            buffer.writeStaticString("transfer-encoding: chunked\r\n")
        case .contentLength(let length):
            buffer.writeStaticString("content-length: ")
            writeDecimal(length, into: &buffer)
            buffer.writeStaticString("\r\n")
        case .closeDelimited:
            break
        }
        if close { buffer.writeStaticString("connection: close\r\n") }
        if announceKeepAlive, !close { buffer.writeStaticString("connection: keep-alive\r\n") }
        buffer.writeStaticString("\r\n")
    }

    /// Framing headers are the server's to write; a script's copy would contradict it.
    private static func isFraming(_ name: String) -> Bool {
        name.caseInsensitiveEquals("connection") || name.caseInsensitiveEquals("content-length")
            || name.caseInsensitiveEquals("transfer-encoding")
    }

    static func statusLine(_ status: Int) -> String {
        "HTTP/1.1 \(status) \(reasons[status] ?? "")\r\n"
    }

    /// Digits of a non-negative `value`, without the `String` that `String(value)` allocates.
    private static func writeDecimal(_ value: Int, into buffer: inout ByteBuffer) {
        guard value > 9 else {
            buffer.writeInteger(UInt8(ascii: "0") + UInt8(max(0, value)))
            return
        }
        writeDecimal(value / 10, into: &buffer)
        buffer.writeInteger(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// The status lines of every known status, spelled once.
    private static let statusLines: [Int: [UInt8]] = Dictionary(
        uniqueKeysWithValues: reasons.keys.map { ($0, Array(statusLine($0).utf8)) })

    private static let reasons: [Int: String] = [
        100: "Continue", 200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
        402: "Payment Required", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        408: "Request Timeout", 409: "Conflict", 413: "Payload Too Large", 417: "Expectation Failed", 422: "Unprocessable Entity",
        429: "Too Many Requests", 431: "Request Header Fields Too Large", 500: "Internal Server Error",
        501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
        529: "Site Overloaded",
    ]

    /// A complete response with a body, for the server's own answers (admin API, malformed HTTP).
    static func simple(
        status: Int, contentType: String, body: [UInt8], date: String, close: Bool, allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: 160 + body.count)
        write(
            status: status, headers: ["content-type": contentType], framing: .contentLength(body.count), date: date,
            server: serverName(nil), close: close, into: &buffer)
        buffer.writeBytes(body)
        return buffer
    }
}
