import FaultlineWire
import Testing

@testable import FaultlineChaos

struct JournalEntryTests {
    static let sample = JournalEntry(
        id: 7, connection: 3, received: 1.25, provider: "openai-primary", dialect: .openAIChat,
        path: "/v1/chat/completions", keyID: "key_0badf00d", fingerprint: "abc", retryCount: 1,
        faults: ["throttle(retry_after=2)"], status: 429, retryAfter: 2, bytesSent: 120, chunksSent: 1,
        firstByte: 1.26, lastByte: 1.26, ended: 1.26, outcome: .completed)

    @Test func jsonRoundTrips() throws {
        let json = Self.sample.json
        let reparsed = try JSONValue(parsing: json.bytes)
        #expect(JournalEntry(json: reparsed) == Self.sample)
    }

    @Test func jsonFieldOrderIsFixed() {
        let keys = Self.sample.json.objectValue?.keys ?? []
        #expect(keys.first == "id")
        #expect(keys.last == "outcome")
        #expect(keys.contains("key_id") && keys.contains("retry_count") && keys.contains("first_byte"))
        #expect(Self.sample.json.bytes == Self.sample.json.bytes)
    }

    @Test(arguments: [
        (429, JournalEntry.Outcome.completed, true), (200, .completed, false), (200, .reset, true),
        (200, .inProgress, false), (200, .closed, true),
    ])
    func failedMeansNoUsableAnswer(status: Int, outcome: JournalEntry.Outcome, failed: Bool) {
        var entry = Self.sample
        entry.status = status
        entry.outcome = outcome
        #expect(entry.failed == failed)
    }
}
