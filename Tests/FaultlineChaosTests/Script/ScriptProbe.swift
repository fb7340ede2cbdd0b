import FaultlineChaos
import Foundation
import FaultlineWire

/// What a client would observe of a script: status, headers, body, waits and how it ends.
struct ScriptProbe {
    let script: ResponseScript

    init(_ script: ResponseScript) { self.script = script }

    var status: Int? {
        for case .head(let status, _, _) in script.steps { return status }
        return nil
    }

    var headers: WireHeaders {
        for case .head(_, let headers, _) in script.steps { return headers }
        return [:]
    }

    var streaming: Bool {
        for case .head(_, _, let streaming) in script.steps { return streaming }
        return false
    }

    var body: [UInt8] {
        var out: [UInt8] = []
        for case .body(let bytes) in script.steps { out += bytes }
        return out
    }
    var text: String { String(decoding: body, as: UTF8.self) }
    var bodySteps: Int {
        var count = 0
        for case .body in script.steps { count += 1 }
        return count
    }
    var totalWaitMs: Double {
        var total = 0.0
        for case .wait(let ms) in script.steps { total += ms }
        return total
    }
    var waitBeforeHeadMs: Double {
        var total = 0.0
        for step in script.steps {
            if case .wait(let ms) = step { total += ms } else { break }
        }
        return total
    }
    var last: ResponseScript.Step? { script.steps.last }
    var hasHead: Bool { status != nil }
    /// SSE frames (blank-line separated) of the body.
    var frames: [String] { text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n").filter { !$0.isEmpty } }
}

/// Builds the wire request an official SDK would send, through the dialect's client side.
enum Requests {
    static func wire(_ dialect: DialectID, _ request: ChatRequest, headers: WireHeaders = [:]) -> WireRequest {
        var wire = dialect.dialect.encodeRequest(request, options: ClientOptions(apiKey: "test-key"))
        for field in headers { wire.headers.set(field.name, field.value) }
        return wire
    }

    static func chat(_ text: String = "Say hello", stream: Bool = false, model: String? = nil, dialect: DialectID = .gemini) -> ChatRequest {
        let name = model ?? (dialect == .gemini ? "gemini-2.0-flash" : dialect == .anthropicMessages ? "claude-sonnet-4-5" : "gpt-4o-mini")
        return ChatRequest(model: name, messages: [.user(text)], maxTokens: 256, stream: stream)
    }

    static func mock(_ dialect: DialectID = .gemini, _ request: ChatRequest? = nil, fault: String? = nil, provider: String = "default", elapsed: Double = 0, keyID: String? = "k1") -> MockRequest {
        let chat = request ?? chat(dialect: dialect)
        let headers: WireHeaders = fault.map { [MockResponder.faultHeader: $0] } ?? [:]
        return MockRequest(dialect: dialect, provider: provider, wire: wire(dialect, chat, headers: headers), elapsed: elapsed, keyID: keyID)
    }
}
