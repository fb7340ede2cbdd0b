import FaultlineWire

/// `overloaded`: the provider is over capacity (Anthropic 529 `overloaded_error`,
/// OpenAI and Gemini 503), the error behind most provider incident reports.
public struct Overloaded: Fault {
    public static let name = "overloaded"
    public static let parameters: [String] = ["retry_after"]
    public static let stage = FaultStage.status

    public var retryAfter: Double?

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        retryAfter = try arguments.optionalDouble("retry_after", in: 0...86_400)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        draft.fail(with: .overloaded(retryAfter: retryAfter))
    }
}
