import FaultlineWire
import Testing

/// Input quoted in a diagnostic cannot drive the terminal.
@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("café ✓ 日本", "café ✓ 日本"),
        ("\u{1B}[2J", "\\u{1B}[2J"),
        ("a\nb\tc\rd", "a\\nb\\tc\\rd"),
        ("\u{0}\u{7}\u{7F}\u{85}", "\\u{0}\\u{7}\\u{7F}\\u{85}"),
        ("safe\u{202E}txt.exe", "safe\\u{202E}txt.exe"),
    ])
    func escapesControlsAndKeepsText(_ input: String, _ expected: String) {
        #expect(TerminalText.escaped(input) == expected)
    }

    @Test func escapedLinesKeepsLineBreaks() {
        #expect(TerminalText.escapedLines("a\u{1B}\nb") == "a\\u{1B}\nb")
    }
}
