/// A repair a chain may try on a delivered answer that fails its shape check, before
/// counting it as a failure. Raw values are the names used in chain configs and reports.
public enum RepairStep: String, CaseIterable, Sendable {
    /// ```` ```json … ``` ```` around JSON text, as chat-tuned models like to write it.
    case stripFences = "strip_fences"
    /// The first balanced JSON object or array inside prose ("Sure! Here it is: {…}").
    case extractJSON = "extract_json"
    /// Tool arguments sent as a JSON string holding an object, or an object where the schema wants a string.
    case coerceToolArguments = "coerce_tool_arguments"
}
