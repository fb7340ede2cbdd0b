import ArgumentParser
import FaultlineChaos
import FaultlineWire
import Foundation

/// `faultline serve`: the fault-injecting mock on a real port, for official SDKs, gateways
/// and demos. Flags override the `--config` file, which overrides the defaults.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the fault-injecting mock of OpenAI, Anthropic and Gemini on one port.",
        discussion: """
            One port serves every dialect at the provider's own paths, so an official SDK works with only \
            its base URL changed. Named providers from --config are mounted under /{provider}/ with the \
            same paths. Any API key is accepted unless the config requires one. Stops on SIGINT or SIGTERM: \
            cleanly (exit 0) when its connections close within a second, else it exits 130 (SIGINT) or \
            143 (SIGTERM) at the second.

            Faults come from --config, from --fault (every provider), from the admin API \
            (PUT /_faultline/faults) or per request in the header `x-faultline-fault: name(k=v,...)[; ...]`.

            Examples:
              faultline serve --port 8089 --seed 7
              faultline serve --config mock.yaml --fault 'latency(ms=200, p=0.1)'

              curl -s localhost:8089/v1/chat/completions \\
                -H 'x-faultline-fault: throttle(retry_after=2)' \\
                -d '{"model": "gpt-4o-mini",
                     "messages": [{"role": "user", "content": "hi"}]}'

              # the official openai SDK, only the base URL changed:
              client = openai.OpenAI(base_url="http://127.0.0.1:8089/v1",
                                     api_key="any", max_retries=0)

              curl -s localhost:8089/_faultline/journal   # requests, faults, timing
              curl -s localhost:8089/_faultline/verdicts  # client misbehaviour
            """
    )

    @Option(help: "Address to bind (default 127.0.0.1: loopback only).")
    var host: String?

    @Option(help: "Port to listen on; 0 picks any free port (default: the config's `port`, else 8089).")
    var port: Int?

    @Option(name: .customLong("config"), help: "Mock configuration YAML (providers, faults, keys, timing).")
    var configFile: String?

    @Option(name: .customLong("fixtures"), help: "Fixture root served back for matching requests (default: fixtures/ when it exists).")
    var fixturesDirectory: String?

    @Option(help: "Seed for every random choice: fault scheduling and generated answers (default 1).")
    var seed: UInt64?

    @Option(name: .customLong("fault"), help: "A fault for every provider, e.g. 'throttle(retry_after=2, p=0.2)'; repeatable.")
    var faults: [String] = []

    @Option(name: .customLong("chunk-gap-ms"), help: "Gap between generated stream chunks in milliseconds (default 20; 0 for throughput runs).")
    var chunkGapMs: Double?

    @Option(help: "Event-loop threads (default: the config's `threads`, else one per core).")
    var threads: Int?

    func validate() throws {
        if let port, !(0...65_535).contains(port) { throw ValidationError("--port must be 0…65535, got \(port)") }
        let gaps = MockServerConfiguration.Limits.delayMs
        if let chunkGapMs, !chunkGapMs.isFinite || !gaps.contains(chunkGapMs) {
            throw ValidationError("--chunk-gap-ms must be in 0...\(Int(gaps.upperBound)) milliseconds (an hour), got \(chunkGapMs)")
        }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be 1…256, got \(threads)") }
    }

    func run() async throws {
        let configuration = try resolvedConfiguration()
        // Ignore the default handlers before binding, so a signal sent right after the
        // `listening` line is never lost and always ends in a clean stop.
        let termination = TerminationSignals()
        let server: MockServer
        do {
            server = try await MockServer.start(configuration)
        } catch {
            throw CLIError.badInput("cannot listen on \(configuration.host):\(configuration.port): \(error)")
        }
        print("listening on http://\(Self.urlHost(configuration.host)):\(server.port)")
        for line in Self.summary(of: configuration.mock) { print(line) }
        fflush(nil)  // every output stream: a parent waiting for the line must see it now

        let received = await termination.next()
        try await server.stop()
        FileHandle.standardError.write(Data("stopped on \(received == SIGINT ? "SIGINT" : "SIGTERM")\n".utf8))
    }

    /// The configuration file (if any), then flags on top, then the fixtures.
    func resolvedConfiguration() throws -> MockServerConfiguration {
        var configuration: MockServerConfiguration
        if let configFile {
            do { configuration = try MockServerConfiguration.load(yamlFile: configFile) } catch {
                throw CLIError.badInput("\(error)")
            }
            // Defaults the config leaves open are the flags' defaults.
            let keys = Self.topLevelKeys(configFile)
            if !keys.contains("port") { configuration.port = 8089 }
            if !keys.contains("seed") { configuration.mock.seed = 1 }
        } else {
            configuration = MockServerConfiguration(mock: MockConfiguration())
            configuration.port = 8089
        }
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let seed { configuration.mock.seed = seed } else if configFile == nil { configuration.mock.seed = 1 }
        if let chunkGapMs { configuration.mock.chunkGapMs = chunkGapMs }
        if let threads { configuration.threads = threads }
        for text in faults {
            do { configuration.mock.faults += try FaultSpec.parseList(text) } catch {
                throw CLIError.badInput("--fault '\(text)': \(error.message)")
            }
        }
        // The config's own `fixtures:` wins over the implicit fixtures/ folder.
        if fixturesDirectory != nil || configuration.mock.fixtures.isEmpty {
            configuration.mock.fixtures += try loadFixtures()
        }
        return configuration
    }

    /// An explicit `--fixtures` must load cleanly; the implicit `fixtures/` only warns, so
    /// one broken recording never keeps the mock from starting.
    private func loadFixtures() throws -> [Fixture] {
        let explicit = fixturesDirectory != nil
        let root = fixturesDirectory ?? "fixtures"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            if explicit { throw CLIError.badInput("--fixtures \(root): not a directory") }
            return []
        }
        let loaded = Fixture.loadAll(from: root)
        if !loaded.errors.isEmpty {
            let problems = loaded.errors.map(\.description).joined(separator: "\n")
            if explicit { throw CLIError.badInput(problems) }
            FileHandle.standardError.write(Data("warning: skipped fixtures:\n\(problems)\n".utf8))
        }
        return loaded.fixtures
    }

    /// A few lines naming what is mounted where, so a user can copy a base URL.
    static func summary(of mock: MockConfiguration) -> [String] {
        var names = mock.providers.map(\.name)
        if !names.contains("default") { names.insert("default", at: 0) }
        let providers = names.map { name -> String in
            let faults = (mock.providers.first { $0.name == name }?.faults ?? []) + mock.faults
            let mount = name == "default" ? "/" : "/\(name)/"
            let keyNote = mock.providers.first { $0.name == name }?.requiredKey != nil ? ", key required" : ""
            return "  \(name) at \(mount)\(keyNote)" + (faults.isEmpty ? "" : "; faults: " + faults.map(\.description).joined(separator: "; "))
        }
        return ["providers (seed \(mock.seed), \(mock.fixtures.count) fixtures):"] + providers + [
            "routes (also below each /{provider}/):",
            "  openai     POST /v1/chat/completions · POST /openai/deployments/{d}/chat/completions?api-version=… · GET /v1/models",
            "  anthropic  POST /v1/messages",
            "  gemini     POST /{v1|v1beta}/models/{model}:generateContent · :streamGenerateContent?alt=sse",
            "  admin      GET /_faultline/{health,journal,verdicts} · GET|PUT /_faultline/faults · POST /_faultline/reset",
        ]
    }

    /// The top-level keys a YAML config sets (lines starting at column 0 with `key:`), so an
    /// explicit `port: 0` or `seed: 0` keeps its meaning while an absent one takes the default.
    static func topLevelKeys(_ path: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var keys: Set<String> = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard let first = line.first, first.isLetter, let colon = line.firstIndex(of: ":") else { continue }
            keys.insert(String(line[..<colon]))
        }
        return keys
    }

    /// IPv6 literals need brackets in a URL.
    static func urlHost(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}

/// SIGINT and SIGTERM as an async sequence. The default handlers are ignored first
/// (`signal(…, SIG_IGN)`), as dispatch signal sources require, so the process never dies
/// mid-response and the server is stopped properly.
///
/// The stop is bounded: 0.8 s after the signal the process exits (128 + the signal's
/// number) whatever its event loops are doing. A loop pinned by one runaway request would
/// otherwise hold the graceful shutdown, and CI cancellation or a container stop, for ever.
private struct TerminationSignals {
    /// How long a clean stop may take: with the exit itself, the process is gone within a second.
    static let grace = 0.8

    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        self.stream = stream
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Self.exit(after: Self.grace, signal: number)
                continuation.yield(number)
            }
            source.resume()
            return source
        }
    }

    /// Exits with 128 + `signal` in `seconds` unless the process has ended by then. Runs on
    /// its own dispatch queue and calls `_exit`: neither a busy event loop, nor the
    /// cooperative pool, nor a lock held by a stuck thread (stdio's included) can delay it.
    private static func exit(after seconds: Double, signal: Int32) {
        DispatchQueue(label: "faultline.serve.stop-deadline").asyncAfter(deadline: .now() + seconds) {
            let line = "stopped on \(signal == SIGINT ? "SIGINT" : "SIGTERM"): forced, the server did not stop within \(seconds) s\n"
            _ = line.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
            _exit(128 + signal)
        }
    }

    /// Suspends until the first signal arrives and returns its number.
    func next() async -> Int32 {
        var iterator = stream.makeAsyncIterator()
        let received = await iterator.next() ?? SIGTERM
        for source in sources { source.cancel() }
        return received
    }
}
