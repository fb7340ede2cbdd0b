/// Finds a JSON object or array embedded in prose by bracket matching that skips over strings.
enum JSONScan {
    /// Start positions tried before giving up, so a long text full of stray braces stays cheap.
    static let maximumAttempts = 64

    /// The text of the first balanced `{…}` or `[…]` that parses as JSON.
    static func firstValue(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var attempts = 0
        var start = 0
        while start < bytes.count, attempts < maximumAttempts {
            guard let open = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) else {
                return nil
            }
            attempts += 1
            if let end = balancedEnd(bytes, from: open) {
                let slice = bytes[open...end]
                if (try? JSONValue(parsing: slice)) != nil { return String(decoding: slice, as: UTF8.self) }
            }
            start = open + 1
        }
        return nil
    }

    /// The index of the bracket closing the one at `open`, or `nil` when brackets do not balance.
    private static func balancedEnd(_ bytes: [UInt8], from open: Int) -> Int? {
        var stack: [UInt8] = []
        var inString = false
        var escaped = false
        var index = open
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"): stack.append(UInt8(ascii: "}"))
                case UInt8(ascii: "["): stack.append(UInt8(ascii: "]"))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard stack.popLast() == byte else { return nil }
                    if stack.isEmpty { return index }
                default: break
                }
            }
            index += 1
        }
        return nil
    }
}
