import Foundation
import Yams

/// A YAML file `faultline check` was given or found: a suite, a chain or a task, told
/// apart by their top-level keys, and loaded by its own loader for its diagnostics.
public enum ConfigFile {
    public enum Kind: String, Sendable, CaseIterable {
        case suite, chain, task
    }

    /// The kind of `file` and its problems. A file that does not parse is reported whatever
    /// it is (kind nil, its syntax error); one that parses but has none of the marking keys
    /// (`scenarios`/`suite`, `providers`, `request`) is kind nil with no diagnostics.
    public static func check(file: String) -> (kind: Kind?, diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: file) else {
            return (nil, [Diagnostic(file: file, message: "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [Diagnostic.notUTF8(file, data, what: "the file")])
        }
        var reader = YAMLReader(file: file)
        guard let root = reader.parse(text) else { return (nil, reader.diagnostics) }
        guard let kind = kind(of: root) else { return (nil, []) }
        switch kind {
        case .suite:
            if case .failure(let failure) = SuiteLoader.load(text: text, file: file) { return (kind, failure.diagnostics) }
        case .chain:
            if case .failure(let failure) = ChainSetup.load(file: file) { return (kind, failure.diagnostics) }
        case .task:
            return (kind, TaskLoader.load(file: file).1)
        }
        return (kind, [])
    }

    static func kind(of root: Node) -> Kind? {
        guard case .mapping(let mapping) = root else { return nil }
        let keys = Set(mapping.keys.compactMap(\.string))
        if keys.contains("scenarios") || keys.contains("suite") { return .suite }
        if keys.contains("providers") || keys.contains("chain") { return .chain }
        if keys.contains("request") || keys.contains("task") { return .task }
        return nil
    }
}
