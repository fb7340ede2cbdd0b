#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP client for what an HTTP client library hides: exact response bytes,
/// a reset told apart from a clean close, pipelined requests in one write, malformed input.
struct RawConnection: Sendable {
    enum Ending: Sendable, Equatable { case eof, reset, timeout }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let fd: Int32

    /// `receiveBuffer` caps the kernel's receive buffer (set before connecting, so the window
    /// is sized for it): unread answers then pile up on the server, not in this socket.
    init(port: Int, receiveBuffer: Int32? = nil) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        if var size = receiveBuffer {
            _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw Failure(description: "connect to port \(port) failed: errno \(errno)")
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            offset += n
        }
    }

    /// Reads until the server closes (FIN or RST), `stop` holds for what has arrived, or `timeout` seconds pass.
    func read(timeout: Double = 5, until stop: ([UInt8]) -> Bool = { _ in false }) -> (bytes: [UInt8], ending: Ending) {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var pollFD = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let deadline = Self.now() + timeout
        while true {
            let remaining = deadline - Self.now()
            if remaining <= 0 { return (received, .timeout) }
            let ready = poll(&pollFD, 1, Int32(max(1, remaining * 1000)))
            if ready == 0 { return (received, .timeout) }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { return (received, .eof) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return (received, errno == ECONNRESET ? .reset : .eof)
            }
            received += chunk[0..<n]
            if stop(received) { return (received, .timeout) }
        }
    }

    /// Sends what fits in the socket's buffers now, without waiting; returns the bytes sent.
    func sendWithoutBlocking(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if n <= 0 { break }
            offset += n
        }
        return offset
    }

    /// Shuts down the sending side (a FIN) and keeps reading, as some HTTP clients do once the request is out.
    func shutdownWrite() { _ = shutdown(fd, Int32(SHUT_WR)) }

    func close() { Glibc.close(fd) }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

extension [UInt8] {
    var text: String { String(decoding: self, as: UTF8.self) }

    /// Number of complete HTTP responses with `content-length` bodies in the bytes (for pipelining checks).
    var completeResponses: Int {
        var count = 0
        var rest = self[...]
        while let headEnd = rest.firstRange(of: [13, 10, 13, 10]) {
            let head = String(decoding: rest[..<headEnd.lowerBound], as: UTF8.self).lowercased()
            guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                let length = Int(line.dropFirst("content-length:".count).filter { $0 != " " })
            else { return count }
            let end = headEnd.upperBound + length
            guard end <= rest.endIndex else { return count }
            count += 1
            rest = rest[end...]
        }
        return count
    }
}
