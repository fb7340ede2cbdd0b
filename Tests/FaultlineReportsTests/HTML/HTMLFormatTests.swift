import Testing

@testable import FaultlineReports

@Suite struct HTMLFormatTests {
    @Test(arguments: [
        (8.54, "8.5 ms"), (340.4, "340 ms"), (4100.5, "4.10 s"), (Double.nan, "–"), (Double.infinity, "–"),
    ])
    func milliseconds(value: Double, expected: String) {
        #expect(HTMLFormat.milliseconds(value) == expected)
    }

    @Test(arguments: [
        (0.001464, "$0.00146"), (0.5812, "$0.581"), (12.5, "$12.50"), (0, "$0"), (0.00000123, "$0.00000123"), (-0.25, "−$0.250"),
    ])
    func dollarsKeepThreeSignificantDigits(value: Double, expected: String) {
        #expect(HTMLFormat.dollars(value) == expected)
    }

    @Test(arguments: [(0.995, "99.5%"), (1, "100%"), (0.125, "12.5%"), (0, "0%")])
    func percent(value: Double, expected: String) {
        #expect(HTMLFormat.percent(value) == expected)
    }

    @Test func numbersAreGroupedWithoutALocale() {
        #expect(HTMLFormat.number(120_530) == "120\u{2009}530")
        #expect(HTMLFormat.number(999) == "999")
        #expect(HTMLFormat.number(-1_000_000) == "−1\u{2009}000\u{2009}000")
        #expect(HTMLFormat.number(0.9925) == "0.9925")
        #expect(HTMLFormat.number(.infinity) == "∞")
        #expect(HTMLFormat.number(nil) == "–")
    }

    @Test func coordinatesHaveNoExponentNorNegativeZero() {
        #expect(HTMLFormat.coordinate(12.0) == "12")
        #expect(HTMLFormat.coordinate(12.345) == "12.35")
        #expect(HTMLFormat.coordinate(-0.001) == "0")
        #expect(HTMLFormat.coordinate(1e-9) == "0")
        #expect(HTMLFormat.coordinate(.nan) == "0")
    }

    @Test func attributesEscapeQuotesAndNewlines() {
        #expect(HTMLFormat.attribute("a \"b\"\n<c>") == "a &quot;b&quot;&#10;&lt;c&gt;")
        #expect(HTMLFormat.text("a \"b\" <c> & d") == "a \"b\" &lt;c&gt; &amp; d")
    }
}
