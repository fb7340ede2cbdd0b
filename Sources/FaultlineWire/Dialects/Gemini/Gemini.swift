/// Placeholder until the dialect lands; every method reports `malformed`.
public struct Gemini: Dialect {
    public init() {}
    public var id: DialectID { .gemini }
    public func encodeRequest(_ request: ChatRequest, options: ClientOptions) -> WireRequest { WireRequest(path: "/") }
    public func decodeResponse(_ response: WireResponse) -> Result<ChatResponse, ProviderError> { .failure(.malformed(path: "$", detail: "not implemented")) }
    public func makeStreamDecoder() -> any StreamDecoder { fatalError("not implemented") }
    public func decodeRequest(_ request: WireRequest) -> Result<ChatRequest, ProviderError> { .failure(.malformed(path: "$", detail: "not implemented")) }
    public func encodeResponse(_ response: ChatResponse, for request: ChatRequest) -> WireResponse { WireResponse(status: 500) }
    public func encodeStream(_ events: [StreamEvent], for request: ChatRequest) -> (head: WireResponse, frames: [[UInt8]]) { (WireResponse(status: 500), []) }
    public func encodeError(_ error: ProviderError) -> WireResponse { WireResponse(status: 500) }
    public func encodeStreamError(_ error: ProviderError) -> [UInt8] { [] }
}
