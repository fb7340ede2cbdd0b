import FaultlineWire
import NIOCore

/// HTTP/1.x request framing (RFC 9112) read straight off the connection's bytes: one pass
/// over each head, its fields decoded once into `WireHeaders`, bodies handed on as slices of
/// the read buffer. It stands where NIO's `HTTPRequestDecoder` would, whose per-part messages
/// and `HTTPHeaders` the mock would convert again on every request.
///
/// Strict where leniency smuggles requests (no obs-fold, no space before a colon, one
/// content-length, `chunked` last when a transfer-encoding is given, never both); lenient
/// where clients are sloppy and harmless (bare LF line ends, empty lines before a request).
struct HTTPRequestParser {
    enum Event {
        case head(RequestHead)
        case body(ByteBuffer)
        case end
    }

    private enum State {
        case head
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        /// `bytes` of trailer fields read so far.
        case trailers(bytes: Int)
    }

    /// A head (request line and fields) longer than this is refused, as NIO's decoder does.
    static let maxHeadBytes = 80 * 1024
    /// A chunk-size line or a trailer field longer than this is refused.
    static let maxLineBytes = 8 * 1024

    private var state = State.head
    /// How far past the reader index a partial head has been searched for its end, so a
    /// head arriving a byte at a time is scanned once, not once per byte (a slowloris would
    /// otherwise cost quadratic time up to the head limit).
    private var headScanned = 0

    /// Whether the parser is between requests: no head or body partly read.
    var isIdle: Bool {
        if case .head = state { return true }
        return false
    }

    /// The next event from `buffer`, consuming what it read; nil when more bytes are needed.
    mutating func next(_ buffer: inout ByteBuffer) throws(HTTPRequestError) -> Event? {
        while true {
            switch state {
            case .head:
                guard let head = try Self.readHead(&buffer, scanned: &headScanned) else { return nil }
                headScanned = 0
                state = head.chunked ? .chunkSize : .fixed(remaining: head.contentLength ?? 0)
                return .head(head)
            case .fixed(let remaining):
                if remaining == 0 {
                    state = .head
                    return .end
                }
                guard let slice = Self.readBody(&buffer, upTo: remaining) else { return nil }
                state = .fixed(remaining: remaining - slice.readableBytes)
                return .body(slice)
            case .chunkSize:
                guard let line = try Self.readLine(&buffer) else { return nil }
                let size = try Self.chunkSize(line)
                state = size == 0 ? .trailers(bytes: 0) : .chunkData(remaining: size)
            case .chunkData(let remaining):
                guard let slice = Self.readBody(&buffer, upTo: remaining) else { return nil }
                let left = remaining - slice.readableBytes
                state = left == 0 ? .chunkDataEnd : .chunkData(remaining: left)
                return .body(slice)
            case .chunkDataEnd:
                guard let line = try Self.readLine(&buffer) else { return nil }
                guard line.isEmpty else { throw .chunkFraming }
                state = .chunkSize
            case .trailers(let bytes):
                guard let line = try Self.readLine(&buffer) else { return nil }
                if line.isEmpty {
                    state = .head
                    return .end
                }
                // Trailer fields are read as strictly as header fields, and are ignored.
                guard bytes + line.count <= Self.maxLineBytes else { throw .lineTooLong }
                guard line.withUnsafeBytes({ (try? Self.parseField($0)) != nil }) else { throw .headerField }
                state = .trailers(bytes: bytes + line.count)
            }
        }
    }

    // MARK: Bodies and lines

    private static func readBody(_ buffer: inout ByteBuffer, upTo remaining: Int) -> ByteBuffer? {
        guard buffer.readableBytes > 0 else { return nil }
        return buffer.readSlice(length: min(remaining, buffer.readableBytes))
    }

    /// One line of chunk framing without its CRLF, or nil until the whole line is buffered.
    /// Unlike in the head, a bare LF or a CR inside the line is refused: lenient chunk framing
    /// is how requests are smuggled past a proxy that frames them differently.
    private static func readLine(_ buffer: inout ByteBuffer) throws(HTTPRequestError) -> [UInt8]? {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > maxLineBytes { throw .lineTooLong }
            return nil
        }
        guard newline > view.startIndex, view[newline - 1] == UInt8(ascii: "\r") else { throw .chunkFraming }
        let line = view[view.startIndex..<(newline - 1)]
        guard line.count <= maxLineBytes else { throw .lineTooLong }
        guard !line.contains(UInt8(ascii: "\r")) else { throw .chunkFraming }
        let bytes = Array(line)
        buffer.moveReaderIndex(forwardBy: newline + 1 - view.startIndex)
        return bytes
    }

    /// `chunk-size [BWS ";" chunk-ext]`: the extension is ignored, but nothing else may follow the size.
    private static func chunkSize(_ line: [UInt8]) throws(HTTPRequestError) -> Int {
        var size = 0
        var digits = 0
        var index = 0
        while index < line.count, let digit = hexValue(line[index]) {
            digits += 1
            guard digits <= 15 else { throw .chunkSize }
            size = size << 4 | digit
            index += 1
        }
        guard digits > 0 else { throw .chunkSize }
        while index < line.count, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") { index += 1 }
        guard index == line.count || line[index] == UInt8(ascii: ";") else { throw .chunkSize }
        guard line[index...].allSatisfy({ $0 >= 0x20 ? $0 != 0x7F : $0 == UInt8(ascii: "\t") }) else { throw .chunkSize }
        return size
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// The head of one request, with what framing and connection handling need already read out.
struct RequestHead: Sendable {
    var method: String
    var uri: String
    /// The x of HTTP/1.x.
    var minorVersion: Int
    var headers: WireHeaders
    /// `Connection: close` absent on HTTP/1.1, `Connection: keep-alive` present on HTTP/1.0.
    var keepAlive: Bool
    var expectation: Expectation
    /// How many `Host` fields came: HTTP/1.1 requires exactly one (RFC 9112 §3.2). Framing
    /// does not depend on it, so the connection, not the parser, refuses a wrong count.
    var hosts: Int
    /// The declared body length; nil for a chunked body or none.
    var contentLength: Int?
    var chunked: Bool

    /// What an `Expect` field asks for.
    enum Expectation: Sendable, Equatable {
        case none
        case `continue`
        /// Anything but `100-continue`: answered 417 (RFC 9110 §10.1.1).
        case unsupported
    }

    /// Why the head is refused although it could be framed, if it is.
    var refusal: HTTPRequestError? {
        if minorVersion >= 1 ? hosts != 1 : hosts > 1 { return .host }
        if expectation == .unsupported { return .expectation }
        return nil
    }
}

/// Why a request is refused: it could not be framed, or its head asks for what HTTP/1.1
/// forbids or the server cannot meet. The connection gets a 400 (417) and is closed.
enum HTTPRequestError: Error, Equatable {
    case requestLine
    case headerField
    case headTooLarge
    case lineTooLong
    case contentLength
    case transferEncoding
    case chunkSize
    case chunkFraming
    case host
    case expectation

    /// The answer's status: 417 for an expectation the server cannot meet, 400 otherwise.
    var status: Int { self == .expectation ? 417 : 400 }

    var message: String {
        switch self {
        case .requestLine: "malformed HTTP request: invalid request line"
        case .headerField: "malformed HTTP request: invalid header field"
        case .headTooLarge: "malformed HTTP request: header section over \(HTTPRequestParser.maxHeadBytes) bytes"
        case .lineTooLong: "malformed HTTP request: chunk line or trailer section over \(HTTPRequestParser.maxLineBytes) bytes"
        case .contentLength: "malformed HTTP request: invalid content-length"
        case .transferEncoding: "malformed HTTP request: transfer-encoding needs HTTP/1.1, must end in chunked and come without content-length"
        case .chunkSize: "malformed HTTP request: invalid chunk size"
        case .chunkFraming: "malformed HTTP request: chunk data not followed by CRLF"
        case .host: "malformed HTTP request: HTTP/1.1 needs exactly one host field"
        case .expectation: "unsupported expectation: only 100-continue is understood"
        }
    }
}
