import FaultlineChaos
import FaultlineWire
import Foundation
import Yams

/// Loads a suite file with its tasks and chains, validating everything and reporting
/// every problem at once as `file:line:column: what was expected`.
public enum SuiteLoader {
    static let suiteKeys = [
        "suite", "description", "seed", "chain", "task", "clock", "requests", "concurrency", "first_byte_ms", "chunk_gap_ms", "scenarios",
        "regressions",
    ]
    static let scenarioKeys = [
        "name", "kind", "description", "task", "chain", "faults", "requests", "concurrency", "arrival_rate",
        "clock", "baseline", "expect", "fixtures", "seed", "skip", "first_byte_ms", "chunk_gap_ms", "gateway",
        "missing_key", "regressions",
    ]
    static let gatewayKeys = ["url", "dialect", "model", "mock_port", "api_key_env", "settle_ms"]

    public static func load(file: String) -> Result<SuiteDefinition, LoadFailure> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(LoadFailure([Diagnostic(file: file, message: "cannot read the suite file")]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(LoadFailure([Diagnostic.notUTF8(file, data, what: "the suite file")]))
        }
        return load(text: text, file: file)
    }

    public static func load(text: String, file: String) -> Result<SuiteDefinition, LoadFailure> {
        var reader = YAMLReader(file: file)
        var context = LoadContext(suiteFile: file)
        guard let root = reader.parse(text) else { return .failure(LoadFailure(reader.diagnostics)) }

        var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var seed: UInt64 = 0
        var defaults = ScenarioDefaults()
        var scenarioNodes: [Node] = []
        var sawScenarios = false
        var suiteRegressions: [String: Tolerance] = [:]
        for entry in reader.mapping(root, context: "suite", allowed: suiteKeys) {
            switch entry.key {
            case "suite": name = reader.string(entry.value, "suite") ?? name
            case "description": _ = reader.string(entry.value, "description")
            case "seed": seed = reader.int(entry.value, "seed", min: 0).map { UInt64($0) } ?? 0
            case "chain":
                defaults.chainGiven = true
                defaults.chain = context.chain(entry.value, reader: &reader)
            case "task":
                defaults.taskGiven = true
                defaults.task = context.task(entry.value, reader: &reader)
            case "clock": defaults.clock = clock(entry.value, reader: &reader) ?? defaults.clock
            case "requests": defaults.requests = reader.int(entry.value, "requests", in: SuiteLimits.requests) ?? defaults.requests
            case "concurrency": defaults.concurrency = reader.int(entry.value, "concurrency", in: SuiteLimits.concurrency) ?? defaults.concurrency
            case "first_byte_ms": defaults.timing.firstByteMs = reader.double(entry.value, "first_byte_ms", in: SuiteLimits.delayMs) ?? defaults.timing.firstByteMs
            case "chunk_gap_ms": defaults.timing.chunkGapMs = reader.double(entry.value, "chunk_gap_ms", in: SuiteLimits.delayMs) ?? defaults.timing.chunkGapMs
            case "regressions": suiteRegressions = regressions(entry.value, kinds: ScenarioResult.Kind.allCases, reader: &reader)
            case "scenarios":
                sawScenarios = true
                scenarioNodes = reader.sequence(entry.value, "scenarios")
            default: break
            }
        }
        if !sawScenarios { reader.report(root, "suite: expected a `scenarios:` list") }

        var scenarios: [ScenarioDefinition] = []
        var names = Set<String>()
        for node in scenarioNodes {
            guard var scenario = loadScenario(node, defaults: defaults, suiteSeed: seed, context: &context, reader: &reader) else { continue }
            for (metric, tolerance) in suiteRegressions where scenario.regressions[metric] == nil && MetricCatalogue.isKnown(metric, kind: scenario.kind) {
                scenario.regressions[metric] = tolerance
            }
            if !names.insert(scenario.name).inserted {
                reader.report(node, "scenario name `\(scenario.name)` is used twice; names must be unique (they name the JUnit test cases)")
            }
            scenarios.append(scenario)
        }
        let diagnostics = reader.diagnostics + context.diagnostics
        guard diagnostics.isEmpty else { return .failure(LoadFailure(diagnostics)) }
        return .success(SuiteDefinition(name: name, file: file, seed: seed, scenarios: scenarios))
    }

    struct ScenarioDefaults {
        var chain: (file: String, setup: ChainSetup)?
        var task: TaskDefinition?
        var clock: ClockKind = .virtual
        var requests = 100
        var concurrency = 8
        var timing = MockTiming()
        /// A `chain:` or `task:` was written at the suite level, even if it failed to load:
        /// its problem is reported once, not as a missing chain or task in every scenario.
        var chainGiven = false
        var taskGiven = false
    }

    private static func clock(_ node: Node, reader: inout YAMLReader) -> ClockKind? {
        guard let text = reader.string(node, "clock") else { return nil }
        guard let clock = ClockKind(rawValue: text) else {
            reader.report(node, "clock: expected `wall` or `virtual`, got `\(text)`")
            return nil
        }
        return clock
    }

    private static func loadScenario(
        _ node: Node, defaults: ScenarioDefaults, suiteSeed: UInt64, context: inout LoadContext, reader: inout YAMLReader
    ) -> ScenarioDefinition? {
        let entries = reader.mapping(node, context: "scenario", allowed: scenarioKeys)
        var values: [String: Node] = [:]
        for entry in entries { values[entry.key] = entry.value }
        guard let nameNode = values["name"], let name = reader.string(nameNode, "name"), !name.isEmpty else {
            reader.report(node, "scenario: expected a `name:`")
            return nil
        }
        var kind = ScenarioResult.Kind.chaos
        if let kindNode = values["kind"], let text = reader.string(kindNode, "kind") {
            if let parsed = ScenarioResult.Kind(rawValue: text) { kind = parsed } else {
                reader.report(kindNode, "kind: expected conformance, chaos, gateway or canary, got `\(text)`\(text.suggestion(from: ScenarioResult.Kind.allCases.map(\.rawValue)))")
            }
        }
        var scenario = ScenarioDefinition(
            name: name, kind: kind, line: node.mark?.line ?? 1, task: defaults.task,
            chainFile: defaults.chain?.file ?? "", chain: defaults.chain?.setup,
            requests: defaults.requests, concurrency: defaults.concurrency, clock: defaults.clock,
            seed: suiteSeed ^ FNV1a.hash(name), timing: defaults.timing)
        if let n = values["description"] { scenario.description = reader.string(n, "description") }
        if let n = values["task"] { scenario.task = context.task(n, reader: &reader) }
        if let n = values["chain"], let chain = context.chain(n, reader: &reader) {
            scenario.chainFile = chain.file
            scenario.chain = chain.setup
        }
        if let n = values["requests"] { scenario.requests = reader.int(n, "requests", in: SuiteLimits.requests) ?? scenario.requests }
        if let n = values["concurrency"] { scenario.concurrency = reader.int(n, "concurrency", in: SuiteLimits.concurrency) ?? scenario.concurrency }
        if let n = values["arrival_rate"] { scenario.arrivalRate = reader.double(n, "arrival_rate", in: SuiteLimits.arrivalRate) }
        if let n = values["clock"] { scenario.clock = clock(n, reader: &reader) ?? scenario.clock }
        if let n = values["baseline"] { scenario.baseline = reader.bool(n, "baseline") ?? false }
        if let n = values["seed"] { scenario.seed = reader.int(n, "seed", min: 0).map { UInt64($0) } ?? scenario.seed }
        if let n = values["skip"] { scenario.skip = reader.string(n, "skip") }
        if let n = values["first_byte_ms"] { scenario.timing.firstByteMs = reader.double(n, "first_byte_ms", in: SuiteLimits.delayMs) ?? scenario.timing.firstByteMs }
        if let n = values["chunk_gap_ms"] { scenario.timing.chunkGapMs = reader.double(n, "chunk_gap_ms", in: SuiteLimits.delayMs) ?? scenario.timing.chunkGapMs }
        if let n = values["fixtures"] { scenario.fixtures = reader.string(n, "fixtures").map { context.resolve($0) } }
        if let n = values["faults"] { scenario.faults = faults(n, chain: scenario.chain, reader: &reader) }
        if let n = values["gateway"] {
            if kind == .gateway {
                scenario.gateway = gateway(n, reader: &reader)
            } else {
                reader.report(n, "gateway: only a `kind: gateway` scenario drives a gateway")
            }
        }
        if let n = values["regressions"] { scenario.regressions = regressions(n, kinds: [kind], reader: &reader) }
        if let n = values["expect"] {
            scenario.expectations = expectations(n, kind: kind, providers: scenario.chain?.providerNames ?? [], reader: &reader)
        }

        switch kind {
        case .gateway:
            if values["gateway"] == nil { reader.report(node, "scenario `\(name)`: expected a `gateway:` with the gateway's `url` (kind gateway)") }
            if let n = values["clock"], scenario.clock != .wall { reader.report(n, "clock: a gateway scenario runs on the wall clock (real sockets)") }
            if let n = values["baseline"], scenario.baseline { reader.report(n, "baseline: a gateway scenario has no baseline (the gateway is a black box)") }
            scenario.clock = .wall
            fallthrough
        case .chaos:
            if scenario.task == nil, values["task"] == nil, !defaults.taskGiven {
                reader.report(node, "scenario `\(name)`: expected a `task:` (here or at the suite level)")
            }
            if scenario.chain == nil, values["chain"] == nil, !defaults.chainGiven {
                reader.report(node, "scenario `\(name)`: expected a `chain:` (here or at the suite level)")
            }
        case .conformance:
            if scenario.fixtures == nil { scenario.fixtures = context.resolve("../fixtures") }
        case .canary:
            if scenario.task == nil { reader.report(node, "scenario `\(name)`: expected a `task:` (here or at the suite level)") }
            if scenario.chain == nil { reader.report(node, "scenario `\(name)`: expected a `chain:` (here or at the suite level)") }
            if let n = values["faults"] { reader.report(n, "faults: a canary measures the live providers; faults are for the mock (kind chaos)") }
            if scenario.fixtures == nil { scenario.fixtures = context.resolve("../fixtures") }
        }
        if let n = values["missing_key"], let text = reader.string(n, "missing_key") {
            switch (kind, text) {
            case (.canary, "skip"): scenario.skipWithoutKeys = true
            case (.canary, "error"): scenario.skipWithoutKeys = false
            case (.canary, _): reader.report(n, "missing_key: expected `skip` or `error`, got `\(text)`")
            default: reader.report(n, "missing_key: only a `kind: canary` scenario uses API keys")
            }
        }
        return scenario
    }

    /// `gateway: { url, dialect, model, mock_port, api_key_env, settle_ms }`.
    private static func gateway(_ node: Node, reader: inout YAMLReader) -> GatewayTarget? {
        var values: [String: Node] = [:]
        for entry in reader.mapping(node, context: "gateway", allowed: gatewayKeys) { values[entry.key] = entry.value }
        guard let urlNode = values["url"] else {
            if case .mapping = node { reader.report(node, "gateway: expected a `url:` (the gateway's base URL)") }
            return nil
        }
        guard let url = reader.string(urlNode, "gateway url") else { return nil }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            reader.report(urlNode, "gateway url: expected an http:// or https:// URL, got `\(url)`")
            return nil
        }
        var target = GatewayTarget(url: url)
        if let n = values["dialect"], let text = reader.string(n, "gateway dialect") {
            if let dialect = DialectID(rawValue: text) { target.dialect = dialect } else {
                let names = DialectID.allCases.map(\.rawValue)
                reader.report(n, "gateway dialect: expected \(names.joined(separator: ", ")), got `\(text)`\(text.suggestion(from: names))")
            }
        }
        if let n = values["model"] { target.model = reader.string(n, "gateway model") }
        if let n = values["mock_port"], let port = reader.int(n, "gateway mock_port", min: 1) {
            if port <= 65535 { target.mockPort = port } else { reader.report(n, "gateway mock_port: expected a port up to 65535, got \(port)") }
        }
        if let n = values["api_key_env"] { target.apiKeyEnv = reader.string(n, "gateway api_key_env") }
        if let n = values["settle_ms"], let settle = reader.double(n, "gateway settle_ms", min: 0) {
            if settle <= GatewayTarget.maxSettleMs { target.settleMs = settle } else {
                reader.report(n, "gateway settle_ms: expected at most \(Int(GatewayTarget.maxSettleMs)) (ten minutes), got \(settle)")
            }
        }
        return target
    }

    private static func faults(_ node: Node, chain: ChainSetup?, reader: inout YAMLReader) -> [String: [String]] {
        var out: [String: [String]] = [:]
        guard case .mapping(let mapping) = node else {
            reader.report(node, "faults: expected a mapping of provider name to a list of faults")
            return out
        }
        let providers = chain?.providerNames ?? []
        for (keyNode, value) in mapping {
            guard let provider = keyNode.string else { continue }
            if provider != "*", !providers.isEmpty, !providers.contains(provider) {
                reader.report(keyNode, "faults: unknown provider `\(provider)`\(provider.suggestion(from: providers)); the chain has \(providers.joined(separator: ", ")) (or `*` for all)")
                continue
            }
            var specs: [String] = []
            let items: [Node]
            if case .scalar = value { items = [value] } else { items = reader.sequence(value, "faults.\(provider)") }
            for itemNode in items {
                guard let item = reader.string(itemNode, "faults.\(provider)") else { continue }
                do {
                    for spec in try FaultSpec.parseList(item) { specs.append(spec.description) }
                } catch {
                    reader.report(itemNode, "faults.\(provider): \(error.message)")
                }
            }
            out[provider] = specs
        }
        return out
    }

    /// `regressions: { cost.per_success_usd: "+5%", shape_stability: "-0" }`: how far each
    /// metric may move from a `--baseline` run.
    private static func regressions(_ node: Node, kinds: [ScenarioResult.Kind], reader: inout YAMLReader) -> [String: Tolerance] {
        guard case .mapping(let mapping) = node else {
            reader.report(node, "regressions: expected a mapping of metric to tolerance, e.g. `latency_ms.p99: \"+10%\"`")
            return [:]
        }
        var out: [String: Tolerance] = [:]
        for (keyNode, value) in mapping {
            guard let metric = keyNode.string else { continue }
            guard kinds.contains(where: { MetricCatalogue.isKnown(metric, kind: $0) }) else {
                let known = Array(Set(kinds.flatMap { MetricCatalogue.known(kind: $0) })).sorted()
                reader.report(keyNode, "regressions: unknown metric `\(metric)`\(metric.suggestion(from: known))")
                continue
            }
            guard case .scalar(let scalar) = value, let tolerance = Tolerance(scalar.string) else {
                reader.report(value, "regressions.\(metric): expected a tolerance such as \"+5%\", \"+250ms\", \"+0.01\" or \"-0\" (the sign is the direction allowed)")
                continue
            }
            out[metric] = tolerance
        }
        return out
    }

    private static func expectations(
        _ node: Node, kind: ScenarioResult.Kind, providers: [String], reader: inout YAMLReader
    ) -> [Expectation] {
        guard case .mapping(let mapping) = node else {
            reader.report(node, "expect: expected a mapping of metric to bound, e.g. `success_rate: \">= 0.99\"`")
            return []
        }
        var out: [Expectation] = []
        for (keyNode, value) in mapping {
            guard let metric = keyNode.string else { continue }
            guard MetricCatalogue.isKnown(metric, kind: kind) else {
                let known = MetricCatalogue.known(kind: kind, upstreams: providers)
                reader.report(keyNode, "expect: unknown metric `\(metric)`\(metric.suggestion(from: known)) for a \(kind.rawValue) scenario")
                continue
            }
            if kind == .gateway, let upstream = MetricCatalogue.upstreamParts(metric), !providers.isEmpty,
                !providers.contains(upstream.provider)
            {
                let known = MetricCatalogue.known(kind: kind, upstreams: providers)
                reader.report(keyNode, "expect: `\(metric)` names no upstream of the chain\(metric.suggestion(from: known)); the chain has \(providers.joined(separator: ", "))")
                continue
            }
            if metric.hasPrefix("provider."), !providers.isEmpty,
                !providers.contains(where: { metric.hasPrefix("provider.\($0).") })
            {
                let named = String(metric.dropFirst("provider.".count).split(separator: ".").first ?? "")
                reader.report(keyNode, "expect: `\(metric)` names no provider of the chain\(named.suggestion(from: providers)); the chain has \(providers.joined(separator: ", "))")
                continue
            }
            guard case .scalar(let scalar) = value else {
                reader.report(value, "expect.\(metric): expected a bound such as \">= 0.99\"")
                continue
            }
            switch Expectation.parse(metric: metric, bound: scalar.string) {
            case .success(let expectation): out.append(expectation)
            case .failure(let error): reader.report(value, "expect.\(metric): \(error.message)")
            }
        }
        return out
    }
}
