import Testing
@testable import FaultlineWire

@Suite("ShapeDiff")
struct ShapeDiffTests {
    @Test func addedRemovedRetyped() {
        let baseline = ShapeFingerprint([
            "id": "x", "usage": ["input_tokens": 1], "content": [["type": "text", "text": "hi"]],
        ])
        let drifted = ShapeFingerprint([
            "id": 7, "content": [["type": "text", "body": "hi"]], "extra": true,
        ])
        let diff = drifted.diff(from: baseline)
        #expect(diff.added == ["$.content[].body", "$.extra"])
        #expect(diff.removed == ["$.content[].text", "$.usage", "$.usage.input_tokens"])
        #expect(diff.retyped == [ShapeDiff.Retype(path: "$.id", from: ["string"], to: ["integer"])])
        #expect(!diff.isEmpty)
        #expect(diff.description == """
            + $.content[].body
            + $.extra
            - $.content[].text
            - $.usage
            - $.usage.input_tokens
            ~ $.id: string -> integer
            """)
    }

    @Test func diffIsDirectional() {
        let small = ShapeFingerprint(["a": 1])
        let large = ShapeFingerprint(["a": 1, "b": 2])
        #expect(large.diff(from: small).added == ["$.b"])
        #expect(small.diff(from: large).removed == ["$.b"])
    }

    @Test func nullableFieldIsRetyped() {
        let diff = ShapeFingerprint(["content": nil]).diff(from: ShapeFingerprint(["content": "hi"]))
        #expect(diff.retyped == [ShapeDiff.Retype(path: "$.content", from: ["string"], to: ["null"])])
        #expect(diff.retyped.first?.description == "$.content: string -> null")
    }

    /// A whole number where a fraction was seen before (`temperature: 1` vs `0.7`) is not drift.
    @Test func integerAndNumberAreNotDrift() {
        let diff = ShapeFingerprint(["t": 1]).diff(from: ShapeFingerprint(["t": 0.7]))
        #expect(diff.isEmpty)
        #expect(diff.description == "no shape drift")
    }

    @Test func objectBecomingStringIsRetyped() {
        let diff = ShapeFingerprint(["args": "{}"]).diff(from: ShapeFingerprint(["args": ["a": 1]]))
        #expect(diff.retyped.map(\.path) == ["$.args"])
        #expect(diff.removed == ["$.args.a"])
    }
}
