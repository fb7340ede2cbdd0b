/// Typed, range-checked reads of a spec's parameters. Every message names the fault,
/// the parameter, the value given and what is accepted.
public struct FaultArguments: Sendable {
    public let spec: FaultSpec

    public init(_ spec: FaultSpec) { self.spec = spec }

    public func string(_ key: String) -> String? { spec[key] }

    public func double(_ key: String, default fallback: Double, in range: ClosedRange<Double>) throws(FaultSpecError) -> Double {
        try optionalDouble(key, in: range) ?? fallback
    }

    public func optionalDouble(_ key: String, in range: ClosedRange<Double>) throws(FaultSpecError) -> Double? {
        guard let raw = spec[key] else { return nil }
        guard let value = Double(raw), value.isFinite else {
            throw FaultSpecError("\(spec.name): `\(key)` must be a number, got `\(raw)`")
        }
        guard range.contains(value) else {
            throw FaultSpecError("\(spec.name): `\(key)` must be in \(Self.text(range.lowerBound))...\(Self.text(range.upperBound)), got \(raw)")
        }
        return value
    }

    public func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(FaultSpecError) -> Int {
        try optionalInt(key, in: range) ?? fallback
    }

    public func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(FaultSpecError) -> Int? {
        guard let raw = spec[key] else { return nil }
        guard let value = Int(raw) else { throw FaultSpecError("\(spec.name): `\(key)` must be a whole number, got `\(raw)`") }
        guard range.contains(value) else {
            throw FaultSpecError("\(spec.name): `\(key)` must be in \(range.lowerBound)...\(range.upperBound), got \(raw)")
        }
        return value
    }

    public func choice(_ key: String, _ options: [String], default fallback: String) throws(FaultSpecError) -> String {
        guard let raw = spec[key] else { return fallback }
        guard options.contains(raw) else {
            throw FaultSpecError("\(spec.name): `\(key)` must be one of \(options.joined(separator: ", ")), got `\(raw)`")
        }
        return raw
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
