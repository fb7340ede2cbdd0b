/// A place in a text file for a person: 1-based line and column (columns count Unicode
/// scalars), as editors show them. Parsers and validators know byte offsets; people read lines.
public struct TextPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position of byte `offset` in `bytes` (clamped to the end).
    public init(offset: Int, in bytes: some Collection<UInt8>) {
        var line = 1
        var column = 1
        for (index, byte) in bytes.enumerated() {
            if index >= offset { break }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // continuation bytes belong to the scalar already counted
            }
        }
        self.init(line: line, column: column)
    }

    /// Where `bytes` stop being UTF-8 (a file a loader cannot read as text), if they do.
    public init?(firstInvalidUTF8In bytes: [UInt8]) {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                self.init(offset: offset, in: bytes)
                return
            }
        }
    }

    /// Where the member named by the last key of `path` (`response.status`) is written,
    /// found by searching for each quoted key after the previous one; the deepest key found
    /// otherwise (a missing member is reported where its parent is), 1:1 for none.
    public init(ofKeyPath path: String, in bytes: [UInt8]) {
        var from = 0
        var found: Int?
        for key in path.split(separator: ".") {
            let name = key.split(separator: "[").first.map(String.init) ?? String(key)
            guard let at = Self.find(Array("\"\(name)\"".utf8), in: bytes, from: from) else { break }
            found = at
            from = at + name.utf8.count + 2
        }
        self.init(offset: found ?? 0, in: bytes)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    public var description: String { "\(line):\(column)" }
}
