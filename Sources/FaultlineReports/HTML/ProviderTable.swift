import FaultlineSuite

/// Per provider of the chain: how often it was tried and how it behaved. Shape stability
/// and health are coloured, since those are what tell a flaky provider from a broken one.
struct ProviderTable {
    var providers: [ProviderMetrics]

    var html: String {
        var out = "<div class=\"scroll\"><table class=\"providers\">\n<thead><tr><th>provider</th>"
        out += "<th class=\"num\">attempts</th><th class=\"num\">successes</th><th class=\"num\">failures</th>"
        out += "<th class=\"num\">timeouts</th><th class=\"num\">shape stability</th><th class=\"num\">health</th></tr></thead>\n<tbody>\n"
        for provider in providers {
            out += "<tr><td>\(HTMLFormat.text(provider.provider))</td>"
            for name in ["attempts", "successes", "failures", "timeouts"] {
                let value = provider.metric(name)
                let tone = (name == "failures" || name == "timeouts") && (value ?? 0) > 0 ? " warn" : ""
                out += "<td class=\"num\(tone)\">\(HTMLFormat.number(value))</td>"
            }
            // A provider never tried has no shape to speak of: a dash, not a red 0%.
            let shape = (provider.metric("attempts") ?? 0) > 0 ? provider.metric("shape_stability") : nil
            for value in [shape, provider.metric("health")] {
                out += "<td class=\"num \(Self.tone(value))\">\(HTMLFormat.percent(value))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }

    /// Green at 1 (or near), amber when degraded, red when mostly broken.
    static func tone(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "muted" }
        return fraction >= 0.99 ? "good" : fraction >= 0.8 ? "warn" : "bad"
    }
}
