import PropertyBased
import Testing
@testable import FaultlineWire

/// A random JSON document whose keys include characters that need quoting in paths.
func randomJSON(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
    let keys = ["id", "a.b", "", "x: y", "new\nline", "quote\"d", "[]", "ünï", "choices", "$", "snake_case"]
    let leaf = depth >= 4
    switch Int(random.next() % (leaf ? 5 : 7)) {
    case 0: return .null
    case 1: return .bool(random.next() % 2 == 0)
    case 2: return .number(Double(Int(random.next() % 2000)) - 1000)
    case 3: return .number(random.unit() * 100 - 50)
    case 4: return .string(String(random.next() % 1000))
    case 5: return .array((0..<Int(random.next() % 4)).map { _ in randomJSON(&random, depth: depth + 1) })
    default:
        var object = JSONObject()
        for _ in 0..<Int(random.next() % 5) {
            object[keys[Int(random.next() % UInt64(keys.count))]] = randomJSON(&random, depth: depth + 1)
        }
        return .object(object)
    }
}

@Suite("ShapeFingerprint properties")
struct ShapeFingerprintPropertyTests {
    @Test func textRoundTripsAndSelfDiffIsEmpty() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let fingerprint = ShapeFingerprint(randomJSON(&random))
            #expect(ShapeFingerprint(text: fingerprint.text) == fingerprint, "\(fingerprint.text)")
            #expect(fingerprint.diff(from: fingerprint).isEmpty)
        }
    }

    @Test func mergingIsUnionOfEach() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let values = (0..<3).map { _ in randomJSON(&random) }
            let merged = ShapeFingerprint(merging: values)
            let each = values.map(ShapeFingerprint.init)
            #expect(merged == each.reduce(ShapeFingerprint(merging: [])) { $0.merged(with: $1) })
            for single in each { #expect(single.diff(from: merged).added.isEmpty) }
            for single in each { #expect(merged.diff(from: single).removed.isEmpty) }
        }
    }
}
