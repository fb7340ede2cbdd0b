/// Finds Markdown code fences (```` ``` ```` or `~~~`, with an optional info string such as `json`).
enum MarkdownFence {
    /// The content of the first fenced block, or `nil` when there is no closed fence.
    static func firstBlock(in text: String) -> String? {
        // "\r\n" is one Character in Swift, so both line ends are matched explicitly.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard let open = lines.firstIndex(where: { isFence($0) }) else { return nil }
        let marker = lines[open].trimmingPrefixWhitespace.prefix(3)
        guard let close = lines[(open + 1)...].firstIndex(where: { line in
            let trimmed = line.trimmingPrefixWhitespace
            return trimmed.hasPrefix(marker) && trimmed.allSatisfy { $0 == marker.first || $0.isWhitespace }
        }) else { return nil }
        return lines[(open + 1)..<close].joined(separator: "\n")
    }

    private static func isFence(_ line: Substring) -> Bool {
        let trimmed = line.trimmingPrefixWhitespace
        return trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~")
    }
}

extension Substring {
    fileprivate var trimmingPrefixWhitespace: Substring { drop(while: { $0 == " " || $0 == "\t" }) }
}
