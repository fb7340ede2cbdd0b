import FaultlineSuite

/// The scenario against the `--baseline` run it was gated on: each key figure's old and new
/// value and the change, green when better for that metric, red when worse.
struct BaselineDeltas {
    var scenario: ScenarioResult

    var html: String {
        var out = "<dl class=\"figures\">\n"
        for name in MarkdownReport.comparedFigures {
            guard let new = scenario.metric(name), let old = scenario.previous?.first(where: { $0.name == name })?.value else { continue }
            let improved = MetricDirection(name).isImprovement(old: old, new: new)
            let tone = improved.map { $0 ? "good" : "bad" } ?? ""
            let arrow = new > old ? "▲ " : new < old ? "▼ " : "= "
            let change = old == 0 || old == new ? "" : " (\(new > old ? "+" : "−")\(HTMLFormat.percent(abs(new - old) / abs(old))))"
            out += "<div><dt>\(HTMLFormat.text(name))</dt><dd class=\"\(tone)\">\(arrow)\(HTMLFormat.number(old)) → \(HTMLFormat.number(new))\(change)</dd></div>\n"
        }
        return out + "</dl>\n"
    }
}
