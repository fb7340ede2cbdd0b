/// Equality as JSON Schema defines it for `enum`, `const` and `uniqueItems`:
/// object members compare regardless of order (our `JSONValue ==` keeps order).
enum JSONEquality {
    static func same(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            a.count == b.count && a.allSatisfy { field in b[field.key].map { same(field.value, $0) } ?? false }
        case (.array(let a), .array(let b)):
            a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        default:
            lhs == rhs
        }
    }
}
