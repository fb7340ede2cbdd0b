import FaultlineWire

extension ResponseDraft {
    /// Edits the JSON of the encoded body: the whole body of a JSON response, or the
    /// `data:` payload of each SSE frame (frames whose payload is not JSON, like OpenAI's
    /// `[DONE]`, are left alone). Bytes that do not parse are left as they are.
    public mutating func editJSON(_ edit: (inout JSONValue) -> Void) {
        if !isStream {
            let whole = body
            guard var json = try? JSONValue(parsing: whole) else { return }
            edit(&json)
            let first = pieces.first?.delayMs ?? 0
            pieces = [Piece(delayMs: first, bytes: json.bytes)]
            return
        }
        for index in pieces.indices {
            pieces[index].bytes = Self.editFrameJSON(pieces[index].bytes, edit)
        }
    }

    /// The frame with its `data: ` payload edited; other lines (`event:`) unchanged.
    static func editFrameJSON(_ frame: [UInt8], _ edit: (inout JSONValue) -> Void) -> [UInt8] {
        let prefix = Array("data: ".utf8)
        var lines = frame.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        for index in lines.indices where lines[index].starts(with: prefix) {
            guard var json = try? JSONValue(parsing: Array(lines[index].dropFirst(prefix.count))) else { continue }
            edit(&json)
            lines[index] = prefix + json.bytes
        }
        return Array(lines.joined(separator: [10]))
    }

    /// Whether the frame is a stream's terminal event: OpenAI's `data: [DONE]`,
    /// Anthropic's `message_stop`.
    static func isTerminal(_ frame: [UInt8]) -> Bool {
        let text = String(decoding: frame, as: UTF8.self)
        return text.hasPrefix("data: [DONE]") || text.hasPrefix("event: message_stop")
    }
}
