import Testing
@testable import FaultlineWire

/// `Fixture.loadAll` takes the fixtures folder, one dialect's folder or one case's folder,
/// so `faultline check fixtures/gemini` checks what it names.
@Suite("Fixture loading")
struct FixtureLoadingTests {
    static let root = FixtureMatchingTests.fixturesRoot

    @Test func theWholeTreeOneDialectAndOneCaseLoadTheSameFixtures() {
        let all = Fixture.loadAll(from: Self.root)
        #expect(all.errors.isEmpty)
        for dialect in DialectID.allCases {
            let one = Fixture.loadAll(from: Self.root + "/" + dialect.rawValue + "/")
            #expect(one.errors.isEmpty)
            #expect(one.fixtures.map(\.name) == all.fixtures.filter { $0.dialect == dialect }.map(\.name))
            #expect(one.fixtures.count >= 8)
        }
        let single = Fixture.loadAll(from: Self.root + "/openai-chat/text-plain")
        #expect(single.fixtures.map(\.name) == ["openai-chat/text-plain"])
    }

    @Test func aFolderWithoutFixturesLoadsNone() {
        let none = Fixture.loadAll(from: Self.root + "/tasks")
        #expect(none.fixtures.isEmpty && none.errors.isEmpty)
    }
}
