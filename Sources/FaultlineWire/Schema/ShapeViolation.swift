/// One failed shape check, named by a stable id that reports and suite thresholds key on.
public struct ShapeViolation: Sendable, Hashable, CustomStringConvertible {
    /// One of `ShapeViolation.Check`'s raw values, e.g. `"tool_arguments_valid"`.
    public var check: String
    /// What was wrong, for a person.
    public var detail: String

    public init(check: String, detail: String) {
        self.check = check
        self.detail = detail
    }

    public init(_ check: Check, detail: String) {
        self.init(check: check.rawValue, detail: detail)
    }

    public var description: String { "\(check): \(detail)" }

    /// The stable check ids. New checks may be added; existing ids never change.
    public enum Check: String, Sendable, Hashable, CaseIterable {
        case finishReasonKnown = "finish_reason_known"
        case usagePresent = "usage_present"
        case toolCallIdPresent = "tool_call_id_present"
        case toolCallNamePresent = "tool_call_name_present"
        case textPresent = "text_present"
        case toolCallPresent = "tool_call_present"
        case toolArgumentsValid = "tool_arguments_valid"
        case jsonParses = "json_parses"
        case jsonValid = "json_valid"

        /// Checks every answer must pass whatever its shape; no repair can fix them.
        public var appliesToEveryShape: Bool {
            switch self {
            case .finishReasonKnown, .usagePresent, .toolCallIdPresent, .toolCallNamePresent: true
            case .textPresent, .toolCallPresent, .toolArgumentsValid, .jsonParses, .jsonValid: false
            }
        }
    }
}
