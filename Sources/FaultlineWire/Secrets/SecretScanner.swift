/// Finds values shaped like provider API keys, so none reaches a fixture, log or report.
///
/// Matches the public key formats: OpenAI `sk-…`/`sk-proj-…`, Anthropic `sk-ant-…`,
/// Google `AIza…`, and any `Bearer` token longer than a placeholder.
public enum SecretScanner {
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        /// 1-based line of the match.
        public var line: Int
        public var kind: String
        /// The match with all but its first characters masked.
        public var masked: String
        public var description: String { "line \(line): \(kind) `\(masked)`" }
    }

    /// Every key-shaped run in `bytes` as a byte range with its kind, in order and never
    /// overlapping: what the recorder replaces before it writes a fixture.
    public static func ranges(in bytes: [UInt8]) -> [(range: Range<Int>, kind: String)] {
        var out: [(range: Range<Int>, kind: String)] = []
        var i = 0
        while i < bytes.count {
            if let (kind, length) = match(bytes, at: i) {
                out.append((i..<(i + length), kind))
                i += length
            } else {
                i += 1
            }
        }
        return out
    }

    public static func scan(_ text: String) -> [Finding] {
        var findings: [Finding] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line.utf8)
            var i = 0
            while i < bytes.count {
                if let (kind, length) = match(bytes, at: i) {
                    let token = String(decoding: bytes[i..<(i + length)], as: UTF8.self)
                    findings.append(Finding(line: index + 1, kind: kind, masked: String(token.prefix(6)) + "…"))
                    i += length
                } else {
                    i += 1
                }
            }
        }
        return findings
    }

    private static func isKeyByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
    }

    private static func run(_ bytes: [UInt8], from start: Int) -> Int {
        var j = start
        while j < bytes.count, isKeyByte(bytes[j]) { j += 1 }
        return j - start
    }

    private static func hasPrefix(_ bytes: [UInt8], _ prefix: String, at i: Int) -> Bool {
        let p = Array(prefix.utf8)
        return i + p.count <= bytes.count && Array(bytes[i..<(i + p.count)]) == p
    }

    private static func match(_ bytes: [UInt8], at i: Int) -> (String, Int)? {
        // A key starts a token: the previous byte must not be part of one.
        if i > 0, isKeyByte(bytes[i - 1]) { return nil }
        if hasPrefix(bytes, "sk-ant-", at: i) {
            let n = run(bytes, from: i)
            return n >= 27 ? ("Anthropic API key", n) : nil
        }
        if hasPrefix(bytes, "sk-", at: i) {
            let n = run(bytes, from: i)
            return n >= 23 ? ("OpenAI API key", n) : nil
        }
        if hasPrefix(bytes, "AIza", at: i) {
            let n = run(bytes, from: i)
            return n >= 34 ? ("Google API key", n) : nil
        }
        if hasPrefix(bytes, "Bearer ", at: i) {
            var n = run(bytes, from: i + 7)
            while i + 7 + n < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/")].contains(bytes[i + 7 + n]) {
                n += 1 + run(bytes, from: i + 8 + n)
            }
            return n >= 20 ? ("bearer token", 7 + n) : nil
        }
        return nil
    }
}
