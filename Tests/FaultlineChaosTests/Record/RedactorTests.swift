import FaultlineWire
import Testing

@testable import FaultlineChaos

struct RedactorTests {
    // Assembled at run time, so no committed line holds a key-shaped string.
    static let key = "sk-" + "proj-FAULTLINEdistinctive0123456789abcdef"
    static let googleKey = "AIza" + "SyA1234567890abcdefghijklmnopqrstuv"

    @Test func credentialHeadersAreDroppedAndAccountHeadersReplaced() throws {
        let redactor = try Redactor()
        let headers: WireHeaders = [
            "Authorization": "Bearer \(Self.key)", "x-api-key": "k", "api-key": "k", "x-goog-api-key": "k", "Cookie": "a=b",
            "set-cookie": "c=d", "openai-organization": "org-acme", "openai-project": "proj_123", "anthropic-organization-id": "uuid",
            "x-goog-user-project": "acme-prod", "user-agent": "OpenAI/Python 3.57.0",
        ]
        let out = redactor.headers(headers, credentials: [])
        #expect(out.fields.map(\.name) == ["openai-organization", "openai-project", "anthropic-organization-id", "x-goog-user-project", "user-agent"])
        #expect(out.fields.prefix(4).allSatisfy { $0.value == Redactor.placeholder })
        #expect(out["user-agent"] == "OpenAI/Python 3.57.0")
    }

    @Test func keyShapedValuesAndTheClientsOwnKeyAreReplacedEverywhere() throws {
        let redactor = try Redactor()
        let ownKey = "my-gateway-key-42424242"
        let request = WireRequest(path: "/v1/chat/completions", headers: ["x-api-key": ownKey], body: [])
        let credentials = Redactor.credentials(of: request)
        #expect(credentials == [ownKey])
        let body = Array(#"{"a":"\#(Self.key)","b":"\#(ownKey)","c":"\#(Self.googleKey)"}"#.utf8)
        let out = try redactor.body(body, pieces: [], isStream: false, credentials: credentials).body
        #expect(String(decoding: out, as: UTF8.self) == #"{"a":"[redacted]","b":"[redacted]","c":"[redacted]"}"#)
        #expect(redactor.headers(["x-trace": "Bearer \(Self.key)"], credentials: []).fields.first?.value == Redactor.placeholder)
    }

    @Test func queryKeysAreRedacted() throws {
        let redactor = try Redactor()
        let path = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=\(Self.googleKey)"
        let request = WireRequest(path: path)
        #expect(redactor.path(path, credentials: Redactor.credentials(of: request)) == "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=[redacted]")
        #expect(redactor.path("/v1/models/m:generateContent?key=short", credentials: []) == "/v1/models/m:generateContent?key=[redacted]")
    }

    @Test func patternsAndFieldsAreApplied() throws {
        let redactor = try Redactor(patterns: ["acct_[0-9]+"], fields: ["metadata.user_id", "messages[*].name"])
        let body = Array(#"{"metadata":{"user_id":"u-1"},"messages":[{"name":"alice","content":"see acct_123"}]}"#.utf8)
        let out = String(decoding: try redactor.body(body, pieces: [], isStream: false, credentials: []).body, as: UTF8.self)
        #expect(out == #"{"metadata":{"user_id":"[redacted]"},"messages":[{"name":"[redacted]","content":"see [redacted]"}]}"#)
    }

    @Test func badPatternsAndPathsAreRefusedUpFront() {
        #expect(throws: RecordError.self) { try Redactor(patterns: ["(unclosed"]) }
        #expect(throws: RecordError.self) { try Redactor(fields: ["a[x]"]) }
    }

    /// A key split across two stream pieces is still found, and the pieces still add up.
    @Test func streamPiecesMoveWithTheEdits() throws {
        let redactor = try Redactor(fields: ["id"])
        let frame1 = "data: {\"id\":\"x1\",\"t\":\"\(Self.key)\"}\n\n"
        let frame2 = "data: {\"id\":\"x2\"}\n\n"
        let body = Array((frame1 + frame2).utf8)
        let split = frame1.utf8.count - 20  // inside the key
        let pieces = [split, body.count - split]
        let out = try redactor.body(body, pieces: pieces, isStream: true, credentials: [])
        let text = String(decoding: out.body, as: UTF8.self)
        #expect(text == "data: {\"id\":\"[redacted]\",\"t\":\"[redacted]\"}\n\ndata: {\"id\":\"[redacted]\"}\n\n")
        #expect(out.pieces.reduce(0, +) == out.body.count)
        #expect(out.pieces.count == 2)
    }

    @Test func boundariesOutsideEditsShift() {
        let edits = BodyEdits(ranges: [2..<4], placeholder: Array("XXXXX".utf8))
        let (body, pieces) = edits.apply(to: Array("abcdefgh".utf8), pieces: [1, 2, 5])
        #expect(String(decoding: body, as: UTF8.self) == "abXXXXXefgh")
        #expect(pieces == [1, 6, 4])
    }
}
