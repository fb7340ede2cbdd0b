import PropertyBased
import Testing
@testable import FaultlineWire

@Suite("RetryAfter")
struct RetryAfterTests {
    static let date = "Wed, 25 Nov 2026 05:50:00 GMT"

    @Test(arguments: [
        ("1s", 1.0), ("12ms", 0.012), ("6m0s", 360), ("1h2m3.5s", 3723.5), ("0", 0), ("0s", 0),
        ("1.5h", 5400), ("250us", 0.00025), ("250µs", 0.00025), ("100ns", 1e-7), ("-2s", -2), ("+3s", 3),
        (" 20ms ", 0.02), ("2m30s", 150), (".5s", 0.5),
    ] as [(String, Double)])
    func goDurations(_ text: String, _ seconds: Double) throws {
        let parsed = try #require(RetryAfter.goDuration(text))
        #expect(abs(parsed - seconds) < 1e-9)
    }

    /// Whole sub-second counts come out as the decimal the header says, not 0.30000000000000004.
    @Test(arguments: [("300ms", 0.3), ("12ms", 0.012), ("250us", 0.00025), ("100ns", 1e-7), ("1s500ms", 1.5)] as [(String, Double)])
    func subSecondUnitsDivideExactly(_ text: String, _ seconds: Double) {
        #expect(RetryAfter.goDuration(text) == seconds)
    }

    @Test(arguments: [("0.3", 0.3), ("2.5", 2.5), ("1.1", 1.1), (".7", 0.7), ("13", 13.0), ("0.001", 0.001)] as [(String, Double)])
    func decimalSecondsAreTheNearestDouble(_ text: String, _ seconds: Double) {
        #expect(RetryAfter.seconds(from: WireHeaders([(name: "retry-after", value: text)])) == seconds)
    }

    @Test(arguments: ["", "s", "1", "10x", "1s2", "1.2.3s", "ms", "h1", "1 s", "--1s", "1e3s", "inf", "1sm"])
    func malformedGoDurations(_ text: String) {
        #expect(RetryAfter.goDuration(text) == nil)
    }

    @Test(arguments: [("13s", 13.0), ("0.5s", 0.5), ("-1.5s", -1.5), ("0s", 0), ("3.000000001s", 3.000000001)] as [(String, Double)])
    func protobufDurations(_ text: String, _ seconds: Double) throws {
        #expect(abs(try #require(RetryAfter.protobufDuration(text)) - seconds) < 1e-12)
    }

    @Test(arguments: ["13", "s", "13ms", "1m", "abc", "", "-s", "1.s.s"])
    func malformedProtobufDurations(_ text: String) {
        #expect(RetryAfter.protobufDuration(text) == nil)
    }

    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
        ("Sun Nov  6 08:49:37 1994", 784_111_777),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Wed, 25 Nov 2026 05:50:00 GMT", 1_795_585_800),
        ("Tue, 29 Feb 2028 23:59:59 GMT", 1_835_481_599),
    ] as [(String, Double)])
    func httpDates(_ text: String, _ unix: Double) {
        #expect(RetryAfter.httpDate(text) == unix)
    }

    @Test(arguments: [
        "", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 29 Feb 2027 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:49 GMT", "Sun, 06 Nov 19945 08:49:37 GMT", "120", "1, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:4a:37 GMT", "Sun, 6 Nov 1994 08:49:60:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT extra",
    ])
    func malformedHTTPDates(_ text: String) {
        #expect(RetryAfter.httpDate(text) == nil)
    }

    @Test(arguments: [
        ("2026-11-25T05:50:25Z", 1_795_585_825.0),
        ("2026-11-25T05:50:25.5Z", 1_795_585_825.5),
        ("2026-11-25t05:50:25z", 1_795_585_825),
        ("2026-11-25 05:50:25Z", 1_795_585_825),
        ("2026-11-25T06:50:25+01:00", 1_795_585_825),
        ("2026-11-25T00:20:25-05:30", 1_795_585_825),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
    ] as [(String, Double)])
    func rfc3339Timestamps(_ text: String, _ unix: Double) {
        #expect(RetryAfter.rfc3339(text) == unix)
    }

    @Test(arguments: [
        "", "2026-11-25", "2026-11-25T05:50:25", "2026-13-25T05:50:25Z", "2026-11-31T05:50:25Z",
        "2026-11-25T25:50:25Z", "2026-11-25T05:50:25.Z", "2026-11-25T05:50:25+0100", "2026-11-25T05:50:25Zjunk",
        "2026/11/25T05:50:25Z", "abcd-11-25T05:50:25Z", "2026-11-25T05:50:25+01:60",
    ])
    func malformedRFC3339(_ text: String) {
        #expect(RetryAfter.rfc3339(text) == nil)
    }

    @Test func formattersMatchKnownValues() {
        #expect(RetryAfter.httpDate(unixSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(RetryAfter.httpDate(unixSeconds: 1_795_585_800.9) == "Wed, 25 Nov 2026 05:50:00 GMT")
        #expect(RetryAfter.httpDate(unixSeconds: -1) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(RetryAfter.rfc3339(unixSeconds: 1_795_585_825) == "2026-11-25T05:50:25Z")
        #expect(RetryAfter.rfc3339(unixSeconds: 1_795_585_825.25) == "2026-11-25T05:50:25.250Z")
    }

    @Test func formatAndParseRoundTrip() async {
        await propertyCheck(count: 300, input: Gen.int(in: -2_000_000_000...8_000_000_000)) { seconds in
            let unix = Double(seconds)
            #expect(RetryAfter.httpDate(RetryAfter.httpDate(unixSeconds: unix)) == unix)
            #expect(RetryAfter.rfc3339(RetryAfter.rfc3339(unixSeconds: unix)) == unix)
            let withMillis = unix + 0.125
            #expect(RetryAfter.rfc3339(RetryAfter.rfc3339(unixSeconds: withMillis)) == withMillis)
        }
    }

    @Test(arguments: [
        ([("retry-after-ms", "1500"), ("retry-after", "9")], 1.5),
        ([("retry-after", "2")], 2),
        ([("retry-after", "0.25")], 0.25),
        ([("Retry-After", "7")], 7),
        ([("retry-after-ms", "bogus"), ("retry-after", "3")], 3),
        ([("retry-after-ms", "-10"), ("retry-after", "4")], 4),
        ([("retry-after", "Wed, 25 Nov 2026 05:50:30 GMT"), ("date", date)], 30),
        ([("x-ratelimit-reset-requests", "1s"), ("x-ratelimit-reset-tokens", "6m0s")], 360),
        ([("anthropic-ratelimit-requests-reset", "2026-11-25T05:50:05Z"), ("date", date)], 5),
        ([("anthropic-ratelimit-requests-reset", "2026-11-25T05:50:05Z"),
          ("anthropic-ratelimit-output-tokens-reset", "2026-11-25T05:51:00Z"), ("date", date)], 60),
        ([("retry-after", "5"), ("x-ratelimit-reset-tokens", "1m")], 5),
    ] as [([(String, String)], Double)])
    func headerPrecedence(_ fields: [(String, String)], _ expected: Double) {
        let headers = WireHeaders(fields.map { (name: $0.0, value: $0.1) })
        #expect(RetryAfter.seconds(from: headers) == expected)
    }

    @Test func scopeChoosesTheMatchingResetHeader() {
        let openAI: WireHeaders = ["x-ratelimit-reset-requests": "1s", "x-ratelimit-reset-tokens": "6m0s"]
        #expect(RetryAfter.seconds(from: openAI, scope: .requests) == 1)
        #expect(RetryAfter.seconds(from: openAI, scope: .tokens) == 360)
        let anthropic: WireHeaders = [
            "date": Self.date,
            "anthropic-ratelimit-requests-reset": "2026-11-25T05:50:02Z",
            "anthropic-ratelimit-input-tokens-reset": "2026-11-25T05:50:20Z",
            "anthropic-ratelimit-tokens-reset": "2026-11-25T05:50:10Z",
        ]
        #expect(RetryAfter.seconds(from: anthropic, scope: .requests) == 2)
        #expect(RetryAfter.seconds(from: anthropic, scope: .tokens) == 20)
    }

    @Test(arguments: [
        [("retry-after", "Wed, 25 Nov 2026 05:50:30 GMT")],
        [("retry-after", "Wed, 25 Nov 2026 05:49:30 GMT"), ("date", date)],
        [("anthropic-ratelimit-requests-reset", "2026-11-25T05:50:05Z")],
        [("anthropic-ratelimit-requests-reset", "2026-11-25T05:40:05Z"), ("date", date)],
        [("retry-after", "-1")],
        [("retry-after", "soon")],
        [("retry-after-ms", "NaN")],
        [("x-ratelimit-reset-requests", "-1s")],
        [("x-ratelimit-reset-requests", "later")],
        [("content-type", "application/json")],
    ] as [[(String, String)]])
    func noWaitWhenNothingUsable(_ fields: [(String, String)]) {
        let headers = WireHeaders(fields.map { (name: $0.0, value: $0.1) })
        #expect(RetryAfter.seconds(from: headers) == nil)
    }

    @Test func arbitraryTextNeverCrashes() async {
        let alphabet = Array("0123456789 .,:-+TZzsmhnuµGMTNovSun".unicodeScalars)
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var random = SeededRandom(seed: seed)
            var text = ""
            for _ in 0..<Int(random.next() % 40) {
                text.unicodeScalars.append(alphabet[Int(random.next() % UInt64(alphabet.count))])
            }
            _ = RetryAfter.goDuration(text)
            _ = RetryAfter.protobufDuration(text)
            _ = RetryAfter.httpDate(text)
            _ = RetryAfter.rfc3339(text)
            _ = RetryAfter.seconds(from: ["retry-after": text, "retry-after-ms": text, "date": text])
        }
    }
}
