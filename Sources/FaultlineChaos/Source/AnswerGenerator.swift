import FaultlineWire

/// The deterministic answer the mock gives when no fixture matches: the same seed and
/// the same request give the same answer, and the answer obeys the request. A forced
/// tool gets a call whose arguments validate against the tool's JSON Schema, a JSON
/// schema response format gets JSON that validates, and usage is consistent with the text.
public struct AnswerGenerator: Sendable {
    public var seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// Words of the generated text; a few carry multi-byte characters so that faults
    /// splitting UTF-8 (and decoders that mishandle it) have something to bite on.
    static let words = [
        "the", "mock", "answers", "every", "request", "with", "a", "plain", "deterministic", "sentence",
        "café", "naïve", "résumé", "über", "fault", "line", "provider", "stream", "token", "shape",
        "chain", "fallback", "retry", "budget", "schema", "value", "déjà", "vu", "—", "✓",
    ]

    /// `allowedTools` narrows a `required` tool choice, as Gemini's `allowedFunctionNames` does.
    public func answer(to request: ChatRequest, dialect: DialectID, allowedTools: [String]? = nil) -> ChatResponse {
        var random = SeededRandom(seed: seed).derived("answer/\(dialect.rawValue)/\(request.model)/" + Self.lastUserText(request))
        let id = Self.responseID(dialect, &random)
        var text = ""
        var calls: [ToolCall] = []
        if let tool = Self.forcedTool(request, allowed: allowedTools, &random) {
            let arguments = (try? JSONSchema(tool.parameters))?.sample(using: &random) ?? .object([:])
            calls.append(ToolCall(id: Self.callID(dialect, &random), name: tool.name, arguments: arguments))
        } else {
            switch request.responseFormat {
            case .jsonSchema(_, let schema):
                text = ((try? JSONSchema(schema))?.sample(using: &random) ?? .object([:])).jsonString
            case .json:
                text = JSONValue.object(["answer": .string(Self.sentence(&random))]).jsonString
            case .text:
                text = Self.sentence(&random)
            }
        }
        var finish: FinishReason = calls.isEmpty ? .stop : .toolCalls
        var output = Self.tokens(text) + calls.reduce(0) { $0 + Self.tokens($1.name) + Self.tokens($1.arguments.jsonString) }
        if calls.isEmpty, request.responseFormat == .text, let limit = request.maxTokens, limit > 0, output > limit {
            text = String(text.prefix(limit * 4))
            output = limit
            finish = .length
        }
        return ChatResponse(
            id: id, model: request.model, text: text, toolCalls: calls, finishReason: finish,
            usage: Usage(input: Self.inputTokens(request), output: output))
    }

    /// The tool the request forces, if any: OpenAI function / `required`, Anthropic
    /// `tool` / `any`, Gemini `ANY` (one of the allowed names, or any declared tool).
    static func forcedTool(_ request: ChatRequest, allowed: [String]?, _ random: inout SeededRandom) -> Tool? {
        switch request.toolChoice {
        case .tool(let name): return request.tools.first { $0.name == name }
        case .required:
            let narrowed = allowed.map { names in request.tools.filter { names.contains($0.name) } } ?? []
            let candidates = narrowed.isEmpty ? request.tools : narrowed
            guard !candidates.isEmpty else { return nil }
            return candidates[Int(random.next() % UInt64(candidates.count))]
        case .auto, .none: return nil
        }
    }

    /// The text of the last user message: the key fixtures are matched on.
    public static func lastUserText(_ request: ChatRequest) -> String { request.lastUserText }

    /// The words' UTF-8 back to back and where each lies, so a sentence is written straight
    /// into its string's storage (this runs once per generated answer on the mock's hot path).
    static let wordUTF8: (bytes: [UInt8], ranges: [Range<Int>]) = {
        var bytes: [UInt8] = [], ranges: [Range<Int>] = []
        for word in words {
            ranges.append(bytes.count..<bytes.count + word.utf8.count)
            bytes += word.utf8
        }
        return (bytes, ranges)
    }()
    static let longestWord = words.map(\.utf8.count).max() ?? 0

    static func sentence(_ random: inout SeededRandom) -> String {
        let count = 8 + Int(random.next() % 12)
        let (words, ranges) = Self.wordUTF8
        let prefix: StaticString = "Faultline says:"
        let capacity = prefix.utf8CodeUnitCount + count * (Self.longestWord + 1) + 1
        return String(unsafeUninitializedCapacity: capacity) { out in
            var n = 0
            for byte in UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount) {
                out[n] = byte
                n += 1
            }
            words.withUnsafeBufferPointer { words in
                for _ in 0..<count {
                    out[n] = UInt8(ascii: " ")
                    n += 1
                    for byte in words[ranges[Int(random.next() % UInt64(ranges.count))]] {
                        out[n] = byte
                        n += 1
                    }
                }
            }
            out[n] = UInt8(ascii: ".")
            return n + 1
        }
    }

    /// About four bytes of UTF-8 per token, as the providers' tokenizers average on English.
    static func tokens(_ text: String) -> Int { text.isEmpty ? 0 : (text.utf8.count + 3) / 4 }

    static func inputTokens(_ request: ChatRequest) -> Int { TokenEstimate.promptTokens(for: request) }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    static func token(_ length: Int, _ random: inout SeededRandom) -> String {
        String(unsafeUninitializedCapacity: length) { buffer in
            for i in 0..<length { buffer[i] = alphabet[Int(random.next() % UInt64(alphabet.count))] }
            return length
        }
    }

    /// Ids in each provider's own spelling: `chatcmpl-…`, `msg_…`, Gemini's bare response id.
    static func responseID(_ dialect: DialectID, _ random: inout SeededRandom) -> String {
        switch dialect {
        case .openAIChat: "chatcmpl-" + token(29, &random)
        case .anthropicMessages: "msg_" + token(24, &random)
        case .gemini: token(22, &random)
        }
    }

    static func callID(_ dialect: DialectID, _ random: inout SeededRandom) -> String {
        switch dialect {
        case .openAIChat: "call_" + token(24, &random)
        case .anthropicMessages: "toolu_" + token(24, &random)
        case .gemini: ""
        }
    }

    /// Gemini's `toolConfig.functionCallingConfig.allowedFunctionNames`, which the canonical
    /// request cannot hold when it names more than one function.
    public static func allowedTools(_ wire: WireRequest, dialect: DialectID) -> [String]? {
        guard dialect == .gemini, let json = try? JSONValue(parsing: wire.body),
            let names = json["toolConfig"]?["functionCallingConfig"]?["allowedFunctionNames"]?.arrayValue
        else { return nil }
        let strings = names.compactMap(\.stringValue)
        return strings.isEmpty ? nil : strings
    }
}
