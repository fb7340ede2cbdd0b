import FaultlineWire
import Foundation
import Yams

extension MockServerConfiguration {
    static let topKeys = [
        "host", "port", "seed", "fixtures", "faults", "providers", "chunk_gap_ms", "first_byte_ms", "max_body_bytes",
        "idle_timeout", "header_timeout", "journal_capacity", "threads",
    ]
    static let providerKeys = ["name", "faults", "required_key_env"]

    /// Reads a mock config for `faultline serve --config FILE`:
    ///
    /// ```yaml
    /// seed: 42
    /// fixtures: ../fixtures            # relative to this file
    /// faults: ["latency(ms=20, p=0.1)"] # every provider
    /// providers:
    ///   - name: openai-primary         # mounted at /openai-primary/…
    ///     faults: ["throttle(retry_after=2, first=2)"]
    ///     required_key_env: PRIMARY_KEY  # only this key is accepted
    /// ```
    ///
    /// Every problem (unknown key, bad fault, unset key variable) names file and line.
    public static func load(yamlFile path: String) throws(MockConfigurationError) -> MockServerConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MockConfigurationError(problems: [.init(file: path, line: 1, message: "cannot read the mock config file")])
        }
        let directory = (path as NSString).deletingLastPathComponent
        return try parse(
            yaml: String(decoding: data, as: UTF8.self), file: path, directory: directory.isEmpty ? "." : directory,
            environment: ProcessInfo.processInfo.environment)
    }

    /// Parses a mock config document; `directory` anchors a relative `fixtures` path.
    public static func parse(
        yaml: String, file: String, directory: String = ".", environment: [String: String] = [:]
    ) throws(MockConfigurationError) -> MockServerConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw MockConfigurationError(problems: [syntaxProblem(error, file: file)])
        } catch {
            throw MockConfigurationError(problems: [.init(file: file, line: 1, message: "YAML: \(error)")])
        }
        var reader = Reader(file: file)
        var configuration = MockServerConfiguration()
        guard let root else { return configuration }
        let map = reader.mapping(root, "mock config", allowed: topKeys)
        if let host = reader.string(map["host"], "host") { configuration.host = host }
        if let port = reader.int(map["port"], "port", range: 0...65535) { configuration.port = port }
        if let seed = reader.int(map["seed"], "seed", range: 0...Int.max) { configuration.mock.seed = UInt64(seed) }
        if let gap = reader.number(map["chunk_gap_ms"], "chunk_gap_ms", range: Limits.delayMs) { configuration.mock.chunkGapMs = gap }
        if let first = reader.number(map["first_byte_ms"], "first_byte_ms", range: Limits.delayMs) {
            configuration.mock.firstByteMs = first
        }
        if let limit = reader.int(map["max_body_bytes"], "max_body_bytes", range: Limits.bodyBytes) { configuration.maxBodyBytes = limit }
        if let idle = reader.number(map["idle_timeout"], "idle_timeout", range: Limits.timeoutSeconds) { configuration.idleTimeout = idle }
        if let header = reader.number(map["header_timeout"], "header_timeout", range: Limits.timeoutSeconds) {
            configuration.headerTimeout = header
        }
        if let threads = reader.int(map["threads"], "threads", range: 1...256) {
            configuration.threads = threads
        }
        if let capacity = reader.int(map["journal_capacity"], "journal_capacity", range: Limits.journalCapacity) {
            configuration.journalCapacity = capacity
        }
        configuration.mock.faults = reader.faults(map["faults"], "faults")
        if let node = map["fixtures"], let dir = reader.string(node, "fixtures") {
            let full = dir.hasPrefix("/") ? dir : directory + "/" + dir
            let loaded = Fixture.loadAll(from: full)
            for error in loaded.errors { reader.report(node, "fixtures: \(error)") }
            configuration.mock.fixtures = loaded.fixtures
        }
        if let node = map["providers"] {
            configuration.mock.providers = reader.providers(node, environment: environment)
        }
        guard reader.problems.isEmpty else { throw MockConfigurationError(problems: reader.problems) }
        return configuration
    }

    private static func syntaxProblem(_ error: YamlError, file: String) -> MockConfigurationError.Problem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            .init(file: file, line: mark.line, message: "YAML syntax: \(problem)")
        default:
            .init(file: file, line: 1, message: "YAML: \(error)")
        }
    }
}

/// Reads typed values from the config's nodes, collecting a problem per bad value.
private struct Reader {
    let file: String
    var problems: [MockConfigurationError.Problem] = []

    mutating func report(_ node: Node?, _ message: String) {
        problems.append(.init(file: file, line: node?.mark?.line ?? 1, message: message))
    }

    mutating func mapping(_ node: Node, _ context: String, allowed: [String]) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            report(node, "\(context): expected a mapping")
            return [:]
        }
        var entries: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, allowed.contains(key) else {
                report(keyNode, "\(context): unknown key `\(keyNode.string ?? "?")`; expected one of \(allowed.joined(separator: ", "))")
                continue
            }
            entries[key] = value
        }
        return entries
    }

    mutating func string(_ node: Node?, _ context: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            report(node, "\(context): expected a non-empty string")
            return nil
        }
        return scalar.string
    }

    mutating func int(_ node: Node?, _ context: String, range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard let value = node.int, range.contains(value) else {
            report(node, "\(context): expected a whole number in \(range.lowerBound)...\(range.upperBound), got `\(node.string ?? "?")`")
            return nil
        }
        return value
    }

    /// A finite number in `range` (`MockServerConfiguration.Limits`).
    mutating func number(_ node: Node?, _ context: String, range: ClosedRange<Double>) -> Double? {
        guard let node else { return nil }
        guard let value = node.float ?? node.int.map(Double.init), value.isFinite, range.contains(value) else {
            let limits = MockServerConfiguration.Limits.text(range)
            report(node, "\(context): expected a number in \(limits), got `\(node.string ?? "?")`")
            return nil
        }
        return value
    }

    /// A list of fault texts (or one text holding `a; b`).
    mutating func faults(_ node: Node?, _ context: String) -> [FaultSpec] {
        guard let node else { return [] }
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [node]
        default:
            report(node, "\(context): expected a list of faults such as [\"throttle(retry_after=2)\"]")
            return []
        }
        var faults: [FaultSpec] = []
        for item in items {
            guard let text = string(item, context) else { continue }
            do {
                faults += try FaultSpec.parseList(text)
            } catch {
                report(item, "\(context): \(error.description)")
            }
        }
        return faults
    }

    mutating func providers(_ node: Node, environment: [String: String]) -> [MockProviderConfig] {
        guard case .sequence(let sequence) = node else {
            report(node, "providers: expected a list of providers, each with a `name`")
            return []
        }
        var providers: [MockProviderConfig] = []
        var seen: [String: Int] = [:]
        for item in sequence {
            let map = mapping(item, "provider", allowed: MockServerConfiguration.providerKeys)
            guard let name = string(map["name"], "provider name") else {
                if map["name"] == nil { report(item, "provider: missing `name`") }
                continue
            }
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }),
                !["v1", "v1beta", "openai", "_faultline"].contains(name)
            else {
                report(map["name"], "provider `\(name)`: a name is a path segment: letters, digits, -, _ or ., and not v1, v1beta, openai or _faultline")
                continue
            }
            if let line = seen[name] {
                report(map["name"], "provider `\(name)` is already defined at line \(line)")
                continue
            }
            seen[name] = map["name"]?.mark?.line ?? 0
            let context = "provider `\(name)`"
            let faults = faults(map["faults"], "\(context) faults")
            var requiredKey: String?
            if let variable = string(map["required_key_env"], "\(context) required_key_env") {
                if let value = environment[variable], !value.isEmpty {
                    requiredKey = value
                } else {
                    report(map["required_key_env"], "\(context): environment variable \(variable) is not set; it must hold the only key this provider accepts")
                }
            }
            providers.append(MockProviderConfig(name: name, faults: faults, requiredKey: requiredKey))
        }
        return providers
    }
}
