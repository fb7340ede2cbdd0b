import Foundation

/// Number and text formatting for the HTML report. Fixed precision rules (no locale, no
/// clock) so the same `RunResult` always gives the same bytes.
enum HTMLFormat {
    /// Text content, escaped: provider text may hold markup, control characters or `]]>`.
    static func text(_ value: String) -> String { XMLText.escape(value) }

    /// An attribute value (for double-quoted attributes), escaped.
    static func attribute(_ value: String) -> String { XMLText.escape(value, attribute: true) }

    /// Milliseconds as a person reads them: `8.5 ms`, `340 ms`, `4.10 s`.
    static func milliseconds(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        switch abs(value) {
        case ..<10: return String(format: "%.1f ms", value)
        case ..<1000: return String(format: "%.0f ms", value)
        default: return String(format: "%.2f s", value / 1000)
        }
    }

    /// US dollars with three significant digits, however small (a chat call costs fractions of a cent).
    static func dollars(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        if value == 0 { return "$0" }
        let magnitude = Int(floor(log10(abs(value))))
        let decimals = min(8, max(2, 2 - magnitude))
        return (value < 0 ? "−$" : "$") + String(format: "%.\(decimals)f", abs(value))
    }

    /// A fraction in 0…1 as a percentage: `99.5%`.
    static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        let text = String(format: "%.1f", value * 100)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }

    /// A count or plain measurement: integers without decimals, others trimmed.
    static func number(_ value: Double?) -> String {
        guard let value else { return "–" }
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        if value == value.rounded(), abs(value) < 1e15 { return grouped(Int64(value)) }
        return JUnitReport.format(value)
    }

    /// `12345` → `12 345` (thin space), readable without a locale.
    static func grouped(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "\u{2009}" }
            out.append(digit)
        }
        return (value < 0 ? "−" : "") + out
    }

    /// A coordinate in an SVG: two decimals, no exponent, no `-0`.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let text = String(format: "%.2f", value)
        let trimmed = text.contains(".") ? String(text.reversed().drop { $0 == "0" }.reversed()).trimmingSuffix(".") : text
        return trimmed == "-0" ? "0" : trimmed
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
