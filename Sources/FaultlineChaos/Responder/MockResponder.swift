import FaultlineWire
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a request into the timed script of what to send: decodes the request with its dialect
/// (a bad request becomes that provider's own 4xx), chooses faults with the seeded FaultPlan
/// (config + admin-set + header faults), produces content with ResponseSource (matching fixture,
/// or a deterministic generated answer obeying tool choice and JSON schema), encodes it with the
/// dialect and lets each chosen fault rewrite the script. Thread-safe (a `Mutex` guards the
/// per-provider counters, token buckets and admin faults; another the answer cache).
public final class MockResponder: Sendable {
    /// The header a request names its own faults in.
    public static let faultHeader = "x-faultline-fault"

    public let configuration: MockConfiguration
    public let source: ResponseSource
    public let plan: FaultPlan
    /// Unix time of `elapsed == 0`.
    public let epoch: Double

    private struct State {
        var counters: [String: Int] = [:]
        /// Admin-set faults by provider; "*" holds those set for all providers.
        var admin: [String: [ScheduledFault]] = [:]
        var limiter = RateLimiter()
        var headerFaults: [String: Result<[ScheduledFault], FaultSpecError>] = [:]
    }

    private let state = Mutex(State())
    private let cache: AnswerCache
    /// Config faults per provider (global first), built once.
    private let configured: [String: [ScheduledFault]]
    private let global: [ScheduledFault]

    public init(configuration: MockConfiguration) {
        self.configuration = configuration
        source = ResponseSource(configuration: configuration)
        plan = FaultPlan(seed: configuration.seed)
        epoch = configuration.epoch ?? Self.wallClock()
        cache = AnswerCache(limit: 1024)
        global = Self.build(configuration.faults)
        var configured: [String: [ScheduledFault]] = [:]
        for provider in configuration.providers { configured[provider.name] = Self.build(provider.faults) }
        self.configured = configured
    }

    /// Specs that do not build (made without parsing) are left out; parsed specs always build.
    static func build(_ specs: [FaultSpec]) -> [ScheduledFault] {
        specs.compactMap { spec in try? FaultCatalogue.make(spec) }
    }

    static func wallClock() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// The script for one request. A request the dialect refuses gets its 4xx without
    /// faults (the provider refuses it before anything could go wrong), as does a
    /// request whose `x-faultline-fault` header does not parse (the 400 names the mistake).
    public func script(for request: MockRequest) -> ResponseScript {
        let codec = request.dialect.dialect
        let headerText = request.wire.headers[Self.faultHeader]
        let (index, admin, header) = state.withLock { state in
            let index = (state.counters[request.provider] ?? 0) + 1
            state.counters[request.provider] = index
            let admin = (state.admin["*"] ?? []) + (state.admin[request.provider] ?? [])
            return (index, admin, headerText.map { Self.headerFaults($0, cache: &state.headerFaults) } ?? .success([]))
        }
        let headerFaults: [ScheduledFault]
        switch header {
        case .success(let faults): headerFaults = faults
        case .failure(let error):
            let message = "\(Self.faultHeader): \(error.message)"
            return Self.script(codec.encodeError(.badRequest(status: 400, detail: message)))
        }
        let faults = global + (configured[request.provider] ?? []) + admin + headerFaults
        let chosen = plan.choose(faults, provider: request.provider, index: index, elapsed: request.elapsed)

        let answer = cache.answer(for: request) { self.prepare(request) }
        guard case .success(let chat) = answer.request else { return answer.script }
        if chosen.isEmpty { return answer.script }

        // Faults that act after encoding start from the cached encoded answer.
        let editsContent = chosen.contains { type(of: $0.fault).stage == .content }
        var draft = (editsContent ? nil : answer.encoded)
            ?? source.draft(for: chat, dialect: request.dialect, allowedTools: answer.allowedTools)
        draft.now = epoch + request.elapsed
        if let limit = chosen.lazy.compactMap({ $0.fault as? RateLimit }).first {
            let cost = answer.tokens
            draft.rateLimit = state.withLock {
                $0.limiter.admit(
                    provider: request.provider, keyID: request.keyID, rpm: limit.rpm, tpm: limit.tpm,
                    tokens: cost, now: request.elapsed)
            }
        }
        var encoded = false
        for fault in chosen {
            if !encoded, type(of: fault.fault).stage > .content {
                draft.encode()
                encoded = true
            }
            var random = plan.random(for: fault, provider: request.provider, index: index)
            fault.fault.apply(to: &draft, random: &random)
        }
        if !encoded { draft.encode() }
        return draft.script(faults: chosen.map(\.label))
    }

    /// The faults a request names in its header, parsed once per distinct header text.
    private static func headerFaults(
        _ text: String, cache: inout [String: Result<[ScheduledFault], FaultSpecError>]
    ) -> Result<[ScheduledFault], FaultSpecError> {
        if let known = cache[text] { return known }
        let parsed = Result { () throws(FaultSpecError) in try FaultSpec.parseList(text).map(FaultCatalogue.make) }
        if cache.count >= 1024 { cache.removeAll() }
        cache[text] = parsed
        return parsed
    }

    /// The clean answer for a request, before faults: decoded once per distinct request.
    func prepare(_ request: MockRequest) -> AnswerCache.Entry {
        let decoded = request.dialect.dialect.decodeRequest(request.wire)
        switch decoded {
        case .failure(let error):
            return .init(request: decoded, script: Self.script(request.dialect.dialect.encodeError(error)), encoded: nil, tokens: 0)
        case .success(let chat):
            if let problem = RequestSchemas.problem(in: chat) {
                let refusal = ProviderError.badRequest(status: 400, detail: problem)
                return .init(
                    request: .failure(refusal), script: Self.script(request.dialect.dialect.encodeError(refusal)),
                    encoded: nil, tokens: 0)
            }
            let allowed = AnswerGenerator.allowedTools(request.wire, dialect: request.dialect)
            var draft = source.draft(for: chat, dialect: request.dialect, allowedTools: allowed)
            let tokens = draft.response?.usage?.total ?? AnswerGenerator.inputTokens(chat)
            draft.encode()
            return .init(request: decoded, script: draft.script(), encoded: draft, tokens: tokens, allowedTools: allowed)
        }
    }

    static func script(_ wire: WireResponse) -> ResponseScript {
        ResponseScript(steps: [.head(status: wire.status, headers: wire.headers, streaming: false), .body(wire.body), .end])
    }

    /// Admin API: replaces the admin-set faults of `provider`, or of every provider when nil
    /// (which also clears the per-provider ones). Specs that do not build are left out.
    public func setFaults(_ faults: [FaultSpec], provider: String?) {
        let built = Self.build(faults)
        state.withLock { state in
            if let provider {
                state.admin[provider] = built
            } else {
                state.admin = ["*": built]
            }
        }
    }

    /// The admin-set faults per provider; "*" holds those set for all providers.
    public func currentFaults() -> [String: [FaultSpec]] {
        state.withLock { $0.admin.mapValues { $0.map(\.spec) } }
    }

    /// Forgets counters, token buckets and admin faults.
    public func reset() {
        state.withLock { $0 = State() }
    }
}
