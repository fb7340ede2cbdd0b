/// Everything wrong with a `faultline serve --config` file, each problem with its line,
/// so a person can fix them all in one pass.
public struct MockConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var message: String
        public init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }
        public var description: String { "\(file):\(line): \(message)" }
    }

    public var problems: [Problem]
    public init(problems: [Problem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
