import Foundation

/// The provider the recorder forwards to: scheme, host, port and an optional path prefix
/// (`https://api.openai.com`, `http://127.0.0.1:8089/openai-primary`). A request's path is
/// appended to it unchanged.
public struct Upstream: Sendable, Hashable {
    public var scheme: String
    public var host: String
    public var port: Int?
    public var basePath: String

    public init(parsing text: String) throws(RecordError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw RecordError.badUpstream(text, reason: "not a URL")
        }
        guard scheme == "http" || scheme == "https" else { throw RecordError.badUpstream(text, reason: "the scheme must be http or https") }
        guard let host = components.host, !host.isEmpty else { throw RecordError.badUpstream(text, reason: "no host") }
        guard components.query == nil, components.fragment == nil, components.user == nil, components.password == nil else {
            throw RecordError.badUpstream(text, reason: "give the base URL only: no query, fragment or credentials (keys go in the client's own headers)")
        }
        self.scheme = scheme
        self.host = host
        port = components.port
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
    }

    /// The full URL for a request line's `uri` (path and query).
    public func url(for uri: String) -> String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart)\(port.map { ":\($0)" } ?? "")\(basePath)\(uri.hasPrefix("/") ? uri : "/" + uri)"
    }

    /// What provenance names: the host, with the port when it is not the scheme's default.
    public var label: String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }
}
