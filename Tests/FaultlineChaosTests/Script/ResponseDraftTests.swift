import FaultlineChaos
import FaultlineWire
import Testing

@Suite struct ResponseDraftTests {
    static func draft() -> ResponseDraft {
        ResponseDraft(
            dialect: .gemini, request: nil, status: 200, headers: ["content-type": "application/json"], isStream: false,
            pieces: [.init(delayMs: 0, bytes: Array(#"{"a":1,"b":"x"}"#.utf8))])
    }

    @Test func rendersFirstByteWaitHeadPiecesAndEnding() {
        var draft = Self.draft()
        draft.firstByteMs = 30
        draft.pieces.append(.init(delayMs: 5, bytes: [32]))
        draft.ending = .close
        #expect(draft.script(faults: ["x"]) == ResponseScript(steps: [
            .wait(ms: 30), .head(status: 200, headers: ["content-type": "application/json"], streaming: false),
            .body(Array(#"{"a":1,"b":"x"}"#.utf8)), .wait(ms: 5), .body([32]), .close,
        ], faults: ["x"]))
    }

    @Test func waitsAreCutToAnHourBeforeAPlayerSeesThem() {
        // Many `latency(ms=3600000)` on one request add up past what a timer's Int64 nanoseconds hold.
        var draft = Self.draft()
        draft.firstByteMs = 1e308
        draft.pieces.append(.init(delayMs: .infinity, bytes: [32]))
        draft.pieces.append(.init(delayMs: .nan, bytes: [33]))
        let waits = draft.script().steps.compactMap { step -> Double? in
            if case .wait(let ms) = step { return ms }
            return nil
        }
        #expect(waits == [ResponseScript.maximumWaitMs, ResponseScript.maximumWaitMs])
    }

    @Test func replacementStepsReplaceTheResponse() {
        var draft = Self.draft()
        draft.replacement = [.reset]
        #expect(draft.script().steps == [.reset])
    }

    @Test func editJSONRewritesTheBody() {
        var draft = Self.draft()
        draft.editJSON { json in
            if case .object(var o) = json { o.fields.removeAll { $0.key == "a" }; json = .object(o) }
        }
        #expect(String(decoding: draft.body, as: UTF8.self) == #"{"b":"x"}"#)
    }

    @Test func failBecomesTheProvidersErrorWithRetryAfter() {
        var draft = ResponseDraft(dialect: .anthropicMessages, request: nil, status: 200, headers: [:], isStream: false, pieces: [])
        draft.fail(with: .rateLimited(retryAfter: 2, scope: .requests))
        #expect(draft.status == 429)
        #expect(draft.isError)
        #expect(draft.headers["retry-after"] == "2")
    }
}
