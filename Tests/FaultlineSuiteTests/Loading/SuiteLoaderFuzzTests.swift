import FaultlineFuzzSupport
import FaultlineWire
import Testing

@testable import FaultlineSuite

/// The suite loader under mutated bundled suites (lines dropped, duplicated, swapped and
/// re-indented, values replaced with extremes, bytes mutated): it never traps, and every
/// problem it reports is a diagnostic inside the file, never at a line the file does not have.
struct SuiteLoaderFuzzTests {
    struct Seed {
        var file: String
        var lines: [String]
    }

    static let seeds: [Seed] = ["connection", "status", "stream", "situations", "timing", "drift"].compactMap { name in
        let file = FuzzCorpus.repositoryRoot.appendingPathComponent("suites/\(name).yaml").path
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return Seed(file: file, lines: text.components(separatedBy: "\n"))
    }

    static let values = [
        "-1", "0", "1e308", "-1e308", ".nan", ".inf", "99999999999999999999", "\"\"", "[]", "{}", "~", "yes", "\"\\u001b[31m\"",
        "&a x", "*a", "!!binary aGk=", "'", "\"", "[1, [2, [3", "{a: {b: {c:",
    ]
    static let mutator = Mutator(dictionary: [": ", "\n  ", "\n- ", "- ", "#", "\t", "&", "*", "!!", "|", ">", "{", "["])

    @Test func mutatedSuitesLoadOrGiveDiagnosticsInsideTheFile() {
        #expect(Self.seeds.count == 6)
        let campaign = FuzzCampaign("suite", count: 400)
        campaign.run { index, random in
            let seed = Mutator.pick(Self.seeds, using: &random)
            let text = Self.mutate(seed.lines, using: &random)
            Self.check(text, file: seed.file, campaign.label(index))
        }
    }

    @Test func corpusReplays() {
        let file = FuzzCorpus.repositoryRoot.appendingPathComponent("suites/corpus.yaml").path
        for entry in FuzzCorpus.entries("suite") {
            Self.check(String(decoding: entry.bytes, as: UTF8.self), file: file, entry.name)
        }
    }

    /// Line-level edits, which reach the loader's checks, mixed with byte-level ones, which
    /// mostly reach the YAML parser.
    static func mutate(_ lines: [String], using random: inout SeededRandom) -> String {
        var lines = lines
        for _ in 0..<(1 + Int(random.next() % 4)) {
            let at = Int(random.next() % UInt64(lines.count))
            switch random.next() % 6 {
            case 0: lines.remove(at: at)
            case 1: lines.insert(lines[at], at: at)
            case 2: lines.swapAt(at, Int(random.next() % UInt64(lines.count)))
            case 3: lines[at] = "  " + lines[at]
            case 4:
                if let colon = lines[at].firstIndex(of: ":") {
                    lines[at] = String(lines[at][...colon]) + " " + Mutator.pick(values, using: &random)
                }
            default:
                let bytes = mutator.mutate(Array(lines[at].utf8), using: &random, maxSteps: 2)
                lines[at] = String(decoding: bytes, as: UTF8.self)
            }
            if lines.isEmpty { lines = [""] }
        }
        return lines.joined(separator: "\n")
    }

    static func check(_ text: String, file: String, _ label: String) {
        guard case .failure(let failure) = SuiteLoader.load(text: text, file: file) else { return }
        #expect(!failure.diagnostics.isEmpty, "\(label)")
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        for diagnostic in failure.diagnostics where diagnostic.file == file {
            #expect(diagnostic.line >= 1 && diagnostic.line <= lineCount + 1, "\(label): \(diagnostic)")
            #expect(diagnostic.column >= 1, "\(label): \(diagnostic)")
        }
    }
}
