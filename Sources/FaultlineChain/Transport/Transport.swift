import FaultlineWire

/// Performs the attempts a `ChainStateMachine` asks for. `HTTPTransport` does it over
/// real HTTP; a simulator or a test can plug in its own.
public protocol Transport: Sendable {
    /// Performs `attempt`, enforcing its phase timeouts, and reports what happened in
    /// order. The last event is always `.completed`; a timeout is `.completed(.failure(.timeout(phase)))`.
    func perform(_ attempt: Attempt) -> AsyncStream<TransportEvent>
}

/// What a transport observed during one attempt, already decoded by the dialect.
public enum TransportEvent: Sendable, Hashable {
    case head(status: Int, headers: WireHeaders)
    /// Stream events decoded from one body piece.
    case chunk([StreamEvent])
    /// The whole response (or stream) decoded, or why there is none.
    case completed(Result<ChatResponse, ProviderError>)
}
