@testable import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct FaultPlanTests {
    static func faults(_ text: String) throws -> [ScheduledFault] {
        try FaultSpec.parseList(text).map(FaultCatalogue.make)
    }

    static func hits(_ text: String, seed: UInt64 = 1, requests: ClosedRange<Int> = 1...20, elapsed: (Int) -> Double = { _ in 0 }) throws -> [Int] {
        let plan = FaultPlan(seed: seed)
        let faults = try faults(text)
        return requests.filter { !plan.choose(faults, provider: "p", index: $0, elapsed: elapsed($0)).isEmpty }
    }

    @Test func firstHitsOnlyTheFirstRequests() throws {
        #expect(try Self.hits("reset(first=3)") == [1, 2, 3])
    }

    @Test func everyHitsEveryNthRequest() throws {
        #expect(try Self.hits("reset(every=5)") == [5, 10, 15, 20])
    }

    @Test func windowHitsOnlyInsideItsSeconds() throws {
        // request i arrives at i seconds
        #expect(try Self.hits("reset(window=5..8)", elapsed: { Double($0) }) == [5, 6, 7])
        #expect(try Self.hits("reset(window=..3)", elapsed: { Double($0) }) == [1, 2])
        #expect(try Self.hits("reset(window=18..)", elapsed: { Double($0) }) == [18, 19, 20])
    }

    @Test func conditionsCombine() throws {
        #expect(try Self.hits("reset(first=10, every=3)") == [3, 6, 9])
    }

    @Test(arguments: [0.1, 0.3, 0.5, 0.9])
    func probabilityHitsAboutThatShare(p: Double) throws {
        let hits = try Self.hits("reset(p=\(p))", seed: 42, requests: 1...4000)
        let share = Double(hits.count) / 4000
        #expect(abs(share - p) < 0.03, "p=\(p) hit \(share)")
    }

    @Test func sameSeedSameChoicesWhateverTheOrderAsked() throws {
        let faults = try Self.faults("reset(p=0.5); latency(ms=5, p=0.5)")
        let plan = FaultPlan(seed: 9)
        let forward = (1...50).map { plan.choose(faults, provider: "a", index: $0, elapsed: 0).map(\.spec) }
        let backward = (1...50).reversed().map { plan.choose(faults, provider: "a", index: $0, elapsed: 0).map(\.spec) }
        #expect(forward == backward.reversed())
        let other = (1...50).map { FaultPlan(seed: 10).choose(faults, provider: "a", index: $0, elapsed: 0).map(\.spec) }
        #expect(forward != other)
    }

    @Test func providersDrawIndependently() throws {
        let faults = try Self.faults("reset(p=0.5)")
        let plan = FaultPlan(seed: 3)
        let a = (1...64).map { plan.choose(faults, provider: "a", index: $0, elapsed: 0).count }
        let b = (1...64).map { plan.choose(faults, provider: "b", index: $0, elapsed: 0).count }
        #expect(a != b)
    }

    @Test func chosenFaultsAreOrderedByStageNotByWriting() throws {
        let faults = try Self.faults("latency(ms=5); reset; fenced_json")
        let chosen = FaultPlan(seed: 0).choose(faults, provider: "p", index: 1, elapsed: 0)
        #expect(chosen.map(\.spec.name) == ["fenced_json", "reset", "latency"])
    }
}
