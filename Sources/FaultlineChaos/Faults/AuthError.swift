import FaultlineWire

/// `auth_error`: the key is refused (OpenAI 401 `invalid_api_key`, Anthropic 401
/// `authentication_error`, Gemini 400 `API_KEY_INVALID`): a rotated or revoked key.
public struct AuthError: Fault {
    public static let name = "auth_error"
    public static let parameters: [String] = []
    public static let stage = FaultStage.status

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        draft.fail(with: .authentication(status: 401, detail: "Incorrect API key provided."))
    }
}
