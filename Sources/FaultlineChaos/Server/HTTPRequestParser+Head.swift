import FaultlineWire
import NIOCore

extension HTTPRequestParser {
    /// The request line and fields up to the empty line, consumed from `buffer`; nil until
    /// the empty line is buffered. Empty lines before a request line are skipped (RFC 9112 §2.2).
    /// `scanned` is how many bytes earlier calls searched without finding the end.
    static func readHead(_ buffer: inout ByteBuffer, scanned: inout Int) throws(HTTPRequestError) -> RequestHead? {
        let searched = scanned
        let result: Result<(head: RequestHead, length: Int)?, HTTPRequestError> = buffer.withUnsafeReadableBytes { raw in
            var start = 0
            while start < raw.count, raw[start] == UInt8(ascii: "\r") || raw[start] == UInt8(ascii: "\n") { start += 1 }
            // The end's first newline can lie at most two bytes before where the last search stopped.
            guard let end = headEnd(raw, from: max(start, searched - 2)) else {
                return raw.count > maxHeadBytes ? .failure(.headTooLarge) : .success(nil)
            }
            guard end - start <= maxHeadBytes else { return .failure(.headTooLarge) }
            do throws(HTTPRequestError) {
                return .success((try parseHead(UnsafeRawBufferPointer(rebasing: raw[start..<end])), end))
            } catch {
                return .failure(error)
            }
        }
        guard let parsed = try result.get() else {
            scanned = buffer.readableBytes
            return nil
        }
        buffer.moveReaderIndex(forwardBy: parsed.length)
        return parsed.head
    }

    /// The index just past the empty line that ends a head, if it is buffered.
    private static func headEnd(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < raw.count {
            guard let newline = raw[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let next = newline + 1
            if next < raw.count, raw[next] == UInt8(ascii: "\n") { return next + 1 }
            if next + 1 < raw.count, raw[next] == UInt8(ascii: "\r"), raw[next + 1] == UInt8(ascii: "\n") { return next + 2 }
            index = next
        }
        return nil
    }

    /// `head` holds the request line, the fields and the empty line.
    private static func parseHead(_ head: UnsafeRawBufferPointer) throws(HTTPRequestError) -> RequestHead {
        var lines = HeadLines(head)
        guard let requestLine = try lines.next() else { throw .requestLine }
        let (method, uri, minor) = try parseRequestLine(requestLine)
        var request = RequestHead(
            method: method, uri: uri, minorVersion: minor, headers: WireHeaders(), keepAlive: minor >= 1,
            expectation: .none, hosts: 0, contentLength: nil, chunked: false)
        var connectionClose = false
        var connectionKeepAlive = false
        var transferEncoding: String?
        request.headers.fields.reserveCapacity(8)
        while let line = try lines.next(), !line.isEmpty {
            let (name, value) = try parseField(line)
            request.headers.fields.append((name: name, value: value))
            if name.caseInsensitiveEquals("content-length") {
                guard let length = contentLength(value), request.contentLength == nil || request.contentLength == length else {
                    throw .contentLength
                }
                request.contentLength = length
            } else if name.caseInsensitiveEquals("transfer-encoding") {
                transferEncoding = transferEncoding.map { "\($0),\(value)" } ?? value
            } else if name.caseInsensitiveEquals("connection") {
                for token in value.split(separator: ",") {
                    let token = token.trimmingSpaces
                    if token.caseInsensitiveEquals("close") { connectionClose = true }
                    if token.caseInsensitiveEquals("keep-alive") { connectionKeepAlive = true }
                }
            } else if name.caseInsensitiveEquals("host") {
                request.hosts += 1
            } else if name.caseInsensitiveEquals("expect") {
                request.expectation = value.caseInsensitiveEquals("100-continue") ? .continue : .unsupported
            }
        }
        if let transferEncoding {
            // HTTP/1.0 has no transfer codings (RFC 9112 §6.1: such framing is faulty).
            let last = transferEncoding.split(separator: ",").last?.trimmingSpaces ?? ""
            guard minor >= 1, last.caseInsensitiveEquals("chunked"), request.contentLength == nil else { throw .transferEncoding }
            request.chunked = true
        }
        request.keepAlive = !connectionClose && (minor >= 1 || connectionKeepAlive)
        return request
    }

    /// `method SP request-target SP HTTP/1.x`.
    private static func parseRequestLine(_ line: UnsafeRawBufferPointer) throws(HTTPRequestError) -> (String, String, Int) {
        guard let firstSpace = line.firstIndex(of: UInt8(ascii: " ")), firstSpace > 0,
            let secondSpace = line[(firstSpace + 1)...].firstIndex(of: UInt8(ascii: " ")), secondSpace > firstSpace + 1
        else { throw .requestLine }
        let method = line[..<firstSpace]
        let target = line[(firstSpace + 1)..<secondSpace]
        let version = line[(secondSpace + 1)...]
        guard method.allSatisfy(isTokenByte), target.allSatisfy({ $0 > 0x20 && $0 != 0x7F }),
            version.count == 8, version.starts(with: "HTTP/1.".utf8), let minor = version.last,
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(minor)
        else { throw .requestLine }
        return (string(method), string(target), Int(minor - UInt8(ascii: "0")))
    }

    /// `name ":" OWS value OWS`; a line starting with whitespace (obs-fold) is refused.
    static func parseField(_ line: UnsafeRawBufferPointer) throws(HTTPRequestError) -> (String, String) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { throw .headerField }
        let name = line[..<colon]
        guard name.allSatisfy(isTokenByte) else { throw .headerField }
        var from = colon + 1
        var to = line.count
        while from < to, line[from] == UInt8(ascii: " ") || line[from] == UInt8(ascii: "\t") { from += 1 }
        while to > from, line[to - 1] == UInt8(ascii: " ") || line[to - 1] == UInt8(ascii: "\t") { to -= 1 }
        let value = line[from..<to]
        guard value.allSatisfy({ $0 >= 0x20 ? $0 != 0x7F : $0 == UInt8(ascii: "\t") }) else { throw .headerField }
        return (string(name), string(value))
    }

    private static func contentLength(_ value: String) -> Int? {
        guard !value.isEmpty, value.utf8.count <= 18, value.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return Int(value)
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func string(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes), as: UTF8.self)
    }
}

/// The lines of a buffered head, without their CRLF or bare LF; a CR inside a line is refused.
private struct HeadLines {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func next() throws(HTTPRequestError) -> UnsafeRawBufferPointer? {
        guard index < bytes.count, let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        var end = newline
        if end > index, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[index..<end])
        index = newline + 1
        guard !line.contains(UInt8(ascii: "\r")) else { throw .headerField }
        return line
    }
}
