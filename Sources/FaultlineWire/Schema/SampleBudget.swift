/// What one `JSONSchema.sample` may cost. A schema arrives in a request body, so its
/// bounds are a stranger's numbers: without caps `"minItems": "9223372036854775807"`
/// overflowed, a huge `minLength` pinned an event loop, and nested `minItems: 2` arrays
/// grew to 1.4 GB. These caps keep one sample to a few hundred KB and a few milliseconds.
struct SampleBudget: Sendable {
    /// Elements of one array; a larger `minItems` is cut to this (the sample is then marked clamped).
    static let maximumItems = 1_000
    /// Unicode scalars of one string; a larger `minLength` is cut to this.
    static let maximumLength = 16_384
    /// Approximate JSON bytes of the whole sample. Past it arrays stop growing and optional
    /// properties are left out, so the value keeps its shape at about this size.
    static let softBytes = 256 * 1024
    /// Past twice the soft limit (only required members can get there) the attempt gives up.
    static let hardBytes = 2 * softBytes
    /// Values (of any kind) in one sample, soft and hard like the bytes: time goes with the
    /// count of values more than with bytes (nested arrays of short strings are the slow case).
    static let softNodes = 20_000
    static let hardNodes = 2 * softNodes

    private(set) var spent = 0
    private(set) var nodes = 0
    /// Set when a count was cut to a cap or the soft limit stopped growth: the value has the
    /// schema's shape but may break one of its bounds.
    private(set) var clamped = false

    /// No more optional growth: extra elements, optional properties, longer strings.
    var isLow: Bool { spent >= Self.softBytes || nodes >= Self.softNodes }
    var isExhausted: Bool { spent >= Self.hardBytes || nodes >= Self.hardNodes }

    /// Records one more value; false once past the hard limit.
    mutating func count() -> Bool {
        nodes += 1
        return !isExhausted
    }

    /// Records `bytes` of output; false once the hard limit is passed.
    mutating func spend(_ bytes: Int) -> Bool {
        spent += max(0, bytes)
        return !isExhausted
    }

    /// `wanted` cut to `cap`, remembering that it was cut.
    mutating func clamp(_ wanted: Int, to cap: Int) -> Int {
        guard wanted > cap else { return wanted }
        clamped = true
        return cap
    }

    mutating func markClamped() { clamped = true }
}
