import AsyncHTTPClient
import FaultlineWire
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// `faultline record`: a reverse proxy in front of a provider. Each request is forwarded
/// unchanged (but for hop-by-hop headers and `accept-encoding: identity`, so the recording
/// is the plain bytes) and the answer streamed back piece by piece as it arrives, on the
/// same event loop, so the client sees the provider's timing. Every chat exchange (each
/// path the mock serves, `MockRoute`) is handed to a `FixtureWriter` once it has ended,
/// off the client's path.
public final class RecordingProxy: Sendable {
    public struct Configuration: Sendable {
        public var upstream: Upstream
        public var host: String
        public var port: Int
        public var writer: FixtureWriter
        /// Written into each fixture's provenance.
        public var faultlineVersion: String
        public var threads: Int
        /// Connect timeout to the upstream; there is no read timeout (a stream takes what it takes).
        public var connectTimeoutSeconds: Int64
        /// Each event as it happens (from any thread).
        public var onEvent: @Sendable (RecordEvent) -> Void

        public init(
            upstream: Upstream, host: String = "127.0.0.1", port: Int = 0, writer: FixtureWriter, faultlineVersion: String,
            threads: Int = 1, connectTimeoutSeconds: Int64 = 10, onEvent: @escaping @Sendable (RecordEvent) -> Void = { _ in }
        ) {
            self.upstream = upstream
            self.host = host
            self.port = port
            self.writer = writer
            self.faultlineVersion = faultlineVersion
            self.threads = threads
            self.connectTimeoutSeconds = connectTimeoutSeconds
            self.onEvent = onEvent
        }
    }

    public let configuration: Configuration
    /// The bound port (the chosen one when configured with port 0).
    public let port: Int
    let relay: RelayContext
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    private init(configuration: Configuration, relay: RelayContext, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.configuration = configuration
        self.relay = relay
        self.group = group
        self.channel = channel
        port = channel.localAddress?.port ?? configuration.port
    }

    /// Binds and starts forwarding; throws when the address cannot be bound.
    public static func start(_ configuration: Configuration) async throws -> RecordingProxy {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        var clientConfiguration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(configuration.connectTimeoutSeconds)),
            decompression: .disabled)
        clientConfiguration.connectionPool.idleTimeout = .seconds(60)
        let client = HTTPClient(eventLoopGroupProvider: .shared(group), configuration: clientConfiguration)
        let relay = RelayContext(configuration: configuration, client: client)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: true, withErrorHandling: true)
                    try pipeline.addHandler(RecordingHandler(relay: relay))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
            return RecordingProxy(configuration: configuration, relay: relay, group: group, channel: channel)
        } catch {
            try? await client.shutdown()
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// The base URL clients point at, e.g. `http://127.0.0.1:8090`.
    public var baseURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    /// Waits until every chat exchange in flight has ended and been written (or refused),
    /// for at most `timeoutSeconds` (an upstream that never ends is not waited out).
    public func drain(timeoutSeconds: Double = 10) async {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
        while ContinuousClock.now < deadline {
            if let task = relay.nextPendingWrite() {
                await task.value
            } else if relay.inFlight > 0 {
                try? await Task.sleep(for: .milliseconds(2))
            } else {
                return
            }
        }
    }

    /// The error that stopped recording, if the output could not be written.
    public var failure: RecordError? { relay.failure }

    /// Stops accepting, writes what has ended, closes connections and the upstream client.
    public func stop() async throws {
        try? await channel.close()
        await drain(timeoutSeconds: 5)
        try? await relay.client.shutdown()
        try await group.shutdownGracefully()
    }
}

/// What every connection's handler shares: the upstream client, the writer, the pending writes.
final class RelayContext: Sendable {
    let configuration: RecordingProxy.Configuration
    let client: HTTPClient
    private let state = Mutex<State>(State())

    private struct State {
        var pending: [UInt64: Task<Void, Never>] = [:]
        var nextID: UInt64 = 0
        var failure: RecordError?
        /// Chat exchanges forwarded and not yet handed to the writer.
        var inFlight = 0
    }

    init(configuration: RecordingProxy.Configuration, client: HTTPClient) {
        self.configuration = configuration
        self.client = client
    }

    var failure: RecordError? { state.withLock { $0.failure } }

    var inFlight: Int { state.withLock { $0.inFlight } }

    /// A chat exchange started; `finished()` must follow, whatever its end.
    func started() { state.withLock { $0.inFlight += 1 } }

    func finished() { state.withLock { $0.inFlight -= 1 } }

    func emit(_ event: RecordEvent) { configuration.onEvent(event) }

    /// Writes `exchange` off the event loop; the first unwritable output stops all recording.
    func record(_ exchange: RecordedExchange) {
        state.withLock { state in
            guard state.failure == nil else { return }
            let id = state.nextID
            state.nextID += 1
            state.pending[id] = Task.detached { [self] in
                self.write(exchange)
                _ = self.state.withLock { $0.pending.removeValue(forKey: id) }
            }
        }
    }

    private func write(_ exchange: RecordedExchange) {
        guard failure == nil else { return }
        do {
            switch try configuration.writer.write(exchange) {
            case .written(let path, let warnings):
                emit(.recorded(path: path, summary: Self.summary(exchange)))
                for warning in warnings { emit(.warning(warning)) }
            case .refused(let reason):
                emit(.notRecorded(reason))
            }
        } catch {
            let first = state.withLock { state -> Bool in
                guard state.failure == nil else { return false }
                state.failure = error
                return true
            }
            if first { emit(.stopped(error)) }
        }
    }

    func nextPendingWrite() -> Task<Void, Never>? { state.withLock { $0.pending.values.first } }

    static func summary(_ exchange: RecordedExchange) -> String {
        "\(exchange.response.status), " + (exchange.isStream ? "stream of \(exchange.chunks.count) chunks" : "\(exchange.response.body.count) bytes")
    }
}
