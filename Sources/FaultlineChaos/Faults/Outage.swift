import FaultlineWire

/// `outage`: the provider is down: every request in the fault's `window` gets a 503.
/// Imitates a full regional outage; write it with a window, e.g. `outage(window=10..40)`.
public struct Outage: Fault {
    public static let name = "outage"
    public static let parameters: [String] = []
    public static let stage = FaultStage.status

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        draft.fail(with: .serverError(status: 503, detail: "The service is temporarily unavailable."))
    }
}
