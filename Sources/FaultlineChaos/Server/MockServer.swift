import FaultlineWire
import NIOCore
import NIOPosix

/// The fault-injecting mock on real sockets: one HTTP/1.1 port that speaks OpenAI Chat,
/// Anthropic Messages and Gemini at their own paths, so an official SDK works with only its
/// base URL changed. Each request becomes a `ResponseScript` from the `MockResponder`, played
/// on the connection with its waits, stalls, resets and truncations; every request is journaled.
///
/// Used in-process by tests (port 0) and by `faultline serve`.
public final class MockServer: Sendable {
    public let configuration: MockServerConfiguration
    private let service: MockService
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    /// The bound port (the chosen one when configured with port 0).
    public let port: Int

    private init(service: MockService, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        configuration = service.configuration
        self.service = service
        self.group = group
        self.channel = channel
        port = channel.localAddress?.port ?? service.configuration.port
    }

    /// Binds and starts serving; throws when the address cannot be bound.
    public static func start(_ configuration: MockServerConfiguration) async throws -> MockServer {
        try await start(configuration, scripts: nil)
    }

    /// Starts with `scripts` answering provider requests instead of the responder (tests of the player).
    static func start(
        _ configuration: MockServerConfiguration, scripts: (@Sendable (MockRequest) -> ResponseScript)?
    ) async throws -> MockServer {
        let responder = MockResponder(configuration: configuration.mock)
        let service = MockService(configuration: configuration, responder: responder, scripts: scripts)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads ?? System.coreCount))
        let clocks = Dictionary(uniqueKeysWithValues: group.makeIterator().map { (ObjectIdentifier($0), ReadClock(loop: $0)) })
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            // Over the high mark the connection stops reading and framing requests until the
            // client takes its answers (`MockConnectionHandler.read`): unsent output stays
            // about one answer above it, however many requests a client pipelines.
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 32 * 1024, high: 128 * 1024))
            // A client that shuts down its sending side still gets its answers, whole.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let headerTimer = HeaderTimeoutHandler(timeout: configuration.headerTimeout)
                    let handler = MockConnectionHandler(
                        service: service, headerTimer: headerTimer, connection: service.journal.nextConnection(),
                        clock: clocks[ObjectIdentifier(channel.eventLoop)] ?? ReadClock(loop: channel.eventLoop))
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(headerTimer)
                    try pipeline.addHandler(handler)
                }
            }
        do {
            let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
            return MockServer(service: service, group: group, channel: channel)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// The base URL clients use, e.g. `http://127.0.0.1:8080`.
    public var baseURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    public var responder: MockResponder { service.responder }

    /// Every journaled request still kept, in arrival order.
    public func journal() -> [JournalEntry] { service.journal.entries }

    /// Verdicts on the clients' behaviour so far.
    public func verdicts(policy: VerdictPolicy? = nil) -> [Verdict] {
        Verdicts.evaluate(service.journal.entries, policy: policy ?? configuration.verdictPolicy, now: service.elapsed())
    }

    /// Seconds since the server started: the clock of the journal's times.
    public var elapsed: Double { service.elapsed() }

    /// Forgets the journal and resets the responder (counters, token buckets, admin faults).
    public func reset() {
        service.responder.reset()
        service.journal.clear()
    }

    /// Stops accepting, closes every connection (stalled ones included) and joins the threads.
    public func stop() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}
