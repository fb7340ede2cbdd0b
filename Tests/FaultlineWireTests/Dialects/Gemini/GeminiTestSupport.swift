import Foundation
@testable import FaultlineWire

/// Shared by the Gemini dialect tests: the fixtures folder and stream feeding.
enum GeminiTestSupport {
    /// `fixtures/gemini` found from this file's path (Tests/FaultlineWireTests/Dialects/Gemini/…).
    static var fixturesRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.path + "/fixtures"
    }

    static func fixtures() -> [Fixture] {
        Fixture.loadAll(from: fixturesRoot).fixtures.filter { $0.dialect == .gemini }
    }

    static func fixtureNames() -> [String] { fixtures().map(\.name) }

    static func fixture(_ name: String) -> Fixture? { fixtures().first { $0.name == name } }

    /// Decodes a body delivered as `pieces`; the events, or the error the decoder threw.
    static func decode(_ pieces: [ArraySlice<UInt8>]) -> Result<[StreamEvent], ProviderError> {
        var decoder = GeminiStreamDecoder()
        var events: [StreamEvent] = []
        do throws(ProviderError) {
            for piece in pieces { try decoder.feed(piece, into: &events) }
            try decoder.finish(into: &events)
            return .success(events)
        } catch {
            return .failure(error)
        }
    }

    static func decode(_ body: [UInt8]) -> Result<[StreamEvent], ProviderError> { decode([body[...]]) }

    static func byteByByte(_ body: [UInt8]) -> [ArraySlice<UInt8>] { body.indices.map { body[$0..<($0 + 1)] } }

    /// Every two-piece split of `body`, including the empty first and last piece.
    static func splits(_ body: [UInt8]) -> [[ArraySlice<UInt8>]] {
        (0...body.count).map { [body[..<$0], body[$0...]] }
    }

    static func accumulate(_ events: [StreamEvent]) -> Result<ChatResponse, ProviderError> {
        var accumulator = StreamAccumulator()
        accumulator.apply(events)
        return accumulator.response()
    }

    static func json(_ bytes: [UInt8]) -> JSONValue? { try? JSONValue(parsing: bytes) }

    static func frames(_ text: String) -> [UInt8] { Array(text.utf8) }
}
