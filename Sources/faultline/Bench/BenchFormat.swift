/// The one-line figures `faultline bench` prints, so scripts can read them:
/// `name: p50 1.2 µs, p99 6.8 µs`, `name: 123456 chunks/s`, `name: 512.3 MB/s`.
enum BenchFormat {
    /// Latency percentiles of per-operation samples; `n/a` when there are none.
    static func latency(_ name: String, _ samples: [Duration]) -> String {
        let sorted = samples.sorted()
        func micros(_ quantile: Double) -> String {
            guard !sorted.isEmpty else { return "n/a" }
            let sample = sorted[min(sorted.count - 1, Int(Double(sorted.count) * quantile))]
            return oneDecimal(seconds(sample) * 1e6) + " µs"
        }
        return "\(name): p50 \(micros(0.5)), p99 \(micros(0.99))"
    }

    /// Bytes per second in MB/s (10^6 bytes).
    static func megabytesPerSecond(_ name: String, bytes: Int, in duration: Duration) -> String {
        "\(name): \(oneDecimal(Double(bytes) / 1e6 / max(seconds(duration), 1e-12))) MB/s"
    }

    /// Whole items per second, e.g. stream chunks.
    static func perSecond(_ name: String, count: Int, unit: String, in duration: Duration) -> String {
        "\(name): \(Int((Double(count) / max(seconds(duration), 1e-12)).rounded())) \(unit)/s"
    }

    static func unavailable(_ name: String, _ reason: String) -> String { "\(name): unavailable (\(reason))" }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// `%.1f` without Foundation: rounds half away from zero to one decimal.
    static func oneDecimal(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let tenths = Int((abs(value) * 10).rounded())
        return (value < 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
    }
}
