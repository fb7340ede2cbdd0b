import FaultlineWire
import Foundation
import Testing

@testable import FaultlineChaos

struct CaseNamerTests {
    @Test(arguments: [
        ("What's the weather in Zürich right now?", "what-s-the-weather-in-zurich-right-now"),
        ("  Name the three primary colours, in French. ", "name-the-three-primary-colours-in-french"),
        ("東京の天気", ""),
        ("one two three four five six seven eight nine ten eleven twelve", "one-two-three-four-five-six-seven-eight-nine-ten"),
    ])
    func slugs(text: String, slug: String) {
        #expect(CaseNamer.slug(text) == slug)
        #expect(slug.utf8.count <= CaseNamer.slugLimit)
    }

    @Test func namesAreUniqueAgainstFoldersAndEarlierClaims() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("namer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/openai-chat/say-hi", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let namer = try CaseNamer(root: root)
        #expect(namer.claim(dialect: .openAIChat, lastUserText: "Say hi", isStream: false, status: 200) == "say-hi-2")
        #expect(namer.claim(dialect: .openAIChat, lastUserText: "Say hi", isStream: false, status: 200) == "say-hi-3")
        #expect(namer.claim(dialect: .gemini, lastUserText: "Say hi", isStream: false, status: 200) == "say-hi")
        #expect(namer.claim(dialect: .gemini, lastUserText: "Say hi", isStream: true, status: 200) == "stream-say-hi")
        #expect(namer.claim(dialect: .gemini, lastUserText: "Say hi", isStream: false, status: 429) == "error-429-say-hi")
        #expect(namer.claim(dialect: .gemini, lastUserText: "", isStream: false, status: 200) == "exchange")
        let fixed = try CaseNamer(root: root, fixedName: "smoke")
        #expect(fixed.claim(dialect: .gemini, lastUserText: "x", isStream: false, status: 200) == "smoke")
        #expect(fixed.claim(dialect: .gemini, lastUserText: "y", isStream: true, status: 200) == "smoke-2")
        #expect(throws: RecordError.self) { try CaseNamer(root: root, fixedName: "../escape") }
    }
}
