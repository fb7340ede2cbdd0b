import FaultlineWire
import Synchronization

/// Clean answers by request bytes: the same request body on the same path and dialect
/// always decodes and generates the same answer, so the hot path of a load test is one
/// hash lookup instead of a decode, a generation and an encode.
///
/// A request is kept on its second sighting only (a doorkeeper of hashes remembers the
/// first), so traffic that never repeats costs one hash and one set insert, not an entry
/// built, stored and later evicted. Bounded: when full it starts over, with the old
/// entries freed outside the lock, which keeps memory flat.
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
        /// Hashed once: the dictionary and the doorkeeper both use it, and it covers the
        /// body as one block of memory rather than byte by byte.
        let hash: Int

        init(dialect: DialectID, path: String, body: [UInt8]) {
            self.dialect = dialect
            self.path = path
            self.body = body
            var hasher = Hasher()
            hasher.combine(dialect)
            hasher.combine(path)
            body.withUnsafeBytes { hasher.combine(bytes: $0) }
            hash = hasher.finalize()
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (a: Key, b: Key) -> Bool {
            a.hash == b.hash && a.dialect == b.dialect && a.path == b.path && a.body == b.body
        }
    }

    private struct Storage {
        var entries: [Key: Entry] = [:]
        /// Hashes of requests seen once and not kept.
        var seen: Set<Int> = []
    }

    private enum Lookup {
        case hit(Entry)
        case firstSighting
        case secondSighting
    }

    private let storage = Mutex(Storage())
    private let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    func answer(for request: MockRequest, make: () -> Entry) -> Entry {
        let key = Key(dialect: request.dialect, path: request.wire.path, body: request.wire.body)
        let lookup = storage.withLock { s -> Lookup in
            if let hit = s.entries[key] { return .hit(hit) }
            if s.seen.remove(key.hash) != nil { return .secondSighting }
            if s.seen.count >= limit * 4 { s.seen.removeAll(keepingCapacity: true) }
            s.seen.insert(key.hash)
            return .firstSighting
        }
        switch lookup {
        case .hit(let entry):
            return entry
        case .firstSighting:
            return make()
        case .secondSighting:
            let entry = make()
            let evicted = storage.withLock { s -> [Key: Entry]? in
                var evicted: [Key: Entry]?
                if s.entries.count >= limit { evicted = s.entries; s.entries = [:] }
                s.entries[key] = entry
                return evicted
            }
            _ = evicted  // freed here, after the lock
            return entry
        }
    }

    /// Entries kept (tests).
    var count: Int { storage.withLock { $0.entries.count } }
}
