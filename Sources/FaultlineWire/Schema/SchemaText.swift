/// Text helpers for schema and shape messages, kept in one namespace so they cannot
/// clash with other `String` extensions in the module.
enum SchemaText {
    /// At most 60 characters, so one huge value cannot swamp a report line.
    static func excerpt(_ text: String) -> String { text.count <= 60 ? text : text.prefix(57) + "..." }

    /// `text` without leading and trailing whitespace (newlines included).
    static func trimmed(_ text: String) -> String {
        guard let start = text.firstIndex(where: { !$0.isWhitespace }), let end = text.lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(text[start...end])
    }
}
