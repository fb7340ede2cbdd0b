import FaultlineWire

/// The end user a provider request names: OpenAI `user`, Anthropic `metadata.user_id`.
/// Gateways pass it on upstream, so it ties each upstream request to the client task it
/// serves, whatever retries and fallbacks came between. Gemini has no such field.
enum EndUser {
    static func read(_ body: [UInt8], dialect: DialectID) -> String? {
        guard dialect != .gemini, !body.isEmpty, let json = try? JSONValue(parsing: body) else { return nil }
        switch dialect {
        case .openAIChat: return json["user"]?.stringValue
        case .anthropicMessages: return json["metadata"]?["user_id"]?.stringValue
        case .gemini: return nil
        }
    }
}
