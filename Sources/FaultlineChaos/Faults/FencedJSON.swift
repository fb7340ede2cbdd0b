import FaultlineWire

/// `fenced_json`: the JSON answer arrives wrapped in a markdown fence (```json … ```),
/// as models do when structured output is asked for in the prompt rather than enforced.
public struct FencedJSON: Fault {
    public static let name = "fenced_json"
    public static let parameters: [String] = []
    public static let stage = FaultStage.content

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {}

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        draft.editResponse { response in
            guard !response.text.isEmpty else { return }
            response.text = "```json\n" + response.text + "\n```"
        }
    }
}
