import Foundation
import FaultlineWire

/// A problem in a suite, task or chain file, located for a person: `file:line:column: message`.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible, Comparable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int = 1, column: Int = 1, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// One line, the input's control bytes escaped (`TerminalText`): safe to print.
    public var description: String { TerminalText.escaped("\(file):\(line):\(column): \(message)") }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}

/// Every diagnostic found while loading, reported together (a person fixes them in one pass).
public struct LoadFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Diagnostic {
    /// A file that is not UTF-8, pointing at its first byte that is not.
    static func notUTF8(_ file: String, _ data: Data, what: String) -> Diagnostic {
        let bytes = [UInt8](data)
        let at = TextPosition(firstInvalidUTF8In: bytes) ?? TextPosition(line: 1, column: 1)
        return Diagnostic(file: file, line: at.line, column: at.column, message: "\(what) is not UTF-8")
    }
}

extension String {
    /// "; did you mean `x`?" or "" (`TypoSuggestion`).
    func suggestion(from candidates: some Sequence<String>) -> String {
        TypoSuggestion.hint(for: self, in: candidates)
    }
}
