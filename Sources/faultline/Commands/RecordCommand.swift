import ArgumentParser
import FaultlineChaos
import FaultlineWire
import Foundation

/// `faultline record`: a recording reverse proxy in front of a provider. Point an SDK's
/// base URL at it; each exchange goes to the upstream unchanged, streams back as it
/// arrives, and is written as a redacted fixture under `--out`.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record exchanges with a provider as fixtures, through a redacting reverse proxy.",
        discussion: """
            Each request is forwarded to --upstream unchanged (accept-encoding is sent as identity so the \
            recording is the plain bytes) and the answer streamed back as it arrives. Each chat exchange is \
            written as DIR/<dialect>/<case>/ (case.json, request.json, response.json or response.sse) with the \
            measured chunk timing, an `expect` decoded from the response and its provenance.

            Redaction is always on: credential headers (authorization, x-api-key, api-key, x-goog-api-key, \
            cookie, set-cookie, proxy-authorization) are dropped; organisation and project headers \
            (openai-organization, openai-project, anthropic-organization-id, x-goog-user-project, …) and the \
            query's key parameters become [redacted], as does every key-shaped string, the client's own key \
            wherever it appears, and what --redact and --redact-field name. A fixture in which the secret \
            scanner still finds a key is not written. Stops on SIGINT or SIGTERM; exits 2 when --out cannot \
            be written.

            Examples:
              faultline record --upstream https://api.openai.com --out recorded/ --port 8090
              client = openai.OpenAI(base_url="http://127.0.0.1:8090/v1")
              faultline record --upstream https://api.anthropic.com --out recorded/ --redact 'acct_[0-9a-z]+'
              faultline record --upstream https://generativelanguage.googleapis.com --out recorded/ \\
                --redact-field contents[*].parts[*].text
            """
    )

    @Option(help: "The provider's base URL, e.g. https://api.openai.com (a path prefix is kept).")
    var upstream: String

    @Option(name: .customLong("out"), help: "Fixture root to write into: DIR/<dialect>/<case>/ (created if missing).")
    var out: String

    @Option(help: "Address to bind (default 127.0.0.1: loopback only).")
    var host: String = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks any free port (default 8090).")
    var port: Int = 8090

    @Option(help: "Case name for what is recorded (then NAME-2, NAME-3…); default: a slug of the last user message.")
    var name: String?

    @Option(name: .customLong("redact"), help: "A regular expression whose matches are replaced in headers, paths and bodies; repeatable.")
    var patterns: [String] = []

    @Option(name: .customLong("redact-field"), help: "A JSON path (e.g. metadata.user_id, messages[*].content) replaced in request and response bodies; repeatable.")
    var fields: [String] = []

    func validate() throws {
        if !(0...65_535).contains(port) { throw ValidationError("--port must be 0…65535, got \(port)") }
    }

    /// Why the command ends: a signal (no failure) or the output that could not be written.
    struct Stop: Sendable {
        var failure: String?
    }

    func run() async throws {
        let (stops, stop) = AsyncStream.makeStream(of: Stop.self)
        let signals = Self.watchSignals { stop.yield(Stop(failure: nil)) }
        let proxyConfiguration: RecordingProxy.Configuration
        switch makeConfiguration(stopped: { stop.yield(Stop(failure: $0.description)) }) {
        case .success(let configuration): proxyConfiguration = configuration
        case .failure(let error): throw CLIError.badInput(error.description)
        }
        let proxy: RecordingProxy
        do {
            proxy = try await RecordingProxy.start(proxyConfiguration)
        } catch {
            throw CLIError.badInput("cannot listen on \(host):\(port): \(error)")
        }
        print("recording on http://\(ServeCommand.urlHost(host)):\(proxy.port) → \(proxyConfiguration.upstream.url(for: "/")), writing \(proxyConfiguration.writer.root)/<dialect>/<case>/")
        fflush(nil)

        var iterator = stops.makeAsyncIterator()
        let reason = await iterator.next()
        for source in signals { source.cancel() }
        try await proxy.stop()
        if let failure = reason?.failure ?? proxy.failure?.description { throw CLIError.badInput(failure) }
    }

    /// The redactor, writer and proxy configuration from the flags; `stopped` is called
    /// when the output cannot be written.
    func makeConfiguration(stopped: @escaping @Sendable (RecordError) -> Void) -> Result<RecordingProxy.Configuration, RecordError> {
        Result { () throws(RecordError) -> RecordingProxy.Configuration in
            let redactor = try Redactor(patterns: patterns, fields: fields)
            let writer = try FixtureWriter(root: out, redactor: redactor, name: name)
            return RecordingProxy.Configuration(
                upstream: try Upstream(parsing: upstream), host: host, port: port, writer: writer,
                faultlineVersion: Faultline.version, threads: 1,
                onEvent: { event in
                    Self.report(event)
                    if case .stopped(let error) = event { stopped(error) }
                })
        }
    }

    /// SIGINT and SIGTERM call `received` (the default handlers are ignored first, as
    /// dispatch signal sources require), so the proxy is stopped and pending fixtures written.
    static func watchSignals(_ received: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                FileHandle.standardError.write(Data("stopped on \(number == SIGINT ? "SIGINT" : "SIGTERM")\n".utf8))
                received()
            }
            source.resume()
            return source
        }
    }

    /// One line per event: recordings on stdout, everything else on stderr.
    @Sendable static func report(_ event: RecordEvent) {
        switch event {
        case .recorded:
            print(event.description)
            fflush(nil)
        case .stopped:
            break  // the command's own exit message says it
        default:
            FileHandle.standardError.write(Data((event.description + "\n").utf8))
        }
    }
}
