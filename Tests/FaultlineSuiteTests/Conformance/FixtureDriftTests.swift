import FaultlineWire
import Foundation
import Testing

@testable import FaultlineSuite

/// The drift summary between two fixture folders.
struct FixtureDriftTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures").path

    @Test func aFolderComparedWithItselfHasNoChange() {
        let fixtures = Fixture.loadAll(from: Self.root).fixtures
        let drift = FixtureDrift(old: fixtures, new: fixtures)
        #expect(drift.isEmpty)
        #expect(drift.lines == ["no change between the two fixture folders"])
    }

    @Test func aRetypedAddedAndRemovedFieldAndANewCaseAreListed() throws {
        let fixtures = Fixture.loadAll(from: Self.root).fixtures.filter { $0.dialect == .anthropicMessages && !$0.isStream }
        let text = try #require(fixtures.first { $0.name == "anthropic-messages/text-plain" })
        var changed = text
        var body = try JSONValue(parsing: text.response.body)
        guard case .object(var object) = body else { Issue.record("not an object"); return }
        object.fields = object.fields.filter { $0.key != "stop_sequence" }.map { $0.key == "id" ? (key: "id", value: .number(7)) : $0 }
        object.fields.append((key: "brand_new", value: .bool(true)))
        body = .object(object)
        changed.response.body = body.bytes
        changed.name = "anthropic-messages/re-recorded"
        let drift = FixtureDrift(old: [text], new: [changed])
        #expect(drift.addedCases == ["anthropic-messages/re-recorded"])
        #expect(drift.removedCases == ["anthropic-messages/text-plain"])
        #expect(drift.lines.contains("anthropic-messages: $.brand_new: added"))
        #expect(drift.lines.contains("anthropic-messages: $.stop_sequence: removed"))
        #expect(drift.lines.contains { $0.hasPrefix("anthropic-messages: ") && $0.contains("$.id") })
    }
}
