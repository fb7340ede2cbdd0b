import FaultlineSuite

/// The `outcome.*` counts as one stacked horizontal bar, best outcome on the left and
/// "available nonsense" (delivered but invalid, the worst) on the right, with a legend.
struct OutcomeBar {
    var scenario: ScenarioResult

    /// Outcome colours from calm to alarming; the CSS legend uses the same classes.
    static let outcomes: [(name: String, label: String)] = [
        ("clean", "clean"), ("repaired", "repaired"), ("retried", "retried"),
        ("fell_back", "fell back"), ("failed", "failed"), ("nonsense", "nonsense"),
    ]

    var counts: [(name: String, label: String, count: Double)] {
        Self.outcomes.map { outcome in
            let value = scenario.metric("outcome." + outcome.name) ?? 0
            return (outcome.name, outcome.label, value.isFinite ? max(0, value) : 0)
        }
    }

    var html: String {
        let counts = counts
        let total = counts.reduce(0) { $0 + $1.count }
        guard total > 0 else { return "<p class=\"empty\">No outcomes recorded.</p>\n" }
        var out = "<svg class=\"bar\" viewBox=\"0 0 1000 24\" preserveAspectRatio=\"none\" role=\"img\" "
        out += "aria-label=\"outcomes of \(HTMLFormat.number(total)) tasks\">\n"
        var x = 0.0
        for outcome in counts where outcome.count > 0 {
            let width = outcome.count / total * 1000
            out += "<rect class=\"o-\(outcome.name)\" x=\"\(HTMLFormat.coordinate(x))\" y=\"0\" "
            out += "width=\"\(HTMLFormat.coordinate(width))\" height=\"24\">"
            out += "<title>\(outcome.label): \(HTMLFormat.number(outcome.count)) (\(HTMLFormat.percent(outcome.count / total)))</title></rect>\n"
            x += width
        }
        out += "</svg>\n<ul class=\"legend\">\n"
        for outcome in counts {
            out += "<li\(outcome.count == 0 ? " class=\"zero\"" : "")><span class=\"swatch o-\(outcome.name)\"></span>\(outcome.label) "
            out += "<b>\(HTMLFormat.number(outcome.count))</b> <span class=\"sub\">\(HTMLFormat.percent(outcome.count / total))</span></li>\n"
        }
        return out + "</ul>\n"
    }
}
