/// One dispatched server-sent event, as the WHATWG event-stream parser builds it.
///
/// `data` stays bytes: stream decoders hand it straight to `JSONValue(parsing:)`
/// without a String round trip, and a payload cut inside a multi-byte character
/// (a fault the mock injects) is kept exactly as sent.
public struct SSEEvent: Sendable, Hashable {
    /// The `event:` field, nil when the event had none (OpenAI and Gemini never send one).
    public var event: String?
    /// The `data:` lines joined with `\n`, one optional leading space stripped per line.
    public var data: [UInt8]
    /// The `id:` field seen in this event; unlike a browser's last-event-ID it does not carry over.
    public var id: String?
    /// The `retry:` field in milliseconds, when it was all ASCII digits.
    public var retry: Int?

    /// `data` decoded as UTF-8; invalid sequences become U+FFFD.
    public var text: String { String(decoding: data, as: UTF8.self) }

    public init(event: String? = nil, data: [UInt8], id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }
}

extension SSEEvent: CustomStringConvertible {
    public var description: String {
        var parts: [String] = []
        if let event { parts.append("event: \(event)") }
        if let id { parts.append("id: \(id)") }
        if let retry { parts.append("retry: \(retry)") }
        parts.append("data: \(text.debugDescription)")
        return "SSEEvent(" + parts.joined(separator: ", ") + ")"
    }
}
