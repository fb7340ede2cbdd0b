import Foundation
import FaultlineWire
import Yams

extension ChainConfig {
    /// Reads and validates a chain file. Every problem (unknown dialect, negative
    /// timeout, missing key variable name, a provider listed twice in the fallback
    /// order, ...) is reported with file, line and column.
    public static func load(file path: String) throws(ChainConfigError) -> ChainConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChainConfigError(problems: [.init(file: path, line: 1, column: 1, reason: "cannot read the chain file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let at = TextPosition(firstInvalidUTF8In: [UInt8](data)) ?? TextPosition(line: 1, column: 1)
            throw ChainConfigError(problems: [.init(file: path, line: at.line, column: at.column, reason: "the chain file is not UTF-8")])
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses a chain document; `file` names it in problems.
    public static func parse(yaml: String, file: String) throws(ChainConfigError) -> ChainConfig {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw ChainConfigError(problems: [syntaxProblem(error, file: file)])
        } catch {
            throw ChainConfigError(problems: [.init(file: file, line: 1, column: 1, reason: "YAML: \(String(describing: error).split(separator: "\n").first ?? "")")])
        }
        guard let node else {
            throw ChainConfigError(problems: [.init(file: file, line: 1, column: 1, reason: "the file is empty; expected a chain")])
        }
        return try parse(node: node, file: file)
    }

    /// Reads a chain from an already composed node: a suite may define its chain inline.
    public static func parse(node: Node, file: String) throws(ChainConfigError) -> ChainConfig {
        var reader = ChainYAMLReader(file: file)
        let chain = reader.chain(node)
        if let chain, reader.problems.isEmpty { return chain }
        throw ChainConfigError(problems: reader.problems)
    }

    private static func syntaxProblem(_ error: YamlError, file: String) -> ChainConfigError.Problem {
        let location = error.location
        return .init(file: file, line: location.line, column: location.column, reason: location.message)
    }
}

extension ChainYAMLReader {
    mutating func chain(_ node: Node) -> ChainConfig? {
        let keys = ["chain", "description", "deadline", "providers", "order", "retry", "breaker", "validation", "fatal_on"]
        let map = mapping(node, "chain", allowed: keys, required: ["chain", "providers"])
        let name = string(map["chain"], "chain") ?? ""
        var providers: [ProviderConfig] = []
        var providerNodes: [String: Node] = [:]
        for item in list(map["providers"], "providers") ?? [] {
            guard let provider = provider(item) else { continue }
            if providerNodes[provider.name] != nil {
                report(item, "providers: `\(provider.name)` is defined twice")
                continue
            }
            providerNodes[provider.name] = item
            providers.append(provider)
        }
        if map["providers"] != nil, providers.isEmpty, problems.isEmpty {
            report(map["providers"], "providers: a chain needs at least one provider")
        }
        if let orderNode = map["order"] {
            providers = ordered(providers, by: orderNode)
        }
        var config = ChainConfig(name: name, providers: providers)
        config.deadline = positive(map["deadline"], "deadline", maximum: ChainLimits.seconds.upperBound)
        if let node = map["retry"], let policy = retryPolicy(node, "retry") { config.retry = policy }
        if let node = map["breaker"] { config.breaker = breakerPolicy(node) }
        if let node = map["validation"] { config.validation = validationPolicy(node) }
        if let kinds = errorKinds(map["fatal_on"], "fatal_on") { config.fatalOn = kinds }
        return config
    }

    /// Reorders providers by the `order` list. A name listed twice would send the chain
    /// back to a provider it already gave up on: a fallback loop, rejected.
    private mutating func ordered(_ providers: [ProviderConfig], by node: Node) -> [ProviderConfig] {
        var result: [ProviderConfig] = []
        var seen: [String: Node] = [:]
        for item in list(node, "order") ?? [] {
            guard let name = string(item, "order") else { continue }
            if let first = seen[name] {
                report(item, "order: fallback loop: `\(name)` already appears at line \(first.mark?.line ?? 0); each provider may appear once")
                continue
            }
            seen[name] = item
            guard let provider = providers.first(where: { $0.name == name }) else {
                report(item, "order: unknown provider `\(name)`; defined: \(providers.map(\.name).joined(separator: ", "))")
                continue
            }
            result.append(provider)
        }
        return result
    }

    private mutating func provider(_ node: Node) -> ProviderConfig? {
        let keys = ["name", "dialect", "base_url", "model", "api_key_env", "price", "timeouts", "retry", "path_prefix", "gemini_version", "azure_deployment"]
        let map = mapping(node, "provider", allowed: keys, required: ["name", "dialect", "base_url", "model"])
        guard let name = string(map["name"], "provider name") else { return nil }
        let context = "provider `\(name)`"
        let dialect = choice(map["dialect"], "\(context) dialect", as: DialectID.self)
        let baseURL = string(map["base_url"], "\(context) base_url")
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            report(map["base_url"], "\(context) base_url: expected an http:// or https:// URL, got `\(baseURL)`")
        }
        let model = string(map["model"], "\(context) model")
        var apiKeyEnv: String?
        if let keyNode = map["api_key_env"] {
            if case .scalar(let scalar) = keyNode, scalar.string.isEmpty || scalar.string == "~" {
                report(keyNode, "\(context) api_key_env: missing the name of the environment variable holding the key")
            } else if let variable = string(keyNode, "\(context) api_key_env") {
                if variable.hasPrefix("sk-") || variable.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) {
                    report(keyNode, "\(context) api_key_env: expected an environment variable name (like OPENAI_API_KEY), not a key; keys never go in chain files")
                } else {
                    apiKeyEnv = variable
                }
            }
        }
        var provider = ProviderConfig(name: name, dialect: dialect ?? .openAIChat, baseURL: baseURL ?? "", model: model ?? "", apiKeyEnv: apiKeyEnv)
        if let node = map["price"] { provider.price = price(node, context) }
        if let node = map["timeouts"] { provider.timeouts = timeouts(node, context) }
        if let node = map["retry"] { provider.retry = retryPolicy(node, "\(context) retry") }
        if let prefix = string(map["path_prefix"], "\(context) path_prefix") { provider.pathPrefix = prefix }
        if let version = string(map["gemini_version"], "\(context) gemini_version") { provider.geminiVersion = version }
        provider.azureDeployment = string(map["azure_deployment"], "\(context) azure_deployment")
        guard dialect != nil, baseURL != nil, model != nil else { return nil }
        return provider
    }

    private mutating func price(_ node: Node, _ context: String) -> Price {
        let map = mapping(node, "\(context) price", allowed: ["input", "output", "cached_input"], required: ["input", "output"])
        return Price(
            input: number(map["input"], "\(context) price input", in: ChainLimits.price) ?? 0,
            output: number(map["output"], "\(context) price output", in: ChainLimits.price) ?? 0,
            cachedInput: number(map["cached_input"], "\(context) price cached_input", in: ChainLimits.price))
    }

    private mutating func timeouts(_ node: Node, _ context: String) -> PhaseTimeouts {
        let map = mapping(node, "\(context) timeouts", allowed: ["connect", "first_byte", "first_token", "idle", "total"])
        return PhaseTimeouts(
            connect: positive(map["connect"], "\(context) timeouts connect", maximum: ChainLimits.seconds.upperBound),
            firstByte: positive(map["first_byte"], "\(context) timeouts first_byte", maximum: ChainLimits.seconds.upperBound),
            firstToken: positive(map["first_token"], "\(context) timeouts first_token", maximum: ChainLimits.seconds.upperBound),
            idle: positive(map["idle"], "\(context) timeouts idle", maximum: ChainLimits.seconds.upperBound),
            total: positive(map["total"], "\(context) timeouts total", maximum: ChainLimits.seconds.upperBound))
    }

    private mutating func retryPolicy(_ node: Node, _ context: String) -> RetryPolicy? {
        let map = mapping(node, context, allowed: ["max_attempts", "backoff", "retry_after", "retry_on"])
        var policy = RetryPolicy()
        if let n = count(map["max_attempts"], "\(context) max_attempts", in: ChainLimits.attempts) { policy.maxAttempts = n }
        if let backoffNode = map["backoff"] {
            let b = mapping(backoffNode, "\(context) backoff", allowed: ["initial", "multiplier", "max", "jitter"])
            if let v = number(b["initial"], "\(context) backoff initial", in: ChainLimits.seconds) { policy.backoff.initial = v }
            if let v = number(b["multiplier"], "\(context) backoff multiplier", in: ChainLimits.multiplier) { policy.backoff.multiplier = v }
            if let v = number(b["max"], "\(context) backoff max", in: ChainLimits.seconds) { policy.backoff.max = v }
            if let j = choice(b["jitter"], "\(context) backoff jitter", as: Backoff.Jitter.self) { policy.backoff.jitter = j }
        }
        if let afterNode = map["retry_after"] {
            let r = mapping(afterNode, "\(context) retry_after", allowed: ["honour", "cap", "over_cap"])
            if let v = bool(r["honour"], "\(context) retry_after honour") { policy.retryAfter.honour = v }
            if let v = number(r["cap"], "\(context) retry_after cap", in: ChainLimits.seconds) { policy.retryAfter.cap = v }
            if let v = choice(r["over_cap"], "\(context) retry_after over_cap", as: RetryAfterPolicy.OverCap.self) { policy.retryAfter.overCap = v }
        }
        if let kinds = errorKinds(map["retry_on"], "\(context) retry_on") { policy.retryOn = kinds }
        return policy
    }

    private mutating func breakerPolicy(_ node: Node) -> BreakerPolicy {
        let keys = ["enabled", "window", "minimum_requests", "failure_rate", "open_duration", "half_open_probes", "slow_call"]
        let map = mapping(node, "breaker", allowed: keys)
        var policy = BreakerPolicy()
        if let v = bool(map["enabled"], "breaker enabled") { policy.enabled = v }
        if let v = number(map["window"], "breaker window", in: ChainLimits.breakerWindow) { policy.window = v }
        if let v = count(map["minimum_requests"], "breaker minimum_requests", in: ChainLimits.breakerCount) { policy.minimumRequests = v }
        if let v = positive(map["failure_rate"], "breaker failure_rate") {
            if v > 1 { report(map["failure_rate"], "breaker failure_rate: a share between 0 and 1, got \(v)") } else { policy.failureRate = v }
        }
        if let v = positive(map["open_duration"], "breaker open_duration", maximum: ChainLimits.seconds.upperBound) { policy.openDuration = v }
        if let v = count(map["half_open_probes"], "breaker half_open_probes", in: ChainLimits.breakerCount) { policy.halfOpenProbes = v }
        policy.slowCall = positive(map["slow_call"], "breaker slow_call", maximum: ChainLimits.seconds.upperBound)
        return policy
    }

    private mutating func validationPolicy(_ node: Node) -> ValidationPolicy {
        let map = mapping(node, "validation", allowed: ["enabled", "expect", "repair", "on_failure"])
        var policy = ValidationPolicy()
        if let v = bool(map["enabled"], "validation enabled") { policy.enabled = v }
        if let expect = map["expect"] { policy.shape = shape(expect) }
        for item in list(map["repair"], "validation repair") ?? [] {
            if let step = choice(item, "validation repair", as: RepairStep.self) { policy.repair.append(step) }
        }
        if let v = choice(map["on_failure"], "validation on_failure", as: ValidationPolicy.OnFailure.self) { policy.onFailure = v }
        return policy
    }

    /// `text`, or a mapping `{type: tool_call, name:, arguments: <schema>}` / `{type: json, schema: <schema>}`.
    private mutating func shape(_ node: Node) -> ExpectedShape? {
        if case .scalar = node {
            guard let kind = string(node, "validation expect") else { return nil }
            switch kind {
            case "text": return .text
            case "tool_call": return .toolCall(name: nil, arguments: nil)
            case "json": return .json(nil)
            default:
                report(node, "validation expect: unknown shape `\(kind)`; expected text, tool_call or json")
                return nil
            }
        }
        let map = mapping(node, "validation expect", allowed: ["type", "name", "arguments", "schema"], required: ["type"])
        guard let kind = string(map["type"], "validation expect type") else { return nil }
        switch kind {
        case "text": return .text
        case "tool_call":
            return .toolCall(name: string(map["name"], "validation expect name"), arguments: schema(map["arguments"]))
        case "json": return .json(schema(map["schema"]))
        default:
            report(map["type"], "validation expect type: unknown shape `\(kind)`; expected text, tool_call or json")
            return nil
        }
    }

    private mutating func schema(_ node: Node?) -> JSONSchema? {
        guard let node else { return nil }
        do {
            return try JSONSchema(json(node, "schema"))
        } catch {
            report(node, "schema: \(error)")
            return nil
        }
    }
}
