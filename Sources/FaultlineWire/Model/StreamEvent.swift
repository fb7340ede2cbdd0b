/// A canonical streaming event: what each dialect's stream decoder emits, and what
/// each dialect's stream encoder consumes. Tool-call argument fragments stay strings
/// until the stream completes, as every provider sends them.
public enum StreamEvent: Sendable, Hashable {
    /// The stream opened: response id and model.
    case start(id: String, model: String)
    case textDelta(String)
    /// A tool call begins at `index` (0-based, in call order).
    case toolCallStart(index: Int, id: String, name: String)
    /// A fragment of the JSON text of the arguments of the call at `index`.
    case toolCallDelta(index: Int, arguments: String)
    /// Usage so far. Providers that report cumulative usage send several; the last wins.
    case usage(Usage)
    case finish(FinishReason)
    /// The dialect's completion rule holds: nothing more will come.
    case done
}
