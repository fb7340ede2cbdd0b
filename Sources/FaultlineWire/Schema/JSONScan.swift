/// Finds a JSON object or array embedded in prose by bracket matching that skips over strings.
enum JSONScan {
    /// Start positions tried before giving up, so a long text full of stray braces stays cheap.
    static let maximumAttempts = 64

    /// The text of the first balanced `{…}` or `[…]` that parses as JSON.
    static func firstValue(in text: String) -> String? {
        values(in: text).first?.text
    }

    /// Every top-level balanced `{…}` or `[…]` that parses as JSON, in order (values nested
    /// inside an earlier match are not listed again), up to `maximumAttempts` tries.
    static func values(in text: String) -> [(text: String, value: JSONValue)] {
        let bytes = Array(text.utf8)
        var found: [(text: String, value: JSONValue)] = []
        var attempts = 0
        var start = 0
        while start < bytes.count, attempts < maximumAttempts {
            guard let open = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "[") }) else {
                break
            }
            attempts += 1
            start = open + 1
            guard let end = balancedEnd(bytes, from: open) else { continue }
            let slice = bytes[open...end]
            if let value = try? JSONValue(parsing: slice) {
                found.append((String(decoding: slice, as: UTF8.self), value))
                start = end + 1
            }
        }
        return found
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
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
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
