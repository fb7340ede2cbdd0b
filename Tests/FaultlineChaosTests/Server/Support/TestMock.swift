import FaultlineWire
import Foundation

@testable import FaultlineChaos

/// Starting and stopping a mock on 127.0.0.1 port 0 around a test body.
enum TestMock {
    @discardableResult
    static func withServer<T>(
        _ configuration: MockServerConfiguration = MockServerConfiguration(threads: 1),
        scripts: (@Sendable (MockRequest) -> ResponseScript)? = nil,
        _ body: (MockServer) async throws -> T
    ) async throws -> T {
        let server = try await MockServer.start(configuration, scripts: scripts)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// A raw HTTP/1.1 request.
    static func request(
        _ method: String = "POST", _ path: String = "/v1/chat/completions", body: String = #"{"model":"gpt-4o"}"#,
        headers: [String] = []
    ) -> String {
        var text = "\(method) \(path) HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
        for header in headers { text += header + "\r\n" }
        return text + "content-length: \(body.utf8.count)\r\n\r\n" + body
    }

    /// A complete non-streaming answer.
    static func plain(_ body: String = #"{"ok":true}"#, status: Int = 200, headers: WireHeaders = ["content-type": "application/json"]) -> ResponseScript {
        ResponseScript(steps: [.head(status: status, headers: headers, streaming: false), .body(Array(body.utf8)), .end])
    }

    /// Runs blocking socket work on a thread of its own, so a long client loop never holds one
    /// of the few cooperative threads that the tests running in parallel share.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    /// Polls `condition` every 10 ms for up to `seconds`.
    static func eventually(_ seconds: Double = 3, _ condition: () -> Bool) async -> Bool {
        let deadline = RawConnection.now() + seconds
        while RawConnection.now() < deadline {
            if condition() { return true }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return condition()
    }
}

import AsyncHTTPClient
import NIOCore
import NIOHTTP1

extension TestMock {
    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var json: JSONValue? { try? JSONValue(parsing: body) }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// One request through AsyncHTTPClient, as an adapter would send it.
    static func call(
        _ server: MockServer, _ method: HTTPMethod = .POST, _ path: String, body: String? = nil,
        headers: [(String, String)] = [], timeout: Int64 = 5
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(server.port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeout))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: bytes))
    }
}
