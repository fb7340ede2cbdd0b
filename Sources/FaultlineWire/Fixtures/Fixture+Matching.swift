/// The rule that picks the fixture answering a request (fixtures/README.md, "Matching"):
/// same dialect, same stream switch, same text of the last user message. The mock's
/// `ResponseSource` indexes fixtures by this key, and `faultline check` reports fixtures
/// the key cannot tell apart, so both use this one definition.
extension Fixture {
    public struct MatchKey: Sendable, Hashable {
        public var dialect: DialectID
        public var stream: Bool
        public var lastUserText: String

        public init(dialect: DialectID, stream: Bool, lastUserText: String) {
            self.dialect = dialect
            self.stream = stream
            self.lastUserText = lastUserText
        }

        /// The key a request is looked up by.
        public init(request: ChatRequest, dialect: DialectID) {
            self.init(dialect: dialect, stream: request.stream, lastUserText: request.lastUserText)
        }
    }

    /// The key this fixture answers to (its recorded response decides the stream switch);
    /// nil when the recorded request does not decode, so that nothing can match it.
    public var matchKey: MatchKey? {
        guard case .success(let request) = dialect.dialect.decodeRequest(self.request) else { return nil }
        return MatchKey(dialect: dialect, stream: isStream, lastUserText: request.lastUserText)
    }

    /// Two fixtures the matching rule cannot tell apart: only `first` (in name order) is
    /// ever served, `second` never is.
    public struct Ambiguity: Sendable, Hashable, CustomStringConvertible {
        public var first: String
        public var second: String
        public var key: MatchKey

        public var description: String {
            let prompt = key.lastUserText.count > 60 ? String(key.lastUserText.prefix(57)) + "..." : key.lastUserText
            return "fixtures/\(first) and fixtures/\(second): the mock cannot tell them apart (same dialect, "
                + "\(key.stream ? "both streamed" : "both not streamed"), same last user message \"\(prompt)\"); "
                + "only \(first) is ever served; give one its own prompt in request.json"
        }
    }

    /// Every fixture that shares its match key with an earlier one (in name order), paired with that earlier one.
    public static func ambiguities(_ fixtures: [Fixture]) -> [Ambiguity] {
        var seen: [MatchKey: String] = [:]
        var out: [Ambiguity] = []
        for fixture in fixtures.sorted(by: { $0.name < $1.name }) {
            guard let key = fixture.matchKey else { continue }
            if let first = seen[key] {
                out.append(Ambiguity(first: first, second: fixture.name, key: key))
            } else {
                seen[key] = fixture.name
            }
        }
        return out
    }
}

extension ChatRequest {
    /// The text of the last user message: the key fixtures are matched on.
    public var lastUserText: String {
        messages.last { $0.role == .user }?.text ?? ""
    }
}
