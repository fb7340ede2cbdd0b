extension DialectID {
    /// The dialect whose endpoint `path` is, by the rules the mock routes by: OpenAI's
    /// `…/chat/completions` (also Azure's `/openai/deployments/{d}/chat/completions` and a
    /// compatible vendor's prefix), Anthropic's `…/v1/messages`, Gemini's
    /// `…/{v1|v1beta}/models/{model}:generateContent` or `:streamGenerateContent`.
    /// A query string is ignored; nil when the path is none of these.
    public init?(requestPath path: String) {
        let bare = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        if bare.hasSuffix(OpenAIChat.pathSuffix) {
            self = .openAIChat
        } else if bare.hasSuffix(AnthropicMessages.path) {
            self = .anthropicMessages
        } else if let last = bare.split(separator: "/").last, let colon = last.firstIndex(of: ":"),
            ["generateContent", "streamGenerateContent"].contains(last[last.index(after: colon)...]),
            bare.contains("/models/")
        {
            self = .gemini
        } else {
            return nil
        }
    }
}
