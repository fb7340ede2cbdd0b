import FaultlineWire

/// One named endpoint of a chain: where to send, in which dialect, what it costs and
/// how long each phase of an attempt may take.
///
/// The API key is never part of the config: only the name of the environment variable
/// that holds it, so a chain file can be committed and shared.
public struct ProviderConfig: Sendable, Hashable {
    public var name: String
    public var dialect: DialectID
    /// Scheme, host and port, e.g. `https://api.openai.com`; the dialect adds the path.
    public var baseURL: String
    public var model: String
    /// The environment variable holding the API key; `nil` for an endpoint without auth (a local mock).
    public var apiKeyEnv: String?
    public var price: Price
    public var timeouts: PhaseTimeouts
    /// This provider's own retry policy; `nil` uses the chain's.
    public var retry: RetryPolicy?
    /// Prefix before the dialect's path (a gateway or the mock's per-provider route).
    public var pathPrefix: String
    /// Gemini API version segment (`v1beta` or `v1`).
    public var geminiVersion: String
    /// Azure OpenAI deployment: switches the OpenAI dialect to Azure's path and `api-key` header.
    public var azureDeployment: String?

    public init(
        name: String, dialect: DialectID, baseURL: String, model: String, apiKeyEnv: String? = nil,
        price: Price = Price(), timeouts: PhaseTimeouts = PhaseTimeouts(), retry: RetryPolicy? = nil,
        pathPrefix: String = "", geminiVersion: String = "v1beta", azureDeployment: String? = nil
    ) {
        self.name = name
        self.dialect = dialect
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.price = price
        self.timeouts = timeouts
        self.retry = retry
        self.pathPrefix = pathPrefix
        self.geminiVersion = geminiVersion
        self.azureDeployment = azureDeployment
    }

    /// How the adapter addresses this provider, with `apiKey` already resolved by the caller.
    public func clientOptions(apiKey: String?) -> ClientOptions {
        ClientOptions(apiKey: apiKey, pathPrefix: pathPrefix, azureDeployment: azureDeployment, geminiVersion: geminiVersion)
    }
}

/// Price in US dollars per million tokens. Cached input tokens are part of the input
/// count (see `Usage`) and billed at `cachedInput` instead of `input`.
public struct Price: Sendable, Hashable {
    public var input: Double
    public var output: Double
    public var cachedInput: Double

    public init(input: Double = 0, output: Double = 0, cachedInput: Double? = nil) {
        self.input = input
        self.output = output
        self.cachedInput = cachedInput ?? input
    }

    /// Dollars for `input` tokens (of which `cached` are cache hits) and `output` tokens.
    public func dollars(input: Int, output: Int, cached: Int = 0) -> Double {
        let cachedCount = min(max(cached, 0), input)
        return (Double(input - cachedCount) * self.input + Double(cachedCount) * cachedInput + Double(output) * self.output) / 1_000_000
    }
}

/// Budgets, in seconds, for each phase of one attempt; `nil` is unbounded.
/// `firstByte` and `firstToken` count from the attempt's start, `idle` from the last
/// byte received, `total` from the start. The driver enforces them (the state machine
/// reads no clock) and reports `failed(.timeout(phase))`.
public struct PhaseTimeouts: Sendable, Hashable {
    public var connect: Double?
    public var firstByte: Double?
    public var firstToken: Double?
    public var idle: Double?
    public var total: Double?

    public init(connect: Double? = nil, firstByte: Double? = nil, firstToken: Double? = nil, idle: Double? = nil, total: Double? = nil) {
        self.connect = connect
        self.firstByte = firstByte
        self.firstToken = firstToken
        self.idle = idle
        self.total = total
    }
}
