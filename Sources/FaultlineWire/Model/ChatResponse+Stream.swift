extension ChatResponse {
    /// The canonical event sequence a provider would stream for this response: start,
    /// text in pieces of about `piece` characters, each tool call started then its
    /// arguments in pieces, usage, finish, done. Feeding these to a `StreamAccumulator`
    /// gives back this response.
    public func streamEvents(piece: Int = 16) -> [StreamEvent] {
        var events: [StreamEvent] = [.start(id: id, model: model)]
        for chunk in text.pieces(of: piece) { events.append(.textDelta(chunk)) }
        for (index, call) in toolCalls.enumerated() {
            events.append(.toolCallStart(index: index, id: call.id, name: call.name))
            for chunk in call.arguments.jsonString.pieces(of: piece) {
                events.append(.toolCallDelta(index: index, arguments: chunk))
            }
        }
        if let usage { events.append(.usage(usage)) }
        events.append(.finish(finishReason ?? (toolCalls.isEmpty ? .stop : .toolCalls)))
        events.append(.done)
        return events
    }
}

extension String {
    /// Splits into pieces of at most `size` characters (never inside a character).
    func pieces(of size: Int) -> [String] {
        guard !isEmpty else { return [] }
        var result: [String] = []
        var current = ""
        var count = 0
        for character in self {
            current.append(character)
            count += 1
            if count == max(1, size) {
                result.append(current)
                current = ""
                count = 0
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
