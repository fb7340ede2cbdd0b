import FaultlineSuite

/// Every check of a scenario, failures first: one JUnit test case per row, with the
/// measured value and the bound when the check is a threshold.
struct ChecksTable {
    var checks: [CheckResult]
    /// Conformance scenarios have many checks and no thresholds: no measured/bound columns.
    var compact: Bool

    /// Passed checks beyond this many fold away in a compact table, so a conformance card of
    /// 140 passes does not bury the chaos scenarios below it; problems always stay in view.
    static let foldPassedOver = 12

    var html: String {
        guard !checks.isEmpty else { return "" }
        let order: [CheckResult.Status] = [.error, .failed, .skipped, .passed]
        let sorted = order.flatMap { status in checks.filter { $0.status == status } }
        let passed = sorted.filter { $0.status == .passed }
        guard compact, passed.count > Self.foldPassedOver else { return table(sorted) }
        let problems = sorted.filter { $0.status != .passed }
        return (problems.isEmpty ? "" : table(problems))
            + "<details class=\"passed-checks\"><summary>\(passed.count) passed checks</summary>\n" + table(passed) + "</details>\n"
    }

    private func table(_ rows: [CheckResult]) -> String {
        let thresholds = !compact && checks.contains { $0.measured != nil || $0.bound != nil }
        var out = "<div class=\"scroll\"><table class=\"checks\(compact ? " compact" : "")\">\n<thead><tr><th>status</th><th>check</th>"
        if thresholds { out += "<th class=\"num\">measured</th><th>bound</th>" }
        out += "<th>note</th></tr></thead>\n<tbody>\n"
        for check in rows {
            out += "<tr><td><span class=\"status \(check.status.rawValue)\">\(check.status.rawValue)</span></td>"
            out += "<td>\(HTMLFormat.text(check.name))</td>"
            if thresholds {
                out += "<td class=\"num\">\(check.measured.map { HTMLFormat.number($0) } ?? "")</td>"
                out += "<td><code>\(HTMLFormat.text(check.bound ?? ""))</code></td>"
            }
            let note = check.status == .passed ? "" : check.message ?? ""
            out += "<td class=\"why\">\(HTMLFormat.text(note))</td></tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }
}
