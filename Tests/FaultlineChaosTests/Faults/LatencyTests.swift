@testable import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct LatencyTests {
    static func samples(_ text: String, count: Int = 20_000) throws -> [Double] {
        let latency = try #require(try FaultCatalogue.make(FaultSpec(parsing: text)).fault as? Latency)
        var random = SeededRandom(seed: 99)
        return (0..<count).map { _ in latency.sample(&random) }.sorted()
    }

    @Test func fixedIsExact() throws {
        #expect(try Self.samples("latency(ms=120)", count: 10).allSatisfy { $0 == 120 })
    }

    @Test(arguments: ["uniform", "normal", "lognormal"])
    func distributionsHitTheirMedianAndP99(dist: String) throws {
        let s = try Self.samples("latency(ms=100, dist=\(dist), p99=300)")
        let median = s[s.count / 2]
        let p99 = s[s.count * 99 / 100]
        #expect(s.allSatisfy { $0 >= 0 })
        #expect(abs(median - 100) < 5, "\(dist) median \(median)")
        #expect(abs(p99 - 300) < 20, "\(dist) p99 \(p99)")
    }

    @Test(arguments: ["lognormal", "normal", "uniform"])
    func aWideTailIsCutAtAnHour(dist: String) throws {
        // sigma = ln(3.6e9) / 2.33 ≈ 9.4: unbounded, the tail draws 10^30 ms and more.
        let s = try Self.samples("latency(ms=0.001, dist=\(dist), p99=3600000)")
        #expect(s.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= Latency.maximumMs })
    }

    @Test func p99BelowTheMeanIsRefused() {
        #expect(throws: FaultSpecError.self) { try FaultSpec(parsing: "latency(ms=100, p99=50)") }
    }
}
