/// Reads the fault grammar `name(key=value, ...)`: names and keys are identifiers,
/// values are plain text up to `,` `)` `;` or quoted with `"` or `'` (backslash escapes).
struct FaultSpecScanner {
    private let scalars: [Unicode.Scalar]
    private let text: String
    private(set) var offset = 0

    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
    }

    var atEnd: Bool { offset >= scalars.count }

    mutating func skipSpaces() {
        while offset < scalars.count, scalars[offset] == " " || scalars[offset] == "\t" || scalars[offset] == "\n" || scalars[offset] == "\r" {
            offset += 1
        }
    }

    mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
        guard offset < scalars.count, scalars[offset] == scalar else { return false }
        offset += 1
        return true
    }

    mutating func expectEnd() throws(FaultSpecError) {
        skipSpaces()
        guard atEnd else {
            throw FaultSpecError("unexpected `\(String(scalars[offset]))` at character \(offset + 1) of `\(text)`; write one fault as name(key=value, ...)")
        }
    }

    mutating func spec() throws(FaultSpecError) -> FaultSpec {
        skipSpaces()
        let name = identifier()
        guard !name.isEmpty else {
            throw FaultSpecError("expected a fault name at character \(offset + 1) of `\(text)`; known: \(FaultCatalogue.names.joined(separator: ", "))")
        }
        skipSpaces()
        var parameters: [(key: String, value: String)] = []
        guard consume("(") else { return FaultSpec(name: name, parameters: parameters) }
        skipSpaces()
        if consume(")") { return FaultSpec(name: name, parameters: parameters) }
        while true {
            skipSpaces()
            let key = identifier()
            guard !key.isEmpty else { throw FaultSpecError("\(name): expected a parameter name at character \(offset + 1) of `\(text)`") }
            skipSpaces()
            guard consume("=") else { throw FaultSpecError("\(name): parameter `\(key)` needs a value, as \(key)=VALUE") }
            skipSpaces()
            let value = try self.value(fault: name)
            parameters.append((key: key, value: value))
            skipSpaces()
            if consume(",") { continue }
            if consume(")") { break }
            throw FaultSpecError(atEnd ? "\(name): missing `)` at the end of `\(text)`" : "\(name): expected `,` or `)` at character \(offset + 1) of `\(text)`")
        }
        return FaultSpec(name: name, parameters: parameters)
    }

    private mutating func identifier() -> String {
        var out = String.UnicodeScalarView()
        while offset < scalars.count {
            let s = scalars[offset]
            guard ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "_" || s == "-" else { break }
            out.append(s)
            offset += 1
        }
        return String(out)
    }

    private mutating func value(fault: String) throws(FaultSpecError) -> String {
        var out = String.UnicodeScalarView()
        if offset < scalars.count, scalars[offset] == "\"" || scalars[offset] == "'" {
            let quote = scalars[offset]
            offset += 1
            while offset < scalars.count, scalars[offset] != quote {
                if scalars[offset] == "\\", offset + 1 < scalars.count { offset += 1 }
                out.append(scalars[offset])
                offset += 1
            }
            guard consume(quote) else { throw FaultSpecError("\(fault): unterminated quoted value in `\(text)`") }
            return String(out)
        }
        while offset < scalars.count, !",);".unicodeScalars.contains(scalars[offset]) {
            out.append(scalars[offset])
            offset += 1
        }
        var value = String(out)
        while value.last == " " || value.last == "\t" { value.removeLast() }
        return value
    }
}
