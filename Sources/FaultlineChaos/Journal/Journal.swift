import Synchronization

/// The mock's request journal: thread-safe, in arrival order, bounded so a long load
/// test cannot grow the mock's memory without end (the oldest entries go first and
/// `dropped` counts them).
public final class Journal: Sendable {
    private struct Storage {
        var entries: [JournalEntry] = []
        /// `id` of `entries[0]`.
        var firstID = 1
        var nextID = 1
        var nextConnection = 1
        var dropped = 0
    }

    private let storage = Mutex(Storage())
    public let capacity: Int

    public init(capacity: Int = 10_000) { self.capacity = max(1, capacity) }

    /// Records a new entry and returns it with its `id` set.
    @discardableResult
    public func record(_ entry: JournalEntry) -> JournalEntry {
        storage.withLock { s in
            var entry = entry
            entry.id = s.nextID
            s.nextID += 1
            if s.entries.count >= capacity {
                // Drop a tenth at once so trimming stays amortised O(1) per request.
                let drop = min(max(1, capacity / 10), s.entries.count)
                s.entries.removeFirst(drop)
                s.firstID += drop
                s.dropped += drop
            }
            s.entries.append(entry)
            return entry
        }
    }

    /// Replaces the entry with `entry.id`, if it is still kept.
    public func update(_ entry: JournalEntry) {
        storage.withLock { s in
            let index = entry.id - s.firstID
            guard index >= 0, index < s.entries.count, s.entries[index].id == entry.id else { return }
            s.entries[index] = entry
        }
    }

    /// A fresh connection number.
    func nextConnection() -> Int {
        storage.withLock { s in
            defer { s.nextConnection += 1 }
            return s.nextConnection
        }
    }

    public var entries: [JournalEntry] { storage.withLock { $0.entries } }
    public var dropped: Int { storage.withLock { $0.dropped } }

    /// Forgets every entry; ids keep counting so an old id never names a new request.
    public func clear() {
        storage.withLock { s in
            s.firstID = s.nextID
            s.entries.removeAll(keepingCapacity: false)
            s.dropped = 0
        }
    }
}
