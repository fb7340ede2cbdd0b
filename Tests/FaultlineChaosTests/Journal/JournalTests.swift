import Testing

@testable import FaultlineChaos

struct JournalTests {
    static func entry(_ path: String) -> JournalEntry {
        JournalEntry(id: 0, received: 0, dialect: .gemini, path: path)
    }

    @Test func recordAssignsIdsInOrderAndUpdateReplaces() {
        let journal = Journal()
        let first = journal.record(Self.entry("/a"))
        var second = journal.record(Self.entry("/b"))
        #expect((first.id, second.id) == (1, 2))
        second.status = 429
        journal.update(second)
        #expect(journal.entries.map(\.status) == [nil, 429])
    }

    @Test func capacityDropsOldestAndCountsThem() {
        let journal = Journal(capacity: 10)
        for n in 0..<25 { journal.record(Self.entry("/\(n)")) }
        #expect(journal.entries.count <= 10)
        #expect(journal.entries.last?.path == "/24")
        #expect(journal.dropped + journal.entries.count == 25)
        // An update of a dropped entry is ignored, not misapplied.
        var old = JournalEntry(id: 1, received: 0, dialect: nil, path: "/x")
        old.status = 500
        journal.update(old)
        #expect(!journal.entries.contains { $0.status == 500 })
    }

    @Test func clearKeepsIdsGrowing() {
        let journal = Journal()
        journal.record(Self.entry("/a"))
        journal.clear()
        #expect(journal.entries.isEmpty)
        #expect(journal.record(Self.entry("/b")).id == 2)
    }

    @Test func concurrentRecordsAreAllKept() async {
        let journal = Journal()
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<8 {
                group.addTask { for m in 0..<100 { journal.record(Self.entry("/\(n)/\(m)")) } }
            }
        }
        #expect(journal.entries.count == 800)
        #expect(Set(journal.entries.map(\.id)).count == 800)
    }
}
