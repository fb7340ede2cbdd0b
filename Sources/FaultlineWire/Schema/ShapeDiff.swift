/// How a payload's shape differs from a baseline: the drift report.
public struct ShapeDiff: Sendable, Hashable, CustomStringConvertible {
    /// Paths present now but not in the baseline, sorted.
    public var added: [String]
    /// Paths in the baseline that are gone, sorted.
    public var removed: [String]
    /// Paths whose set of types changed, sorted by path.
    public var retyped: [Retype]

    /// A path whose types changed.
    public struct Retype: Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var from: Set<String>
        public var to: Set<String>

        public init(path: String, from: Set<String>, to: Set<String>) {
            self.path = path
            self.from = from
            self.to = to
        }

        public var description: String {
            "\(path): \(from.sorted().joined(separator: "|")) -> \(to.sorted().joined(separator: "|"))"
        }
    }

    public init(added: [String] = [], removed: [String] = [], retyped: [Retype] = []) {
        self.added = added
        self.removed = removed
        self.retyped = retyped
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && retyped.isEmpty }

    /// `+ path` / `- path` / `~ path: from -> to` lines, or `no shape drift`.
    public var description: String {
        if isEmpty { return "no shape drift" }
        let lines = added.map { "+ \($0)" } + removed.map { "- \($0)" } + retyped.map { "~ \($0)" }
        return lines.joined(separator: "\n")
    }
}
