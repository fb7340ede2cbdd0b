/// One fault as written in suites, on the CLI and in the
/// `x-faultline-fault: name(k=v,...)[; name2(...)]` header. Parsing validates the name
/// and every parameter against `FaultCatalogue`, so a spec that parsed can always be built.
public struct FaultSpec: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// In written order.
    public var parameters: [(key: String, value: String)]

    /// A spec from parts, not validated (use `init(parsing:)` for text from a person).
    public init(name: String, parameters: [(key: String, value: String)] = []) {
        self.name = name
        self.parameters = parameters
    }

    /// Parses and validates one fault: `name`, `name()` or `name(k=v, k2="v, with comma")`.
    public init(parsing text: String) throws(FaultSpecError) {
        var scanner = FaultSpecScanner(text)
        self = try scanner.spec()
        try scanner.expectEnd()
        try FaultCatalogue.validate(self)
    }

    /// Parses `a(x=1); b`: faults separated by `;` (a `;` inside quotes belongs to a value).
    /// Empty text and empty entries (`;;`, a trailing `;`) are errors: they are typos, and
    /// "no fault" read from a header that named one would pass a test that should not.
    public static func parseList(_ text: String) throws(FaultSpecError) -> [FaultSpec] {
        var scanner = FaultSpecScanner(text)
        var specs: [FaultSpec] = []
        scanner.skipSpaces()
        if scanner.atEnd {
            throw FaultSpecError("no fault given; write one or more as name(key=value, ...); name2")
        }
        while true {
            scanner.skipSpaces()
            if scanner.atEnd || scanner.consume(";") {
                throw FaultSpecError("empty fault at character \(scanner.offset) of `\(text)`; remove the extra `;`")
            }
            let spec = try scanner.spec()
            try FaultCatalogue.validate(spec)
            specs.append(spec)
            scanner.skipSpaces()
            if scanner.atEnd { break }
            guard scanner.consume(";") else {
                throw FaultSpecError("expected `;` between faults at character \(scanner.offset + 1) of `\(text)`")
            }
        }
        return specs
    }

    /// The value of parameter `key`, the last one written wins.
    public subscript(key: String) -> String? { parameters.last { $0.key == key }?.value }

    /// Canonical text, re-parseable: `name` or `name(k=v, k2="quoted value")`.
    public var description: String {
        guard !parameters.isEmpty else { return name }
        let written = parameters.map { "\($0.key)=\(FaultSpec.quotedIfNeeded($0.value))" }
        return "\(name)(\(written.joined(separator: ", ")))"
    }

    static func quotedIfNeeded(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { !" ,;()\"'=\t\r\n\\".unicodeScalars.contains($0) }
        if plain { return value }
        var out = "\""
        for character in value {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }

    public static func == (a: FaultSpec, b: FaultSpec) -> Bool {
        a.name == b.name && a.parameters.count == b.parameters.count
            && zip(a.parameters, b.parameters).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        for parameter in parameters {
            hasher.combine(parameter.key)
            hasher.combine(parameter.value)
        }
    }
}
