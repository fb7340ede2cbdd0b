import FaultlineWire
import Yams

extension YamlError {
    /// Where the problem is and what it is, in one line: Yams' own description spans lines,
    /// and for a duplicated key holds the whole document. Shared by the suite, task and
    /// chain loaders, so every YAML syntax error points at its real line and column.
    public var location: (line: Int, column: Int, message: String) {
        switch self {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context, (context.mark.line, context.mark.column) != (mark.line, mark.column) { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return (max(mark.line, 1), max(mark.column, 1), message)
        case .reader(let problem, let offset, let value, let yaml):
            let (line, column) = offset.map { Self.lineAndColumn(ofCharacter: $0, in: yaml) } ?? (1, 1)
            let byte = value >= 0 ? " (0x\(String(value, radix: 16, uppercase: true)))" : ""
            return (line, column, "YAML: \(problem)\(byte)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let first = context.mark
            let names = duplicates.map { "`\($0)`" }.joined(separator: ", ")
            if let name = duplicates.first, let again = Self.repeated(key: name, after: first, in: context.text) {
                return (again.line, again.column, "YAML: duplicated key \(names) in a mapping (first at \(first.line):\(first.column))")
            }
            return (max(first.line, 1), max(first.column, 1), "YAML: duplicated key \(names) in this mapping")
        case .dataCouldNotBeDecoded:
            return (1, 1, "the file is not UTF-8")
        case .memory:
            return (1, 1, "YAML: out of memory")
        default:
            return (1, 1, "YAML: \(String(describing: self).split(separator: "\n").first.map(String.init) ?? "")")
        }
    }

    /// 1-based line and column (in Characters, as Yams counts the offset) of `offset`.
    static func lineAndColumn(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for (index, character) in text.enumerated() {
            if index >= offset { break }
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    /// The next line after `first` that writes `key:` at the same column: the repeat.
    static func repeated(key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let indent = first.column - 1
        for index in first.line..<lines.count {
            let line = lines[index].unicodeScalars
            guard line.count > indent else { continue }
            let rest = String(String.UnicodeScalarView(line.dropFirst(indent)))
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate + ":") {
                return (index + 1, first.column)
            }
        }
        return nil
    }
}
