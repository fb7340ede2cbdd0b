import Foundation

/// Every input that ever broke something, one file each under `Corpus/<target>/`, replayed
/// by that target's test on every `swift test`. A new crash found by a nightly run becomes a
/// file here (named after what it broke) before its fix lands.
public enum FuzzCorpus {
    /// The entries of one target, by file name, in name order.
    public static func entries(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let folder = directory.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") && $0 != "README.md" }.compactMap { name in
            (try? Data(contentsOf: folder.appendingPathComponent(name))).map { (name, Array($0)) }
        }
    }

    /// The folder of the corpus.
    public static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    }

    /// The repository's root folder, for seed inputs taken from `fixtures/` and `suites/`.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The files under `fixtures/` whose name ends in one of `suffixes`, as bytes, in path order.
    public static func fixtureFiles(endingIn suffixes: [String]) -> [(path: String, bytes: [UInt8])] {
        let root = repositoryRoot.appendingPathComponent("fixtures")
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        let paths = walker.compactMap { $0 as? String }.filter { path in suffixes.contains { path.hasSuffix($0) } }.sorted()
        return paths.compactMap { path in
            (try? Data(contentsOf: root.appendingPathComponent(path))).map { (path, Array($0)) }
        }
    }
}
