import FaultlineSuite

/// Where the money went: tokens and dollars split into useful and wasted (billed on
/// attempts that delivered nothing — a cut stream still bills what it sent), and the
/// effective cost per success against the fault-free baseline.
struct CostBreakdown {
    var scenario: ScenarioResult

    var html: String {
        let billed = sum("tokens.billed_input", "tokens.billed_output")
        let wasted = sum("tokens.wasted_input", "tokens.wasted_output")
        let total = scenario.metric("cost.total_usd")
        let wastedUSD = scenario.metric("cost.wasted_usd")
        var out = ""
        if let billed {
            out += split(label: "tokens", total: billed, wasted: wasted ?? 0, format: { HTMLFormat.number($0) })
        }
        if let total {
            out += split(label: "dollars", total: total, wasted: wastedUSD ?? 0, format: { HTMLFormat.dollars($0) })
        }
        var rows: [(String, String, String)] = []
        if let perSuccess = scenario.metric("cost.per_success_usd") {
            rows.append(("cost per success", HTMLFormat.dollars(perSuccess), ""))
            if let baseline = scenario.baseline?.first(where: { $0.name == "cost.per_success_usd" })?.value {
                rows.append(("baseline (no faults)", HTMLFormat.dollars(baseline), ""))
                if baseline > 0, baseline.isFinite, perSuccess.isFinite {
                    let change = perSuccess / baseline - 1
                    let sign = change >= 0 ? "+" : "−"
                    rows.append(("vs baseline", sign + HTMLFormat.percent(abs(change)), change > 0.2 ? "bad" : change > 0.05 ? "warn" : "good"))
                }
            }
        }
        if let ratio = scenario.metric("cost.overhead_ratio") {
            let tone = !ratio.isFinite || ratio > 1.5 ? "bad" : ratio > 1.1 ? "warn" : "good"
            rows.append(("overhead ratio", "×" + HTMLFormat.number((ratio * 100).rounded() / 100), tone))
        }
        if let waste = scenario.metric("timeout_waste_s"), waste > 0 {
            rows.append(("waiting on timeouts", HTMLFormat.milliseconds(waste * 1000), "warn"))
        }
        if !rows.isEmpty {
            out += "<dl class=\"figures\">\n"
            for (label, value, tone) in rows {
                out += "<div><dt>\(label)</dt><dd class=\"\(tone)\">\(HTMLFormat.text(value))</dd></div>\n"
            }
            out += "</dl>\n"
        }
        return out.isEmpty ? "<p class=\"empty\">No cost recorded.</p>\n" : out
    }

    private func sum(_ names: String...) -> Double? {
        let values = names.compactMap { scenario.metric($0) }.filter(\.isFinite)
        return values.isEmpty ? nil : values.reduce(0, +)
    }

    /// One row: a two-part bar (useful, wasted) and its figures.
    private func split(label: String, total: Double, wasted: Double, format: (Double) -> String) -> String {
        let wasted = min(max(0, wasted), max(0, total))
        let useful = max(0, total - wasted)
        let share = total > 0 ? wasted / total : 0
        var out = "<div class=\"split\">\n<span class=\"split-label\">\(label)</span>\n"
        out += "<svg class=\"bar small\" viewBox=\"0 0 1000 14\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(label): useful and wasted\">"
        if total > 0 {
            let usefulWidth = useful / total * 1000
            out += "<rect class=\"useful\" x=\"0\" y=\"0\" width=\"\(HTMLFormat.coordinate(usefulWidth))\" height=\"14\"><title>useful \(format(useful))</title></rect>"
            out += "<rect class=\"wasted\" x=\"\(HTMLFormat.coordinate(usefulWidth))\" y=\"0\" width=\"\(HTMLFormat.coordinate(1000 - usefulWidth))\" height=\"14\"><title>wasted \(format(wasted))</title></rect>"
        } else {
            out += "<rect class=\"none\" x=\"0\" y=\"0\" width=\"1000\" height=\"14\"/>"
        }
        out += "</svg>\n<span class=\"split-figures\"><span class=\"swatch useful\"></span>useful \(format(useful)) "
        out += "<span class=\"swatch wasted\"></span>wasted \(format(wasted)) <span class=\"sub\">(\(HTMLFormat.percent(share)))</span></span>\n</div>\n"
        return out
    }
}
