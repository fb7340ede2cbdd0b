import PropertyBased
import Testing
@testable import FaultlineWire

/// A random JSON value for codec round trips: unicode beyond the BMP, characters that
/// must be escaped, integers, fractions and numbers at the ends of Double's range.
func randomCodecJSON(_ random: inout SeededRandom, depth: Int = 0) -> JSONValue {
    let pieces = [
        "a", "key", "", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{1F}", "\u{7F}",
        "é", "世界", "😀", "👋🏽", "𝄞", "\u{2028}", "\u{FEFF}", "{}[],:",
    ]
    let numbers: [Double] = [
        0, -0.5, 1, -1, 42, 1e300, -1e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
        9_007_199_254_740_992, -9_007_199_254_740_993, 8.9e15, 9.1e15, 1e-7, 0.1, 3.141592653589793, 123_456_789_012,
    ]
    func text() -> String {
        (0..<Int(random.next() % 6)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }
    let leaf = depth >= 4
    switch Int(random.next() % (leaf ? 6 : 8)) {
    case 0: return .null
    case 1: return .bool(random.next() % 2 == 0)
    case 2: return .number(numbers[Int(random.next() % UInt64(numbers.count))])
    case 3: return .number(Double(Int64(bitPattern: random.next()) >> Int64(random.next() % 64)))
    case 4: return .number((random.unit() - 0.5) * pow10(Int(random.next() % 40) - 20))
    case 5: return .string(text())
    case 6: return .array((0..<Int(random.next() % 5)).map { _ in randomCodecJSON(&random, depth: depth + 1) })
    default:
        var object = JSONObject()
        for _ in 0..<Int(random.next() % 5) {
            object.fields.append((key: text(), value: randomCodecJSON(&random, depth: depth + 1)))
        }
        return .object(object)
    }
}

private func pow10(_ exponent: Int) -> Double {
    var value = 1.0
    for _ in 0..<abs(exponent) { value *= 10 }
    return exponent < 0 ? 1 / value : value
}

private func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONValue(parsing: text) }

@Suite("JSONValue")
struct JSONValueTests {
    @Test func randomValuesRoundTrip() async {
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let value = randomCodecJSON(&random)
            let written = value.bytes
            let parsed = try? JSONValue(parsing: written)
            #expect(parsed == value, "\(value.jsonString)")
            #expect(parsed?.bytes == written)
        }
    }

    @Test func keyOrderIsPreservedIncludingDuplicates() throws {
        let text = #"{"z":1,"a":2,"m":{"y":true,"b":null},"a":3}"#
        let value = try parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "m", "a"])
        #expect(value["m"]?.objectValue?.keys == ["y", "b"])
        #expect(value.jsonString == text)
    }

    @Test(arguments: [
        (#""\u00e9\u4e16\ud83d\ude00""#, "é世😀"),
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0000x""#, "\u{0}x"),
        (#""plain 👋🏽 text""#, "plain 👋🏽 text"),
        (#""mixed \ud834\udd1e and é\n""#, "mixed 𝄞 and é\n"),
    ])
    func escapesAndSurrogatePairs(_ text: String, _ expected: String) throws {
        #expect(try parse(text) == .string(expected))
    }

    @Test(arguments: [
        ("0", 0.0), ("-0", 0), ("123", 123), ("-45", -45), ("1.5", 1.5), ("1e3", 1000), ("1E-2", 0.01),
        ("-2.5e+2", -250), ("1e308", 1e308), ("5e-324", 5e-324), ("123456789012345678901234567890", 1.2345678901234568e29),
        ("9007199254740993", 9_007_199_254_740_992), ("0.1", 0.1),
    ] as [(String, Double)])
    func numbers(_ text: String, _ expected: Double) throws {
        #expect(try parse(text) == .number(expected))
    }

    @Test(arguments: [
        (JSONValue.number(1), "1"), (.number(-42), "-42"), (.number(1e15), "1000000000000000"),
        (.number(0), "0"), (.number(2.5), "2.5"), (.number(.infinity), "null"), (.number(.nan), "null"),
        (.array([.number(3), .number(0.25)]), "[3,0.25]"),
    ])
    func integersAreWrittenWithoutFraction(_ value: JSONValue, _ expected: String) {
        #expect(value.jsonString == expected)
    }

    @Test func writerEscapesControlCharactersAndKeepsUnicode() {
        let value = JSONValue.string("a\"b\\c\n\r\t\u{01}\u{1F}é😀")
        #expect(value.jsonString == #""a\"b\\c\n\r\t\u0001\u001fé😀""#)
    }

    @Test func whitespaceIsAcceptedAroundTokens() throws {
        let value = try parse(" \n\t{ \"a\" : [ 1 , true , null ] }\r\n ")
        #expect(value.jsonString == #"{"a":[1,true,null]}"#)
    }

    @Test(arguments: [
        ("", 0), ("   ", 3), ("{", 1), ("[1,", 3), (#"{"a""#, 4), (#"{"a":"#, 5), (#""abc"#, 4),
        ("tru", 0), ("nul", 0), ("-", 1), ("1.", 2), ("1e", 2), ("1e+", 3),
        (#""\x""#, 3), (#""\u12""#, 3), (#""\u12G4""#, 5), (#""\ud83d""#, 7), (#""\ud83dx""#, 7),
        (#""\ude00""#, 7), (#""\ud83d\u0041""#, 13),
        ("1 2", 2), ("{} x", 3), ("[1]]", 3), ("01", 1),
        ("\"a\u{01}b\"", 2), ("\"tab\there\"", 4), ("\"line\nbreak\"", 5),
        ("[1 2]", 3), (#"{"a" 1}"#, 5), (#"{"a":1 "b":2}"#, 7), ("{1:2}", 1), ("[,1]", 1), ("[1,]", 3),
        ("{\"a\":1,}", 7), ("+1", 0), (".5", 0), ("NaN", 0), ("'a'", 0),
    ] as [(String, Int)])
    func errorsCarryTheOffset(_ text: String, _ offset: Int) {
        #expect(throws: JSONParseError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.offset == offset, "\(error)")
            #expect(!error.reason.isEmpty)
            #expect(error.description.contains("byte \(offset)"))
        }
    }

    @Test(arguments: [
        [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0x5C, 0x6E, 0xE2, 0x82, 0x22],
        [0x22, 0xF0, 0x9F, 0x98, 0x22],
    ] as [[UInt8]])
    func invalidUTF8InStringsIsAnError(_ bytes: [UInt8]) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
        do {
            _ = try JSONValue(parsing: bytes)
        } catch {
            #expect((0..<bytes.count).contains(error.offset))
        }
    }

    @Test func nestingUpTo512IsAcceptedAndDeeperIsAnError() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try parse(ok).arrayValue != nil)
        let objects = String(repeating: #"{"a":"#, count: 512) + "1" + String(repeating: "}", count: 512)
        #expect(try parse(objects).objectValue != nil)
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONParseError.self) { try parse(deep) }
        do {
            _ = try parse(deep)
        } catch {
            #expect(error.offset == 512)
            #expect(error.reason.contains("512"))
        }
        // Far deeper than any stack allows for naive recursion: still an error value.
        #expect(throws: JSONParseError.self) { try parse(String(repeating: "[", count: 100_000)) }
    }

    /// A number beyond Double's range is an error, not an infinity that would re-encode as `null`
    /// (found by `randomBytesNeverTrap` with input 18375907017132672601: `-6e5143`).
    @Test(arguments: ["-6e5143", "1e400", "[1, 2e999]"])
    func numbersOutOfRangeAreRefused(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func randomBytesNeverTrap() async {
        await propertyCheck(count: 1000, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            let alphabet = Array(#"{}[]":,\\u0123456789abcdefABCDEF.eE+-truefalsnl "#.utf8) + [0x00, 0x0A, 0xC3, 0xA9, 0xFF]
            let bytes = (0..<Int(random.next() % 30)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            switch Result(catching: { () throws(JSONParseError) in try JSONValue(parsing: bytes) }) {
            case .success(let value):
                #expect((try? JSONValue(parsing: value.bytes)) == value)
            case .failure(let error):
                #expect(error.offset >= 0 && error.offset <= bytes.count)
            }
        }
    }

    @Test func truncatingAValidDocumentAnywhereIsAnError() throws {
        let document = Array(#"{"id":"chatcmpl-1","choices":[{"delta":{"content":"héllo 😀\n"},"index":0}],"n":-1.5e3}"#.utf8)
        _ = try JSONValue(parsing: document)
        for length in 0..<document.count {
            #expect(throws: JSONParseError.self, "prefix of \(length) bytes") {
                try JSONValue(parsing: document[..<length])
            }
        }
    }
}
