/// Why a chain could not run at all (as opposed to a task that ran and failed).
public enum ChainRunError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingAPIKey(provider: String, variable: String)
    case invalidBaseURL(provider: String, url: String)

    public var description: String {
        switch self {
        case .missingAPIKey(let provider, let variable):
            "provider `\(provider)` needs an API key: set the environment variable \(variable)"
        case .invalidBaseURL(let provider, let url):
            "provider `\(provider)`: base_url `\(url)` is not an http(s) URL"
        }
    }
}
