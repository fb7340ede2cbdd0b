/// How a task ended, as DESIGN.md's `outcome.*` metrics count it. A delivered task takes
/// the most severe recovery it needed: `fell_back` over `retried` over `repaired` over `clean`.
public enum TaskOutcome: String, Sendable, Hashable, CaseIterable {
    /// The first attempt on the primary delivered a valid answer as is.
    case clean
    /// Delivered by the primary's first attempt after a repair step fixed its shape.
    case repaired
    /// Delivered by the primary after more than one attempt.
    case retried
    /// Delivered by a provider other than the primary.
    case fellBack = "fell_back"
    /// Nothing delivered.
    case failed
    /// Delivered although it fails the shape check: the worst outcome, a 200 that is not the answer.
    case nonsense
}
