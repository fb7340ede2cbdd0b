import FaultlineWire

extension ResponseDraft {
    /// The answer becomes the provider's error, with `retry-after` in the header where the
    /// provider sends one (OpenAI, Anthropic; Gemini says it in the body's `RetryInfo`).
    public mutating func fail(with error: ProviderError) {
        replace(with: error)
        if dialect != .gemini, let after = error.retryAfter, headers["retry-after"] == nil {
            headers.set("retry-after", after == after.rounded() ? String(Int(after)) : String(after))
        }
    }

    /// Keeps the first `fraction` of the body bytes: a cut non-stream answer. The head still
    /// announces the whole body's `content-length`, so the client knows bytes are missing.
    public mutating func cutBody(atFraction fraction: Double) {
        let whole = body
        let keep = Int(Double(whole.count) * fraction)
        pieces = [Piece(delayMs: pieces.first?.delayMs ?? 0, bytes: Array(whole.prefix(keep)))]
        headers.set("content-length", String(whole.count))
    }

    /// The frame with its `data:` JSON cut in half, line endings kept.
    static func malformedFrame(_ frame: [UInt8]) -> [UInt8] {
        let prefix = Array("data: ".utf8)
        var lines = frame.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        guard let at = lines.firstIndex(where: { $0.starts(with: prefix) }) else { return Array("data: {\"\n\n".utf8) }
        let payload = lines[at].dropFirst(prefix.count)
        lines[at] = prefix + Array(payload.prefix(max(1, payload.count / 2)))
        return Array(lines.joined(separator: [10]))
    }
}
