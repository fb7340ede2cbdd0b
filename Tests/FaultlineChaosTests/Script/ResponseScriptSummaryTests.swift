import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct ResponseScriptSummaryTests {
    @Test func summarisesTheSteps() {
        let script = ResponseScript(steps: [
            .wait(ms: 5), .head(status: 429, headers: [:], streaming: true), .body([1, 2]), .wait(ms: 10), .body([3]), .end,
        ])
        #expect(script.status == 429)
        #expect(script.isStream)
        #expect(script.chunkCount == 2)
        #expect(script.byteCount == 3)
        #expect(script.totalWaitMs == 15)
    }

    @Test func noHeadNoStatus() {
        let script = ResponseScript(steps: [.reset])
        #expect(script.status == nil)
        #expect(!script.isStream)
        #expect(script.chunkCount == 0)
    }
}
