import FaultlineWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `latency(ms, dist=fixed|uniform|normal|lognormal, p99)`: time before the response head.
/// Imitates a provider under load, where time to first byte has a long tail (the
/// OpenAI and Anthropic status pages' "elevated latency" incidents): `ms` is the mean
/// (median for lognormal), `p99` shapes the tail.
public struct Latency: Fault {
    public static let name = "latency"
    public static let parameters: [String] = ["ms", "dist", "p99"]
    public static let stage = FaultStage.timing

    public var ms: Double
    public var distribution: String
    public var p99: Double?

    /// The cap of `ms`, `p99` and of every drawn delay: one hour.
    public static let maximumMs: Double = 3_600_000

    /// One delay in milliseconds, never negative and never above `maximumMs` (a lognormal
    /// tail with a wide `p99` would otherwise draw delays of 10^40 ms).
    public func sample(_ random: inout SeededRandom) -> Double {
        let drawn = unboundedSample(&random)
        return drawn.isFinite ? min(max(0, drawn), Self.maximumMs) : Self.maximumMs
    }

    private func unboundedSample(_ random: inout SeededRandom) -> Double {
        // z of the 99th percentile of a standard normal.
        let z99 = 2.3263
        switch distribution {
        case "uniform":
            let high = p99.map { ms + ($0 - ms) / 0.98 } ?? ms * 2
            return max(0, ms - (high - ms) + random.unit() * 2 * (high - ms))
        case "normal":
            let sd = p99.map { ($0 - ms) / z99 } ?? ms / 4
            return max(0, ms + sd * Self.gaussian(&random))
        case "lognormal":
            guard ms > 0 else { return 0 }
            let sigma = p99.map { log($0 / ms) / z99 } ?? 0.5
            return ms * exp(sigma * Self.gaussian(&random))
        default:
            return ms
        }
    }

    /// A standard normal draw (Box-Muller).
    static func gaussian(_ random: inout SeededRandom) -> Double {
        let u1 = max(random.unit(), 1e-12)
        let u2 = random.unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        ms = try arguments.double("ms", default: 1000, in: 0...Self.maximumMs)
        distribution = try arguments.choice("dist", ["fixed", "uniform", "normal", "lognormal"], default: "fixed")
        p99 = try arguments.optionalDouble("p99", in: 0...Self.maximumMs)
        if let p99, p99 < ms { throw FaultSpecError("latency: `p99` (\(p99)) must not be below `ms` (\(ms))") }
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        draft.firstByteMs += sample(&random)
    }
}
