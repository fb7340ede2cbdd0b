/// Escaping that survives any provider text: markup characters become entities, and
/// characters XML 1.0 forbids (control characters, U+FFFE/U+FFFF) become a visible
/// `\u{…}` so a report always parses, whatever bytes a provider sent.
enum XMLText {
    static func escape(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if isAllowed(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                }
            }
        }
        return out
    }

    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// Seconds as the JUnit schemas require: no exponent, no sign, at most 3 decimals.
    static func seconds(_ value: Double) -> String {
        let millis = Int64((max(0, value.isFinite ? value : 0) * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

/// A minimal XML builder: elements in the order they are written, indented two spaces.
struct XMLBuilder {
    private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    private var depth = 0

    mutating func open(_ name: String, _ attributes: [(String, String)] = [], selfClosing: Bool = false) {
        text += String(repeating: "  ", count: depth) + "<" + name
        for (key, value) in attributes { text += " \(key)=\"\(XMLText.escape(value, attribute: true))\"" }
        text += selfClosing ? "/>\n" : ">\n"
        if !selfClosing { depth += 1 }
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += String(repeating: "  ", count: depth) + "</\(name)>\n"
    }

    /// `<name attrs>escaped text</name>` on one line (text may span lines).
    mutating func leaf(_ name: String, _ attributes: [(String, String)] = [], text body: String) {
        text += String(repeating: "  ", count: depth) + "<" + name
        for (key, value) in attributes { text += " \(key)=\"\(XMLText.escape(value, attribute: true))\"" }
        text += ">" + XMLText.escape(body) + "</\(name)>\n"
    }
}
