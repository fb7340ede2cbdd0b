/// HTTP header fields in wire order. Names compare case-insensitively, as HTTP requires;
/// the stored spelling is kept so a fixture or the mock writes headers as the provider does.
public struct WireHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public var fields: [(name: String, value: String)]

    public init() { fields = [] }
    public init(_ fields: [(name: String, value: String)]) { self.fields = fields }
    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// The first value for `name`, or nil.
    public subscript(name: String) -> String? {
        for field in fields where field.name.caseInsensitiveEquals(name) { return field.value }
        return nil
    }

    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    public mutating func add(_ name: String, _ value: String) { fields.append((name: name, value: value)) }

    /// Replaces every value of `name` with one.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name: name, value: value))
    }

    public mutating func remove(_ name: String) { fields.removeAll { $0.name.caseInsensitiveEquals(name) } }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    public static func == (lhs: WireHeaders, rhs: WireHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name.caseInsensitiveEquals($1.name) && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name.lowercased())
            hasher.combine(field.value)
        }
    }

    /// Header names that carry credentials; they never reach a fixture, log or report.
    public static let secretNames: Set<String> = [
        "authorization", "x-api-key", "api-key", "x-goog-api-key", "cookie", "set-cookie", "proxy-authorization",
    ]

    /// A copy with every credential header's value replaced by `[redacted]`.
    public var redacted: WireHeaders {
        WireHeaders(fields.map { field in
            WireHeaders.secretNames.contains(field.name.lowercased()) ? (field.name, "[redacted]") : field
        })
    }
}

extension StringProtocol {
    /// ASCII case-insensitive equality, byte by byte without allocating: header names, methods.
    /// Native strings compare through their contiguous UTF-8 (header lookups run several times
    /// per request on the mock's hot path); others fall back to their UTF-8 views.
    @inlinable
    public func caseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        let contiguous = a.withContiguousStorageIfAvailable { x in
            b.withContiguousStorageIfAvailable { y in asciiCaseInsensitiveEquals(x, y) }
        }
        if let contiguous, let equal = contiguous { return equal }
        return asciiCaseInsensitiveEquals(a, b)
    }
}

/// Equal-length byte sequences compared with ASCII letters folded to lower case.
@inlinable
func asciiCaseInsensitiveEquals(_ a: some Sequence<UInt8>, _ b: some Sequence<UInt8>) -> Bool {
    for (x, y) in zip(a, b) where x != y {
        let lx = (x >= 65 && x <= 90) ? x + 32 : x
        let ly = (y >= 65 && y <= 90) ? y + 32 : y
        if lx != ly { return false }
    }
    return true
}
