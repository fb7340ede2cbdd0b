extension JSONValue {
    /// Indented JSON (two spaces, `"key": value`), keys in their stored order: the layout
    /// of the bundled `case.json` files, so a recorded one diffs cleanly against them.
    public var prettyBytes: [UInt8] {
        var out: [UInt8] = []
        writePretty(to: &out, depth: 0)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    private func writePretty(to out: inout [UInt8], depth: Int) {
        func newline(_ level: Int) {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
        }
        switch self {
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                element.writePretty(to: &out, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (i, field) in object.fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                JSONValue.writeString(field.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                field.value.writePretty(to: &out, depth: depth + 1)
            }
            newline(depth)
            out.append(UInt8(ascii: "}"))
        default:
            write(to: &out)
        }
    }
}
