import AsyncHTTPClient
import FaultlineWire
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

@testable import FaultlineChaos

/// A mock on port 0 as the upstream, a recorder on port 0 in front of it, a fresh output
/// folder; all stopped and removed after the body.
enum TestRecorder {
    final class Events: Sendable {
        let list = Mutex<[RecordEvent]>([])
        var all: [RecordEvent] { list.withLock { $0 } }
        func add(_ event: RecordEvent) { list.withLock { $0.append(event) } }
    }

    struct Setup {
        var mock: MockServer?
        var proxy: RecordingProxy
        var out: String
        var events: Events
    }

    static func temporaryFolder(_ label: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("faultline-\(label)-\(UUID().uuidString)").path
    }

    static func mockConfiguration(chunkGapMs: Double = 5) -> MockServerConfiguration {
        var mock = MockConfiguration()
        mock.seed = 7
        mock.chunkGapMs = chunkGapMs
        mock.firstByteMs = 0
        return MockServerConfiguration(mock: mock, threads: 1)
    }

    @discardableResult
    static func with<T>(
        mock configuration: MockServerConfiguration? = mockConfiguration(), upstream: String? = nil, out: String? = nil,
        redactor: Redactor? = nil, name: String? = nil, _ body: (Setup) async throws -> T
    ) async throws -> T {
        var mock: MockServer?
        if let configuration { mock = try await MockServer.start(configuration) }
        let folder = out ?? temporaryFolder("record")
        let events = Events()
        let proxy: RecordingProxy
        do {
            let writer = try FixtureWriter(root: folder, redactor: try redactor ?? Redactor(), name: name)
            proxy = try await RecordingProxy.start(RecordingProxy.Configuration(
                upstream: try Upstream(parsing: upstream ?? mock!.baseURL), writer: writer, faultlineVersion: "0.0.0-test",
                connectTimeoutSeconds: 2, onEvent: { events.add($0) }))
        } catch {
            try? await mock?.stop()
            throw error
        }
        let started = mock
        let setup = Setup(mock: started, proxy: proxy, out: folder, events: events)
        do {
            let result = try await body(setup)
            try await proxy.stop()
            try await mock?.stop()
            try? FileManager.default.removeItem(atPath: folder)
            return result
        } catch {
            try? await proxy.stop()
            try? await mock?.stop()
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        /// Milliseconds since the head, at each body part's arrival.
        var arrivals: [Double]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// One request, the answer read part by part with arrival times.
    static func call(base: String, path: String, body: String?, headers: [(String, String)] = [], method: HTTPMethod = .POST) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let start = DispatchTime.now().uptimeNanoseconds
        var bytes: [UInt8] = []
        var arrivals: [Double] = []
        for try await part in response.body {
            arrivals.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            bytes += Array(buffer: part)
        }
        return Reply(status: Int(response.status.code), headers: response.headers, body: bytes, arrivals: arrivals)
    }

    /// Every regular file under `root`, as (relative path, bytes).
    static func files(under root: String) -> [(String, [UInt8])] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [(String, [UInt8])] = []
        while let next = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + next, isDirectory: &isDirectory), !isDirectory.boolValue {
                out.append((next, [UInt8](FileManager.default.contents(atPath: root + "/" + next) ?? Data())))
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The problems `faultline check` would report for one fixture: its decode against its expectation.
    static func checkProblems(_ fixture: Fixture) -> [String] {
        switch (fixture.expectation, fixture.decoded()) {
        case (.response(let expected), .success(let response)): expected.mismatches(response)
        case (.response, .failure(let error)): ["decoding failed: \(error)"]
        case (.error(let kind, _), .success): ["expected \(kind.rawValue), decoded a response"]
        case (.error(let kind, let retryAfter), .failure(let error)):
            (error.kind == kind ? [] : ["expected \(kind.rawValue), got \(error.kind.rawValue)"])
                + (retryAfter == nil || retryAfter == error.retryAfter ? [] : ["retry-after differs"])
        }
    }
}
