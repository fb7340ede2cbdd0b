import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks that a gateway accepts TCP connections before a scenario sends it tasks, so a
/// gateway that is not running is one clear error rather than a run of failed tasks.
enum GatewayProbe {
    /// Nil when `url`'s host and port accept a connection within `timeout` seconds; otherwise why not.
    static func problem(_ url: String, timeout: Double = 5) -> String? {
        guard let parts = URLComponents(string: url), let host = parts.host else { return "gateway url `\(url)` has no host" }
        let port = parts.port ?? (parts.scheme == "https" ? 443 : 80)
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            return "gateway host `\(host)` does not resolve"
        }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            if fd >= 0 {
                var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
                let connected = connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0
                reason = String(cString: strerror(errno))
                close(fd)
                if connected { return nil }
            }
            entry = address.pointee.ai_next
        }
        return "the gateway at \(url) does not accept connections (\(host):\(port): \(reason)); start it before the run"
    }
}
