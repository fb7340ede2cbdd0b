import FaultlineWire
import Testing

@testable import FaultlineChaos

/// `masked_upstream_fault`: a task the client got as a success although every upstream
/// answer for it was broken.
struct MaskedUpstreamFaultTests {
    static func entry(
        _ id: Int, user: String?, provider: String = "openai-primary", status: Int? = 200, faults: [String] = [],
        outcome: JournalEntry.Outcome = .completed
    ) -> JournalEntry {
        JournalEntry(
            id: id, received: Double(id), provider: provider, dialect: .openAIChat, path: "/v1/chat/completions",
            faults: faults, status: status, outcome: outcome, endUser: user)
    }

    @Test(arguments: [
        (200, ["truncate(after_chunks=2)"], JournalEntry.Outcome.completed, true),
        (200, ["missing_done"], .completed, true),
        (200, ["reset_mid_stream(after_chunks=2)"], .reset, true),
        (503, ["outage"], .completed, true),
        (200, ["latency(ms=10)"], .completed, false),
        (200, ["drift(add=foo)"], .completed, false),
        (200, [], .completed, false),
    ])
    func aTruncatedStreamIsBrokenThoughItsStatusIs200(status: Int, faults: [String], outcome: JournalEntry.Outcome, broken: Bool) {
        #expect(Self.entry(1, user: nil, status: status, faults: faults, outcome: outcome).brokenAnswer() == broken)
    }

    @Test func aSuccessFromOnlyBrokenAnswersIsMasked() {
        let entries = [
            Self.entry(1, user: "t0", faults: ["truncate(after_chunks=2)"]),
            Self.entry(2, user: "t1", faults: ["truncate(after_chunks=2)"]),
            Self.entry(3, user: "t1", provider: "openai-backup"),
            Self.entry(4, user: "t2", status: 503, faults: ["outage"]),
            Self.entry(5, user: "t2", provider: "openai-backup", faults: ["reset_mid_stream(after_chunks=1)"], outcome: .reset),
            Self.entry(6, user: "t3", faults: ["truncate"]),
        ]
        // t0 and t2 delivered from broken answers only; t1 had a good fallback; t3 was not delivered.
        let verdicts = Verdicts.maskedUpstreamFaults(entries, delivered: ["t0", "t1", "t2"])
        #expect(verdicts.map(\.requests) == [[1], [4, 5]])
        #expect(verdicts.allSatisfy { $0.name == .maskedUpstreamFault })
        #expect(verdicts[1].message.contains("task `t2` was delivered as a success"))
        #expect(verdicts[1].message.contains("#5 openai-backup reset_mid_stream(after_chunks=1)"), "\(verdicts[1].message)")
    }

    @Test func requestsWithoutAnEndUserAreNotJudged() {
        let entries = [Self.entry(1, user: nil, faults: ["truncate"])]
        #expect(Verdicts.maskedUpstreamFaults(entries, delivered: ["t0"]).isEmpty)
    }

    @Test func theEndUserIsReadPerDialect() {
        #expect(EndUser.read(Array(#"{"model":"m","user":"faultline-task-3"}"#.utf8), dialect: .openAIChat) == "faultline-task-3")
        #expect(EndUser.read(Array(#"{"metadata":{"user_id":"faultline-task-4"}}"#.utf8), dialect: .anthropicMessages) == "faultline-task-4")
        #expect(EndUser.read(Array(#"{"user":"x"}"#.utf8), dialect: .gemini) == nil)
        #expect(EndUser.read(Array("not json".utf8), dialect: .openAIChat) == nil)
    }

    @Test func theEndUserRoundTripsThroughTheJournalsJSON() throws {
        let entry = Self.entry(9, user: "faultline-task-9")
        #expect(JournalEntry(json: try JSONValue(parsing: entry.json.bytes)) == entry)
        #expect(Self.entry(9, user: nil).json["end_user"] == nil)
    }
}
