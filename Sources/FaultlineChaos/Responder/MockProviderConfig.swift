/// One named mount of the mock (`/{name}/...`), e.g. two OpenAI-compatible providers
/// with different faults behind one port.
public struct MockProviderConfig: Sendable {
    public var name: String
    /// Faults applied to every request of this provider (scheduled by their own `p`/`first`/`every`/`window`).
    public var faults: [FaultSpec]
    /// The only API key accepted; nil accepts any key, as a test double should by default.
    public var requiredKey: String?

    public init(name: String, faults: [FaultSpec] = [], requiredKey: String? = nil) {
        self.name = name
        self.faults = faults
        self.requiredKey = requiredKey
    }
}
