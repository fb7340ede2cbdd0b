import FaultlineWire

/// Every problem found in a chain file, each with its position, so one run of
/// `faultline check` lists them all. Loading never returns a half-valid chain.
public struct ChainConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        /// 1-based.
        public var line: Int
        public var column: Int
        public var reason: String

        public init(file: String, line: Int, column: Int, reason: String) {
            self.file = file
            self.line = line
            self.column = column
            self.reason = reason
        }

        public var description: String { TerminalText.escaped("\(file):\(line):\(column): \(reason)") }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
