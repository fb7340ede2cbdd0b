import FaultlineFuzzSupport
import Testing

@testable import FaultlineWire

/// The JSON parser under mutated provider bodies: it never traps, a failure is a
/// `JSONParseError` at an offset inside the input, and whatever it accepts re-encodes to a
/// document that parses back to the same value.
struct JSONParserFuzzTests {
    static let seeds = FuzzCorpus.fixtureFiles(endingIn: [".json"]).map(\.bytes)
    static let mutator = Mutator(dictionary: [
        "\\u", "\\ud83d", "\\udc00", "1e999", "-0", "0.", "[[[[", "]]]]", "{\"a\":", "null", "true", "\"\\", "9007199254740993",
    ])

    @Test func mutatedBodiesParseOrFailAtAnOffset() {
        #expect(Self.seeds.count > 50)
        let campaign = FuzzCampaign("json", count: 3_000)
        campaign.run { index, random in
            let input = Self.mutator.mutate(Mutator.pick(Self.seeds, using: &random), using: &random)
            Self.check(input, campaign.label(index))
        }
    }

    @Test func deepNestingIsRefusedNotOverflowed() {
        for depth in [511, 513, 100_000] {
            let input = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
            Self.check(input, "depth \(depth)")
        }
    }

    @Test func corpusReplays() {
        for entry in FuzzCorpus.entries("json") { Self.check(entry.bytes, entry.name) }
    }

    static func check(_ input: [UInt8], _ label: String) {
        switch Result(catching: { () throws(JSONParseError) in try JSONValue(parsing: input) }) {
        case .success(let value):
            #expect((try? JSONValue(parsing: value.bytes)) == value, "\(label)")
        case .failure(let error):
            #expect(error.offset >= 0 && error.offset <= input.count, "\(label)")
        }
    }
}
