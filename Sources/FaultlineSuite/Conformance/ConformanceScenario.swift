import AsyncHTTPClient
import FaultlineChaos
import FaultlineWire
import Foundation
import NIOCore

/// A conformance scenario: every recorded fixture through its adapter, in process and
/// over the real mock, plus a shape check of the mock's own encoding against the recording.
///
/// Checks per fixture (stable names):
/// - `<dialect>/<case> decodes` — the adapter decodes the recorded bytes to the expectations;
/// - `<dialect>/<case> over the mock` — the mock replays the fixture on a socket for the
///   fixture's own request, and the adapter decodes what arrived to the same expectations;
/// - `<dialect>/<case> mock shape` — the mock's encoding of the decoded answer has every
///   field path the recording has (the mock has not drifted from the provider).
enum ConformanceScenario {
    static func run(_ scenario: ScenarioDefinition, reproducible: Bool) async -> ScenarioResult {
        let started = ContinuousClock.now
        let root = scenario.fixtures ?? "fixtures"
        let (fixtures, loadErrors) = Fixture.loadAll(from: root)
        var result = ScenarioExecutor.shell(scenario)
        var checks: [CheckResult] = loadErrors.map { CheckResult(name: "\($0.file) loads", status: .error, message: $0.message) }
        if fixtures.isEmpty && loadErrors.isEmpty {
            return ScenarioExecutor.failed(scenario, message: "no fixtures under \(root)")
        }

        var decoded = 0
        var drifted = 0
        for fixture in fixtures {
            let problems = FixtureVerdict.problems(fixture)
            if problems.isEmpty { decoded += 1 }
            checks.append(check("\(fixture.name) decodes", problems))
            let drift = MockShape.missingPaths(fixture)
            if !drift.isEmpty { drifted += 1 }
            checks.append(check("\(fixture.name) mock shape", drift.map { "the mock's encoding lacks \($0), which the recording has" }))
        }

        var served = 0
        switch await overTheMock(fixtures) {
        case .success(let outcomes):
            for (fixture, problems) in outcomes {
                if problems.isEmpty { served += 1 }
                checks.append(check("\(fixture.name) over the mock", problems))
            }
        case .failure(let error):
            checks += fixtures.map { CheckResult(name: "\($0.name) over the mock", status: .error, message: "the mock could not run: \(error)") }
        }

        let passed = checks.filter { $0.status == .passed }.count
        result.metrics = [
            Metric("fixtures", Double(fixtures.count)), Metric("decoded", Double(decoded)), Metric("served", Double(served)),
            Metric("drifted", Double(drifted)), Metric("pass_rate", checks.isEmpty ? 0 : Double(passed) / Double(checks.count)),
        ]
        result.checks = checks + ThresholdEvaluator.evaluate(scenario.expectations, metrics: result.metrics)
        result.clock = "wall"
        result.duration = reproducible ? 0 : started.duration(to: .now).seconds
        return result
    }

    static func check(_ name: String, _ problems: [String]) -> CheckResult {
        problems.isEmpty
            ? CheckResult(name: name, status: .passed)
            : CheckResult(name: name, status: .failed, message: problems.joined(separator: "; "))
    }

    /// Starts a mock that holds the fixtures, sends each fixture's own request to it over
    /// loopback and decodes the answer with the fixture's adapter.
    static func overTheMock(_ fixtures: [Fixture]) async -> Result<[(Fixture, [String])], Error> {
        let server: MockServer
        do {
            server = try await MockServer.start(MockServerConfiguration(mock: MockConfiguration(seed: 1, fixtures: fixtures)))
        } catch {
            return .failure(error)
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var outcomes: [(Fixture, [String])] = []
        for fixture in fixtures {
            do {
                let (response, pieces) = try await send(fixture.request, port: server.port, client: client)
                let dialect = fixture.dialect.dialect
                let streaming = response.headers["content-type"]?.hasPrefix("text/event-stream") ?? false
                let decoded = FixtureVerdict.decode(response, isStream: streaming, pieces: pieces, dialect: dialect)
                outcomes.append((fixture, FixtureVerdict.problems(decoded, expectation: fixture.expectation)))
            } catch {
                outcomes.append((fixture, ["request to the mock failed: \(error)"]))
            }
        }
        try? await client.shutdown()
        try? await server.stop()
        return .success(outcomes)
    }

    static func send(_ request: WireRequest, port: Int, client: HTTPClient) async throws -> (WireResponse, [ArraySlice<UInt8>]) {
        do {
            let exchange = try await WireExchange.send(request, to: "http://127.0.0.1:\(port)\(request.path)", client: client, timeout: .seconds(10))
            return (exchange.response, exchange.slices)
        } catch {
            throw error.underlying
        }
    }
}
