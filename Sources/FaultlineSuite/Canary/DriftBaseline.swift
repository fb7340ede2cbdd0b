import FaultlineChaos
import FaultlineWire

/// What a provider's answers have looked like, from the fixtures of its dialect: the field
/// paths seen in any success (with their types) and the paths every success carried.
/// A live answer drifts when it has a path never seen (`added`), a type never seen at a
/// path (`retyped`), or lacks a path every recording had (`removed`). Plain text and tool
/// call answers share one baseline, so only always-present fields count as removed.
struct DriftBaseline: Sendable {
    struct Shapes: Sendable {
        var union = ShapeFingerprint(paths: [:])
        var always: Set<String>?
    }

    /// Per dialect and stream-ness.
    private var shapes: [String: Shapes] = [:]

    init(fixtures: [Fixture]) {
        for fixture in fixtures {
            guard case .response = fixture.expectation, fixture.response.status < 300,
                let shape = Self.fingerprint(fixture.response.body, stream: fixture.isStream)
            else { continue }
            let key = Self.key(fixture.dialect, stream: fixture.isStream)
            var entry = shapes[key] ?? Shapes()
            entry.union = entry.union.merged(with: shape)
            let paths = Set(shape.paths.keys)
            entry.always = entry.always.map { $0.intersection(paths) } ?? paths
            shapes[key] = entry
        }
    }

    /// Whether there is anything to compare a dialect's answers with.
    func covers(_ dialect: DialectID, stream: Bool) -> Bool { shapes[Self.key(dialect, stream: stream)] != nil }

    /// How `shape` differs from what was recorded; empty when there is no baseline.
    func drift(of shape: ShapeFingerprint, dialect: DialectID, stream: Bool) -> ShapeDiff {
        guard let baseline = shapes[Self.key(dialect, stream: stream)] else { return ShapeDiff() }
        let live = Set(shape.paths.keys)
        let added = live.subtracting(baseline.union.paths.keys).sorted()
        let removed = (baseline.always ?? []).subtracting(live).sorted()
        let retyped = shape.paths.keys.sorted().compactMap { path -> ShapeDiff.Retype? in
            guard let known = baseline.union.paths[path], let now = shape.paths[path] else { return nil }
            return Self.numeric(now).isSubset(of: Self.numeric(known)) ? nil : ShapeDiff.Retype(path: path, from: known, to: now)
        }
        return ShapeDiff(added: added, removed: removed, retyped: retyped)
    }

    /// The fingerprint of a raw body: the JSON document, or every JSON payload of a stream.
    static func fingerprint(_ body: [UInt8], stream: Bool) -> ShapeFingerprint? {
        if stream {
            let payloads = MockShape.payloads(body)
            return payloads.isEmpty ? nil : ShapeFingerprint(merging: payloads)
        }
        return (try? JSONValue(parsing: body)).map { ShapeFingerprint($0) }
    }

    /// `integer` and `number` are one JSON type: a whole number is not drift.
    private static func numeric(_ types: Set<String>) -> Set<String> {
        Set(types.map { $0 == "integer" ? "number" : $0 })
    }

    private static func key(_ dialect: DialectID, stream: Bool) -> String { dialect.rawValue + (stream ? "/stream" : "") }
}
