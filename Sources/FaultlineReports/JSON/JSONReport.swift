import FaultlineSuite
import Foundation

/// `results.json`: the whole `RunResult` for tools that trend results over time, and
/// what `faultline merge` reads back. Keys sorted, so equal runs give equal bytes.
/// The schema is documented in `reports/README.md`.
public enum JSONReport {
    public static let schemaVersion = 1

    private struct Envelope: Codable {
        var schemaVersion: Int
        var run: RunResult
    }

    public static func encode(_ run: RunResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(Envelope(schemaVersion: schemaVersion, run: run))
        data.append(0x0A)
        return data
    }

    public static func decode(_ data: Data) throws -> RunResult {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Envelope.self, from: data).run
    }
}
