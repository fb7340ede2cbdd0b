import FaultlineWire
import Synchronization

/// Clean answers by request bytes: the same request body on the same path and dialect
/// always decodes and generates the same answer, so the hot path of a load test is one
/// hash lookup instead of a decode, a generation and an encode. Bounded: when full it
/// starts over, which keeps memory flat under requests that never repeat.
final class AnswerCache: Sendable {
    struct Entry: Sendable {
        var request: Result<ChatRequest, ProviderError>
        /// The full clean script (no faults).
        var script: ResponseScript
        /// The clean answer encoded, for faults that act after encoding (nil for a bad request).
        var encoded: ResponseDraft?
        /// The answer's tokens, input and output: what a `rate_limit` token bucket is charged.
        var tokens: Int
        /// Gemini's allowed function names, when the request gave them.
        var allowedTools: [String]? = nil
    }

    struct Key: Hashable, Sendable {
        var dialect: DialectID
        var path: String
        var body: [UInt8]

        /// Hashes the body as one block of memory rather than byte by byte: this runs on every request.
        func hash(into hasher: inout Hasher) {
            hasher.combine(dialect)
            hasher.combine(path)
            body.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func answer(for request: MockRequest, make: () -> Entry) -> Entry {
        let key = Key(dialect: request.dialect, path: request.wire.path, body: request.wire.body)
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let entry = make()
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
        return entry
    }
}
