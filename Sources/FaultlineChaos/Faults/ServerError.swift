import FaultlineWire

/// `server_error(status)`: a 5xx with the provider's error body (`api_error`,
/// `server_error`, `INTERNAL`). Imitates the intermittent 500/502/504s of any backend.
public struct ServerError: Fault {
    public static let name = "server_error"
    public static let parameters: [String] = ["status"]
    public static let stage = FaultStage.status

    public var status: Int

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        status = try arguments.int("status", default: 500, in: 500...599)
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        draft.fail(with: .serverError(status: status, detail: "The server had an error while processing your request. Sorry about that!"))
    }
}
