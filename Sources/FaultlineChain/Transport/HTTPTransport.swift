import AsyncHTTPClient
import Foundation
import FaultlineWire
import NIOCore

/// Executes attempts over real HTTP/1.1 with AsyncHTTPClient: streams the body through
/// the dialect's incremental decoder and enforces the phase budgets (connect through
/// the client's connect timeout, first byte, first token, idle and total with a watchdog).
///
/// One client per distinct connect budget, created on first use; call `shutdown()` when done.
public final class HTTPTransport: Transport, @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [Int64: HTTPClient] = [:]
    /// Set by `shutdown()`: an attempt still running then (a cancelled run's) gets no new
    /// client, which nobody would shut down (AsyncHTTPClient traps on a client freed open).
    private var isShutDown = false
    private let eventLoopGroup: any EventLoopGroup
    /// Bodies larger than this are refused as malformed rather than buffered.
    public let maxBodyBytes: Int

    public init(eventLoopGroup: any EventLoopGroup = HTTPClient.defaultEventLoopGroup, maxBodyBytes: Int = 32 << 20) {
        self.eventLoopGroup = eventLoopGroup
        self.maxBodyBytes = maxBodyBytes
    }

    /// Closes every connection. The transport must not be used afterwards.
    public func shutdown() async throws {
        let all = lock.withLock { () -> [HTTPClient] in
            defer { clients = [:]; isShutDown = true }
            return Array(clients.values)
        }
        for client in all { try await client.shutdown() }
    }

    public func perform(_ attempt: Attempt) -> AsyncStream<TransportEvent> {
        AsyncStream { continuation in
            let task = Task {
                let result = await self.run(attempt) { continuation.yield($0) }
                continuation.yield(.completed(result))
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func client(connect: Double?) -> HTTPClient? {
        let key = connect.map { Int64(($0 * 1000).rounded()) } ?? -1
        return lock.withLock {
            if let existing = clients[key] { return existing }
            guard !isShutDown else { return nil }
            var configuration = HTTPClient.Configuration()
            configuration.timeout = .init(connect: connect == nil ? .seconds(60) : .milliseconds(max(1, key)), read: nil)
            configuration.httpVersion = .http1Only
            configuration.decompression = .disabled
            let client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
            clients[key] = client
            return client
        }
    }

    /// Runs one attempt; `emit` receives head and chunk events, the result is the completion.
    private func run(_ attempt: Attempt, emit: @escaping @Sendable (TransportEvent) -> Void) async -> Result<ChatResponse, ProviderError> {
        guard let wire = attempt.request else {
            return .failure(.badRequest(status: 0, detail: "attempt \(attempt.index) has no encoded request (machine built with encodesRequests: false)"))
        }
        var request = HTTPClientRequest(url: attempt.baseURL + wire.path)
        request.method = .init(rawValue: wire.method)
        for field in wire.headers { request.headers.add(name: field.name, value: field.value) }
        request.body = .bytes(ByteBuffer(bytes: wire.body))

        guard let client = client(connect: attempt.timeouts.connect) else {
            return .failure(.connectionReset(detail: "the transport was shut down (the run was cancelled)"))
        }
        let clock = ContinuousClock()
        let watchdog = PhaseWatchdog(start: clock.now, timeouts: attempt.timeouts, streaming: attempt.streaming)
        let outcome = ResultBox()
        let work = Task {
            let result = await Self.exchange(request, on: client, attempt: attempt, watchdog: watchdog, maxBody: maxBodyBytes, emit: emit)
            outcome.set(result)
        }
        let guardTask = Task { await watchdog.watch(work) }
        await work.value
        watchdog.finish()
        guardTask.cancel()
        if let phase = watchdog.fired { return .failure(.timeout(phase)) }
        return outcome.get() ?? .failure(.connectionReset(detail: "the attempt ended without a result"))
    }

    private static func exchange(
        _ request: HTTPClientRequest, on client: HTTPClient, attempt: Attempt, watchdog: PhaseWatchdog, maxBody: Int,
        emit: @Sendable (TransportEvent) -> Void
    ) async -> Result<ChatResponse, ProviderError> {
        let clock = ContinuousClock()
        let codec = attempt.dialect.dialect
        var headSeen = false
        var streamed = false
        do {
            let response = try await client.execute(request, deadline: .distantFuture)
            headSeen = true
            watchdog.gotHead(at: clock.now)
            let status = Int(response.status.code)
            let headers = WireHeaders(response.headers.map { (name: $0.name, value: $0.value) })
            emit(.head(status: status, headers: headers))

            if attempt.streaming, (200..<300).contains(status) {
                streamed = true
                var decoder = codec.makeStreamDecoder()
                var accumulator = StreamAccumulator()
                for try await buffer in response.body {
                    watchdog.gotBytes(at: clock.now)
                    var events: [StreamEvent] = []
                    do {
                        try decoder.feed(buffer.readableBytesView, into: &events)
                    } catch {
                        if !events.isEmpty { emit(.chunk(events)) }
                        return .failure(error)
                    }
                    if events.contains(where: \.isContent) { watchdog.gotToken() }
                    accumulator.apply(events)
                    if !events.isEmpty { emit(.chunk(events)) }
                }
                var tail: [StreamEvent] = []
                do { try decoder.finish(into: &tail) } catch { return .failure(error) }
                accumulator.apply(tail)
                if !tail.isEmpty { emit(.chunk(tail)) }
                return accumulator.response()
            }

            var body: [UInt8] = []
            for try await buffer in response.body {
                watchdog.gotBytes(at: clock.now)
                body.append(contentsOf: buffer.readableBytesView)
                if body.count > maxBody {
                    return .failure(.malformed(path: "$", detail: "body larger than \(maxBody) bytes"))
                }
            }
            return codec.decodeResponse(WireResponse(status: status, headers: headers, body: body))
        } catch {
            return .failure(classify(error, headSeen: headSeen, streamed: streamed))
        }
    }

    /// Maps transport errors into the taxonomy. Cancellation here means the watchdog fired
    /// (the caller replaces it with the phase); everything else is a connection failure.
    static func classify(_ error: any Error, headSeen: Bool, streamed: Bool) -> ProviderError {
        if let http = error as? HTTPClientError {
            if http == .connectTimeout { return .timeout(.connect) }
            if http == .deadlineExceeded { return .timeout(.total) }
        }
        let text = String(describing: error)
        if text.contains("connectTimeout") { return .timeout(.connect) }
        let where_ = !headSeen ? "before the response head" : streamed ? "mid-stream" : "mid-body"
        return .connectionReset(detail: "\(where_): \(text)")
    }
}

/// The work task's result, handed to the waiting caller.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<ChatResponse, ProviderError>?
    func set(_ result: Result<ChatResponse, ProviderError>) { lock.withLock { value = result } }
    func get() -> Result<ChatResponse, ProviderError>? { lock.withLock { value } }
}

extension StreamEvent {
    /// Content the caller can see: the first one ends the first-token phase.
    var isContent: Bool {
        switch self {
        case .textDelta, .toolCallStart, .toolCallDelta: true
        default: false
        }
    }
}
