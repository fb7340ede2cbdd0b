import Foundation
import Yams

/// Resolves the files a suite refers to, relative to the suite, loading each task and
/// chain once and collecting their diagnostics with the suite's.
struct LoadContext {
    let suiteFile: String
    private(set) var diagnostics: [Diagnostic] = []
    private var tasks: [String: TaskDefinition?] = [:]
    private var chains: [String: ChainSetup?] = [:]

    init(suiteFile: String) { self.suiteFile = suiteFile }

    /// `path` relative to the suite file's folder (absolute paths unchanged), normalised.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = URL(fileURLWithPath: suiteFile).deletingLastPathComponent()
        let full = base.appendingPathComponent(path).standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        return full.hasPrefix(cwd + "/") ? String(full.dropFirst(cwd.count + 1)) : full
    }

    mutating func task(_ node: Node, reader: inout YAMLReader) -> TaskDefinition? {
        guard let path = reader.string(node, "task") else { return nil }
        let file = resolve(path)
        if let cached = tasks[file] { return cached }
        guard FileManager.default.fileExists(atPath: file) else {
            reader.report(node, "task: file `\(path)` not found (looked for \(file))")
            tasks[file] = .some(nil)
            return nil
        }
        let (task, problems) = TaskLoader.load(file: file)
        diagnostics += problems
        tasks[file] = task
        return task
    }

    /// A chain file by path, or a chain written inline (a mapping in the chain file's format),
    /// whose problems then point into the suite file.
    mutating func chain(_ node: Node, reader: inout YAMLReader) -> (file: String, setup: ChainSetup)? {
        if case .mapping(var mapping) = node {
            // An inline chain needs no name of its own.
            if mapping["chain"] == nil { mapping["chain"] = Node("inline") }
            switch ChainSetup.parse(node: .mapping(mapping), file: suiteFile) {
            case .success(let setup): return ("\(suiteFile) (inline, line \(node.mark?.line ?? 1))", setup)
            case .failure(let failure):
                diagnostics += failure.diagnostics
                return nil
            }
        }
        guard case .scalar = node else {
            reader.report(node, "chain: expected a chain file's path or an inline chain (a mapping), got \(node.kindName)")
            return nil
        }
        guard let path = reader.string(node, "chain") else { return nil }
        let file = resolve(path)
        if let cached = chains[file] { return cached.map { (file, $0) } }
        guard FileManager.default.fileExists(atPath: file) else {
            reader.report(node, "chain: file `\(path)` not found (looked for \(file))")
            chains[file] = .some(nil)
            return nil
        }
        switch ChainSetup.load(file: file) {
        case .success(let setup):
            chains[file] = setup
            return (file, setup)
        case .failure(let failure):
            diagnostics += failure.diagnostics
            chains[file] = .some(nil)
            return nil
        }
    }
}
