import FaultlineWire
import Testing

@testable import FaultlineChaos

/// Clients that trickle, stop reading or half-close: each is answered as HTTP says and
/// none can hold the mock's memory or a connection for ever.
struct MockServerSlowClientTests {
    /// A slowloris: one byte of the head every half second. Every byte is a partial read, and
    /// none may move the header deadline, which runs from the first byte.
    @Test func headTrickledAByteAtATimeGets408() async throws {
        let configuration = MockServerConfiguration(idleTimeout: 60, headerTimeout: 1.5, threads: 1)
        try await TestMock.withServer(configuration, scripts: { _ in TestMock.plain() }) { server in
            let connection = try RawConnection(port: server.port)
            defer { connection.close() }
            // 200+ bytes: over 100 s of trickle, far past any extension of the 1.5 s deadline.
            let head = Array(TestMock.request(headers: ["x-padding: " + String(repeating: "p", count: 160)]).utf8)
            var sent = 0
            var answer: [UInt8] = []
            var ending = RawConnection.Ending.timeout
            while sent < head.count, answer.isEmpty, ending != .eof {
                connection.send([head[sent]])
                sent += 1
                (answer, ending) = connection.read(timeout: 0.5) { !$0.isEmpty }
            }
            if ending != .eof {
                let rest = connection.read(timeout: 5) { $0.completeResponses == 1 }
                answer += rest.bytes
            }
            #expect(answer.text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
            // 1.5 s at two bytes a second is 3 bytes; 20 leaves room for a loaded machine.
            #expect(sent < 20, "the 408 came only after \(sent) trickled bytes")
        }
    }
}
