import FaultlineWire
import Synchronization

/// Turns a request into the timed script of what to send: decodes the request with its dialect
/// (a bad request becomes that provider's own 4xx), chooses faults with the seeded FaultPlan
/// (config + admin-set + header faults), produces content with ResponseSource (matching fixture,
/// or a deterministic generated answer obeying tool choice and JSON schema), encodes it with the
/// dialect and lets each chosen fault rewrite the script. Thread-safe.
public final class MockResponder: Sendable {
    public let configuration: MockConfiguration
    private let adminFaults = Mutex<[String: [FaultSpec]]>([:])

    public init(configuration: MockConfiguration) {
        self.configuration = configuration
    }

    public func script(for request: MockRequest) -> ResponseScript {
        let codec = request.dialect.dialect
        let chat: ChatRequest
        switch codec.decodeRequest(request.wire) {
        case .success(let decoded): chat = decoded
        case .failure(let error): return Self.script(codec.encodeError(error), streaming: false)
        }
        let response = ChatResponse(
            id: "fl-0", model: chat.model, text: "Hello from Faultline.", finishReason: .stop,
            usage: Usage(input: 8, output: 4))
        if chat.stream {
            let (head, frames) = codec.encodeStream(response.streamEvents(piece: 16), for: chat)
            var steps: [ResponseScript.Step] = [.head(status: head.status, headers: head.headers, streaming: true)]
            for (i, frame) in frames.enumerated() {
                if i > 0, configuration.chunkGapMs > 0 { steps.append(.wait(ms: configuration.chunkGapMs)) }
                steps.append(.body(frame))
            }
            steps.append(.end)
            return ResponseScript(steps: steps)
        }
        return Self.script(codec.encodeResponse(response, for: chat), streaming: false)
    }

    static func script(_ wire: WireResponse, streaming: Bool) -> ResponseScript {
        ResponseScript(steps: [.head(status: wire.status, headers: wire.headers, streaming: streaming), .body(wire.body), .end])
    }

    /// Admin API: replaces the admin-set faults of `provider`, or of every provider when nil.
    public func setFaults(_ faults: [FaultSpec], provider: String?) {
        adminFaults.withLock { admin in
            if let provider {
                admin[provider] = faults
            } else {
                for mount in configuration.providers { admin[mount.name] = faults }
            }
        }
    }

    /// The admin-set faults per provider.
    public func currentFaults() -> [String: [FaultSpec]] { adminFaults.withLock { $0 } }

    /// Forgets counters, token buckets and admin faults.
    public func reset() { adminFaults.withLock { $0 = [:] } }
}
