import FaultlineSuite

extension BaselineComparison {
    /// The comparison as a pull-request comment: regressions first, then every judged metric,
    /// then the scenarios added or removed.
    public var markdown: String {
        var lines = ["## Faultline: compared with the baseline", ""]
        let judged = rows.filter { $0.tolerance != nil }
        lines.append(regressions.isEmpty
            ? "No regression beyond tolerance (\(judged.count) metrics judged over \(Set(rows.map(\.scenario)).count) scenario\(Set(rows.map(\.scenario)).count == 1 ? "" : "s"))."
            : "**\(regressions.count) regression\(regressions.count == 1 ? "" : "s") beyond tolerance.**")
        lines.append("")
        if !judged.isEmpty {
            lines += ["| | scenario | metric | baseline | now | change | allowed |", "| --- | --- | --- | ---: | ---: | ---: | --- |"]
            for row in regressions + judged.filter({ !$0.regressed }) {
                let mark = row.regressed ? "✗" : (row.delta == 0 ? "=" : "✓")
                lines.append("| \(mark) | \(row.scenario) | `\(row.metric)` | \(Self.format(row.old)) | \(Self.format(row.new)) | \(Self.change(row)) | \(row.tolerance!) |")
            }
            lines.append("")
        }
        if !added.isEmpty { lines.append("Added scenarios: " + added.joined(separator: ", ")) }
        if !removed.isEmpty { lines.append("Removed scenarios: " + removed.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}
