import FaultlineWire

/// `missing_event_name`: Anthropic frames lose their `event:` line. The anthropic SDK
/// silently skips events without one, so text vanishes with no error; other dialects
/// send no `event:` lines and are unchanged.
public struct MissingEventName: Fault {
    public static let name = "missing_event_name"
    public static let parameters: [String] = []
    public static let stage = FaultStage.frames

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard draft.isStream, draft.dialect == .anthropicMessages else { return }
        let prefix = Array("event:".utf8)
        for index in draft.pieces.indices {
            let lines = draft.pieces[index].bytes.split(separator: 10, omittingEmptySubsequences: false)
            draft.pieces[index].bytes = Array(lines.filter { !$0.starts(with: prefix) }.joined(separator: [10]))
        }
    }
}
