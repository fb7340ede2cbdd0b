/// Makes text from an input file safe to print on a terminal. A suite, task, chain or
/// fixture may hold control bytes or ANSI sequences (by accident or on purpose), and a
/// diagnostic that quotes them must not clear the screen, move the cursor, rewrite the
/// line or hide text behind a bidi override: every diagnostic print path goes through here.
public enum TerminalText {
    /// `text` with C0 and C1 controls, DEL and bidi controls written as escapes (`\n`,
    /// `\t`, `\r`, `\u{1B}`); printable text, including non-ASCII letters, unchanged.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let escape: String
            switch scalar {
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            default: escape = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }

    /// Each line of `text` escaped, the line breaks kept: for multi-line output such as a
    /// list of diagnostics.
    public static func escapedLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }.joined(separator: "\n")
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true  // bidi marks and overrides
        default: false
        }
    }
}
