@testable import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct FaultCatalogueTests {
    /// DESIGN.md's catalogue, group by group.
    static let design = [
        "latency", "slow_first_token", "chunk_gap", "stall", "hang", "bandwidth",
        "reset", "reset_mid_stream", "truncate", "empty_reply", "garbage",
        "throttle", "rate_limit", "overloaded", "server_error", "quota_exhausted", "context_overflow",
        "content_filter", "auth_error", "outage",
        "drift", "unknown_finish_reason", "tool_args_object", "fenced_json", "invalid_json", "empty_choices",
        "null_content", "missing_usage",
        "malformed_chunk", "duplicate_chunk", "drop_chunk", "missing_done", "error_event", "split_utf8",
        "keepalive", "sse_fields", "missing_event_name",
    ]

    @Test func namesAreExactlyDesignsCatalogue() {
        #expect(FaultCatalogue.names == Self.design)
        #expect(Set(FaultCatalogue.names).count == FaultCatalogue.names.count)
    }

    @Test func signaturesNameTheParameters() {
        #expect(FaultCatalogue.signatures.count == Self.design.count)
        #expect(FaultCatalogue.signatures.contains("latency(ms, dist, p99)"))
        #expect(FaultCatalogue.signatures.contains("reset"))
    }

    @Test func everyFaultTakesTheSchedulingParameters() throws {
        for type in FaultCatalogue.types {
            let required = type.name == "drift" ? "drop=usage, " : type.name == "rate_limit" ? "rpm=5, " : ""
            let spec = try FaultSpec(parsing: "\(type.name)(\(required)p=0.5, first=2, every=3, window=0..10)")
            let built = try FaultCatalogue.make(spec)
            #expect(built.schedule == FaultSchedule(probability: 0.5, first: 2, every: 3, window: 0...10))
        }
    }

    @Test(arguments: [("latncy", "latency"), ("trottle", "throttle"), ("split_utf", "split_utf8"), ("keepalve", "keepalive")])
    func closestNameIsSuggested(typo: String, expected: String) {
        #expect(FaultCatalogue.closest(to: typo) == expected)
    }

    @Test func farOffNamesGetNoSuggestion() {
        #expect(FaultCatalogue.closest(to: "qqqqqqqqqqqq") == nil)
    }
}
