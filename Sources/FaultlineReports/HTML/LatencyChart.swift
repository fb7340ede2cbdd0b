import Foundation
import FaultlineSuite

/// The end-to-end latency CDF as an inline SVG step line, with p50/p95/p99 marked.
/// Chaos latencies are heavy-tailed (a retry-after of 2 s next to 20 ms answers), so the
/// x axis turns logarithmic when the spread exceeds two decades; else it stays linear.
struct LatencyChart {
    var scenario: ScenarioResult

    static let width = 520.0
    static let height = 230.0
    static let left = 46.0, right = 14.0, top = 48.0, bottom = 34.0

    var html: String {
        let points = scenario.latencyCDF.filter { $0.latencyMs.isFinite && $0.fraction.isFinite }
        let marks = [("p50", "latency_ms.p50"), ("p95", "latency_ms.p95"), ("p99", "latency_ms.p99")].compactMap { label, name in
            scenario.metric(name).flatMap { $0.isFinite ? (label, $0) : nil }
        }
        guard !points.isEmpty else {
            guard !marks.isEmpty else { return "<p class=\"empty\">No latency samples.</p>\n" }
            return "<p class=\"sub\">" + marks.map { "\($0.0) \(HTMLFormat.milliseconds($0.1))" }.joined(separator: " · ") + "</p>\n"
        }
        let scale = AxisScale(values: points.map(\.latencyMs) + marks.map(\.1))
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        func x(_ ms: Double) -> String { HTMLFormat.coordinate(Self.left + scale.position(ms) * plotWidth) }
        func y(_ fraction: Double) -> String { HTMLFormat.coordinate(Self.top + (1 - min(1, max(0, fraction))) * plotHeight) }
        let bottomY = y(0)

        var out = "<svg class=\"chart\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" "
        out += "aria-label=\"latency CDF\">\n"
        // Grid and y axis: 0, 25, 50, 75, 100 %.
        for step in 0...4 {
            let fraction = Double(step) / 4
            out += "<line class=\"grid\" x1=\"\(x(scale.lower))\" x2=\"\(x(scale.upper))\" y1=\"\(y(fraction))\" y2=\"\(y(fraction))\"/>"
            out += "<text class=\"tick\" x=\"\(HTMLFormat.coordinate(Self.left - 6))\" y=\"\(y(fraction))\" dy=\"3\" text-anchor=\"end\">\(step * 25)%</text>\n"
        }
        for tick in scale.ticks {
            out += "<line class=\"axis\" x1=\"\(x(tick))\" x2=\"\(x(tick))\" y1=\"\(bottomY)\" y2=\"\(HTMLFormat.coordinate(Self.top + plotHeight + 4))\"/>"
            out += "<text class=\"tick\" x=\"\(x(tick))\" y=\"\(HTMLFormat.coordinate(Self.top + plotHeight + 16))\" text-anchor=\"middle\">\(Self.tickLabel(tick))</text>\n"
        }
        out += "<text class=\"axis-label\" x=\"\(HTMLFormat.coordinate(Self.left + plotWidth))\" y=\"\(HTMLFormat.coordinate(Self.height - 3))\" text-anchor=\"end\">"
        out += "latency\(scale.logarithmic ? " (log scale)" : "")</text>\n"

        // Empirical CDF as steps: flat until the next sample, then up to its fraction.
        var path = "M\(x(scale.lower)) \(bottomY)"
        for point in points.sorted(by: { $0.latencyMs < $1.latencyMs }) {
            path += " H\(x(point.latencyMs)) V\(y(point.fraction))"
        }
        path += " H\(x(scale.upper))"
        out += "<path class=\"area\" d=\"\(path) V\(bottomY) Z\"/>\n"
        out += "<path class=\"cdf\" d=\"\(path)\"/>\n"

        // Percentile markers, labels staggered so close percentiles stay readable.
        for (index, mark) in marks.enumerated() {
            let position = Self.left + scale.position(mark.1) * plotWidth
            let labelY = HTMLFormat.coordinate(12 + Double(index) * 13)
            let anchor = position > Self.left + plotWidth * 0.7 ? "end" : "start"
            let dx = anchor == "end" ? "-4" : "4"
            out += "<line class=\"mark \(mark.0)\" x1=\"\(HTMLFormat.coordinate(position))\" x2=\"\(HTMLFormat.coordinate(position))\" "
            out += "y1=\"\(labelY)\" y2=\"\(bottomY)\"/>"
            out += "<text class=\"mark-label \(mark.0)\" x=\"\(HTMLFormat.coordinate(position))\" y=\"\(labelY)\" dx=\"\(dx)\" dy=\"4\" "
            out += "text-anchor=\"\(anchor)\">\(mark.0) \(HTMLFormat.milliseconds(mark.1))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// `1 ms`, `250 ms`, `4 s`: axis ticks are round numbers, so no decimals needed.
    /// Figures can come from merged report files, so a huge or non-finite one prints, never traps.
    static func tickLabel(_ ms: Double) -> String {
        if ms >= 1000 {
            let seconds = ms / 1000
            return (seconds == seconds.rounded() && seconds < 1e15 ? String(Int(seconds)) : String(format: "%.1f", seconds)) + " s"
        }
        return (ms == ms.rounded() && abs(ms) < 1e15 ? String(Int(ms)) : String(format: "%g", ms)) + " ms"
    }
}
