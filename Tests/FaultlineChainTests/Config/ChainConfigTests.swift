import FaultlineWire
import Foundation
import Testing
@testable import FaultlineChain

@Suite("ChainConfig")
struct ChainConfigTests {
    static let chainsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("chains")

    static let bundled = ["default.yaml", "single-provider-retries.yaml", "openai-compatible-pair.yaml", "cheapest-first.yaml"]

    @Test("every bundled chain loads", arguments: bundled)
    func bundledChainsLoad(file: String) throws {
        let chain = try ChainConfig.load(file: Self.chainsFolder.appendingPathComponent(file).path)
        #expect(!chain.providers.isEmpty)
        #expect(chain.providers.allSatisfy { $0.apiKeyEnv != nil && $0.price.output > 0 })
    }

    @Test("the default chain reads as written")
    func defaultChain() throws {
        let chain = try ChainConfig.load(file: Self.chainsFolder.appendingPathComponent("default.yaml").path)
        #expect(chain.providers.map(\.dialect) == [.openAIChat, .anthropicMessages, .gemini])
        #expect(chain.providers[0].price == Price(input: 0.15, output: 0.60, cachedInput: 0.075))
        #expect(chain.providers[0].timeouts == PhaseTimeouts(connect: 5, firstByte: 20, firstToken: 20, idle: 10, total: 60))
        #expect(chain.retry.maxAttempts == 3 && chain.retry.backoff.jitter == .equal && chain.retry.retryAfter.cap == 20)
        #expect(chain.breaker.halfOpenProbes == 2 && chain.deadline == 60)
        #expect(chain.validation.repair == [.stripFences, .extractJSON, .coerceToolArguments])
        #expect(chain.fatalOn == [.badRequest])
    }

    @Test("per-provider retry overrides and order")
    func overridesAndOrder() throws {
        let chain = try ChainConfig.parse(yaml: """
            chain: c
            providers:
              - { name: a, dialect: gemini, base_url: "http://x", model: m, retry: { max_attempts: 1 } }
              - { name: b, dialect: openai-chat, base_url: "http://y", model: m }
            order: [b, a]
            validation: { expect: { type: tool_call, name: get_weather, arguments: { type: object, required: [city] } } }
            """, file: "c.yaml")
        #expect(chain.providers.map(\.name) == ["b", "a"])
        #expect(chain.retryPolicy(for: 1).maxAttempts == 1 && chain.retryPolicy(for: 0).maxAttempts == 3)
        guard case .toolCall("get_weather", let schema?)? = chain.validation.shape else {
            Issue.record("expected a tool-call shape with a schema")
            return
        }
        #expect(!schema.accepts(["town": "Paris"]) && schema.accepts(["city": "Paris"]))
    }

    struct Bad: Sendable, CustomStringConvertible {
        var description: String
        var yaml: String
        var line: Int
        var reason: String
    }

    static let provider = "  - { name: a, dialect: openai-chat, base_url: \"http://x\", model: m }\n"

    @Test("bad chains are rejected with file, line and reason", arguments: [
        Bad(description: "unknown dialect", yaml: "chain: c\nproviders:\n  - name: a\n    dialect: openai\n    base_url: http://x\n    model: m\n",
            line: 4, reason: "unknown value `openai`; expected one of openai-chat"),
        Bad(description: "misspelt dialect", yaml: "chain: c\nproviders:\n  - name: a\n    dialect: opneai-chat\n    base_url: http://x\n    model: m\n",
            line: 4, reason: "unknown value `opneai-chat`; did you mean `openai-chat`?; expected one of openai-chat"),
        Bad(description: "negative timeout", yaml: "chain: c\nproviders:\n  - name: a\n    dialect: gemini\n    base_url: http://x\n    model: m\n    timeouts: { idle: -1 }\n",
            line: 7, reason: "timeouts idle: must not be negative"),
        Bad(description: "missing env var name", yaml: "chain: c\nproviders:\n  - name: a\n    dialect: gemini\n    base_url: http://x\n    model: m\n    api_key_env:\n",
            line: 7, reason: "missing the name of the environment variable"),
        Bad(description: "key in the file", yaml: "chain: c\nproviders:\n  - name: a\n    dialect: gemini\n    base_url: http://x\n    model: m\n    api_key_env: sk-abc123\n",
            line: 7, reason: "keys never go in chain files"),
        Bad(description: "fallback loop", yaml: "chain: c\nproviders:\n" + provider + "  - { name: b, dialect: gemini, base_url: \"http://x\", model: m }\norder: [a, b,\n  a]\n",
            line: 6, reason: "fallback loop: `a` already appears at line 5"),
        Bad(description: "unknown provider in order", yaml: "chain: c\nproviders:\n" + provider + "order: [a, z]\n", line: 4, reason: "unknown provider `z`"),
        Bad(description: "duplicate provider", yaml: "chain: c\nproviders:\n" + provider + provider, line: 4, reason: "`a` is defined twice"),
        Bad(description: "unknown key", yaml: "chain: c\nretries: 3\nproviders:\n" + provider, line: 2, reason: "unknown key `retries`"),
        Bad(description: "unknown error class", yaml: "chain: c\nproviders:\n" + provider + "retry: { retry_on: [timout] }\n", line: 4, reason: "unknown value `timout`"),
        Bad(description: "unknown repair", yaml: "chain: c\nproviders:\n" + provider + "validation: { repair: [fix_it] }\n", line: 4, reason: "unknown value `fix_it`"),
        Bad(description: "no providers", yaml: "chain: c\nproviders: []\n", line: 2, reason: "at least one provider"),
        Bad(description: "missing model", yaml: "chain: c\nproviders:\n  - { name: a, dialect: gemini, base_url: \"http://x\" }\n", line: 3, reason: "missing `model`"),
        Bad(description: "failure rate over 1", yaml: "chain: c\nproviders:\n" + provider + "breaker:\n  failure_rate: 5\n", line: 5, reason: "between 0 and 1"),
        Bad(description: "huge timeout", yaml: "chain: c\nproviders:\n  - name: a\n    dialect: gemini\n    base_url: http://x\n    model: m\n    timeouts: { total: 1.0e+308 }\n",
            line: 7, reason: "timeouts total: expected a number greater than 0 and at most 86400"),
        Bad(description: "huge deadline", yaml: "chain: c\ndeadline: 1.0e+12\nproviders:\n" + provider, line: 2, reason: "deadline: expected a number greater than 0 and at most 86400"),
        Bad(description: "tiny breaker window", yaml: "chain: c\nproviders:\n" + provider + "breaker:\n  window: 1.0e-300\n", line: 5, reason: "breaker window: expected a number in 0.001...86400"),
        Bad(description: "many attempts", yaml: "chain: c\nproviders:\n" + provider + "retry: { max_attempts: 1000000000 }\n", line: 4, reason: "max_attempts: expected a whole number in 1...100"),
        Bad(description: "huge backoff", yaml: "chain: c\nproviders:\n" + provider + "retry: { backoff: { max: 1.0e+300 } }\n", line: 4, reason: "backoff max: expected a number in 0...86400"),
        Bad(description: "backoff multiplier below 1", yaml: "chain: c\nproviders:\n" + provider + "retry: { backoff: { multiplier: 0.5 } }\n", line: 4, reason: "backoff multiplier: expected a number in 1...100"),
        Bad(description: "huge price", yaml: "chain: c\nproviders:\n  - name: a\n    dialect: gemini\n    base_url: http://x\n    model: m\n    price: { input: 1.0e+300, output: 1 }\n",
            line: 7, reason: "price input: expected a number in 0...1000000"),
        Bad(description: "YAML syntax", yaml: "chain: c\nproviders: [\n", line: 3, reason: "YAML syntax"),
        Bad(description: "bad schema", yaml: "chain: c\nproviders:\n" + provider + "validation:\n  expect: { type: json, schema: { type: 7 } }\n", line: 5, reason: "schema"),
    ])
    func rejects(_ bad: Bad) {
        do {
            _ = try ChainConfig.parse(yaml: bad.yaml, file: "chains/bad.yaml")
            Issue.record("accepted a bad chain (\(bad.description))")
        } catch {
            let problem = error.problems.first { $0.reason.contains(bad.reason) }
            #expect(problem != nil, "problems were: \(error.description)")
            #expect(problem?.line == bad.line, "problems were: \(error.description)")
            #expect(problem?.file == "chains/bad.yaml")
            #expect(error.description.hasPrefix("chains/bad.yaml:"))
        }
    }

    @Test("a missing API key is an error naming the variable; present keys reach the client options")
    func apiKeys() throws {
        let chain = ChainConfig(name: "c", providers: [
            ProviderConfig(name: "p", dialect: .openAIChat, baseURL: "http://x", model: "m", apiKeyEnv: "FAULTLINE_TEST_KEY"),
            ProviderConfig(name: "q", dialect: .gemini, baseURL: "http://x", model: "m"),
        ])
        #expect(throws: ChainRunError.missingAPIKey(provider: "p", variable: "FAULTLINE_TEST_KEY")) {
            try chain.clientOptions(environment: [:])
        }
        #expect(throws: ChainRunError.self) { try chain.clientOptions(environment: ["FAULTLINE_TEST_KEY": ""]) }
        let options = try chain.clientOptions(environment: ["FAULTLINE_TEST_KEY": "k"])
        #expect(options.map(\.apiKey) == ["k", nil])
        #expect(ChainRunError.missingAPIKey(provider: "p", variable: "FAULTLINE_TEST_KEY").description.contains("FAULTLINE_TEST_KEY"))
    }
}
