import FaultlineWire

/// What changed between two fixture folders (the bundled ones and a fresh recording, or two
/// recordings a month apart): cases added and removed, and the shape of the answers of each
/// dialect, plain and streamed, compared as the union of their field paths. What
/// `faultline check --against OLD NEW` prints after a canary has re-recorded the fixtures.
public struct FixtureDrift: Sendable, Hashable {
    /// `dialect/case` names only in the new folder, and only in the old one.
    public var addedCases: [String]
    public var removedCases: [String]
    /// Per answer class (`openai-chat`, `openai-chat stream`), how its shape moved.
    public var shapes: [ShapeChange]

    public struct ShapeChange: Sendable, Hashable {
        public var answers: String
        public var diff: ShapeDiff
    }

    public init(old: [Fixture], new: [Fixture]) {
        let oldNames = Set(old.map(\.name))
        let newNames = Set(new.map(\.name))
        addedCases = newNames.subtracting(oldNames).sorted()
        removedCases = oldNames.subtracting(newNames).sorted()
        let before = Self.shapes(old)
        let after = Self.shapes(new)
        shapes = Set(before.keys).intersection(after.keys).sorted().compactMap { key in
            guard let was = before[key], let now = after[key] else { return nil }
            let diff = now.diff(from: was)
            return diff.isEmpty ? nil : ShapeChange(answers: key, diff: diff)
        }
    }

    public var isEmpty: Bool { addedCases.isEmpty && removedCases.isEmpty && shapes.isEmpty }

    /// The answers' shapes of successful cases, merged per dialect and stream-ness.
    private static func shapes(_ fixtures: [Fixture]) -> [String: ShapeFingerprint] {
        var out: [String: ShapeFingerprint] = [:]
        for fixture in fixtures {
            guard case .response = fixture.expectation, fixture.response.status < 300,
                let shape = DriftBaseline.fingerprint(fixture.response.body, stream: fixture.isStream)
            else { continue }
            let key = fixture.dialect.rawValue + (fixture.isStream ? " stream" : "")
            out[key] = out[key].map { $0.merged(with: shape) } ?? shape
        }
        return out
    }

    /// One line per change, or `no change`.
    public var lines: [String] {
        guard !isEmpty else { return ["no change between the two fixture folders"] }
        var out = addedCases.map { "+ case \($0)" } + removedCases.map { "- case \($0)" }
        for shape in shapes {
            out += shape.diff.added.map { "\(shape.answers): \($0): added" }
            out += shape.diff.removed.map { "\(shape.answers): \($0): removed" }
            out += shape.diff.retyped.map { "\(shape.answers): \($0.description)" }
        }
        return out
    }
}
