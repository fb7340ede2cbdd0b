import FaultlineWire

/// When a fault hits, from its scheduling parameters: `p` (probability), `first` (the first
/// N requests of the provider), `every` (every Nth request), `window` (`from..until`
/// seconds since the mock started). All given conditions must hold.
public struct FaultSchedule: Sendable, Hashable {
    public static let parameters = ["p", "first", "every", "window"]

    public var probability: Double
    public var first: Int?
    public var every: Int?
    public var window: ClosedRange<Double>?

    public init(probability: Double = 1, first: Int? = nil, every: Int? = nil, window: ClosedRange<Double>? = nil) {
        self.probability = probability
        self.first = first
        self.every = every
        self.window = window
    }

    init(_ arguments: FaultArguments) throws(FaultSpecError) {
        probability = try arguments.double("p", default: 1, in: 0...1)
        first = try arguments.optionalInt("first", in: 0...Int.max)
        every = try arguments.optionalInt("every", in: 1...Int.max)
        window = try arguments.string("window").map { raw throws(FaultSpecError) in try Self.window(raw, fault: arguments.spec.name) }
    }

    /// Parses `from..until` in seconds; either end may be left out (`..30`, `10..`).
    static func window(_ raw: String, fault: String) throws(FaultSpecError) -> ClosedRange<Double> {
        let bytes = Array(raw.utf8)
        guard let dot = (0..<max(0, bytes.count - 1)).first(where: { bytes[$0] == 46 && bytes[$0 + 1] == 46 }) else {
            throw FaultSpecError("\(fault): `window` must be FROM..UNTIL in seconds since start, e.g. 10..30, got `\(raw)`")
        }
        let fromText = Substring(String(decoding: bytes[..<dot], as: UTF8.self)).trimmingSpaces
        let untilText = Substring(String(decoding: bytes[(dot + 2)...], as: UTF8.self)).trimmingSpaces
        let from = fromText.isEmpty ? 0 : Double(fromText)
        let until = untilText.isEmpty ? Double.infinity : Double(untilText)
        guard let from, let until, from >= 0, until >= from else {
            throw FaultSpecError("\(fault): `window` must be FROM..UNTIL with 0 <= FROM <= UNTIL seconds, got `\(raw)`")
        }
        return from...until
    }

    /// Whether the fault hits request number `index` (1-based per provider) at `elapsed`
    /// seconds. `random` is consumed only when a probability below 1 is set.
    public func hits(index: Int, elapsed: Double, random: inout SeededRandom) -> Bool {
        if let first, index > first { return false }
        if let every, index % every != 0 { return false }
        if let window, !(elapsed >= window.lowerBound && elapsed < window.upperBound) { return false }
        if probability < 1 { return random.unit() < probability }
        return true
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (fault specs, header tokens).
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
