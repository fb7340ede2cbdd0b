#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a gateway scenario could not run, or ran without measuring the gateway: each case
/// names the port and the scenario, and says what to change. It becomes the scenario's
/// error (every check `<error>`, the run exits 1), since the suite itself is valid.
enum GatewayRunError: Error, Sendable, CustomStringConvertible {
    /// Something already listens on the mock's fixed port.
    case mockPortBusy(port: Int, scenario: String)
    /// The mock could not listen on its port for another reason (`errno` text).
    case mockPortUnavailable(port: Int, scenario: String, reason: String)
    /// The gateway answered the tasks but the mock saw no upstream request at all.
    case nothingUpstream(port: Int, scenario: String, gateway: String, delivered: Int, tasks: Int, providers: [String])
    /// The gateway sent requests to the mock, but none under a provider of the chain.
    case unmountedUpstream(port: Int, scenario: String, requests: Int, paths: [String], providers: [String])

    var description: String {
        switch self {
        case .mockPortBusy(let port, let scenario):
            return "scenario `\(scenario)`: the mock cannot listen on 127.0.0.1:\(port) (gateway mock_port): the port is already in use "
                + "(another Faultline run, a `faultline serve`, or the gateway itself?); free it, or set another mock_port "
                + "and point the gateway's upstreams there"
        case .mockPortUnavailable(let port, let scenario, let reason):
            return "scenario `\(scenario)`: the mock cannot listen on 127.0.0.1:\(port) (gateway mock_port): \(reason)"
        case .nothingUpstream(let port, let scenario, let gateway, let delivered, let tasks, let providers):
            let what = delivered == 0
                ? "the gateway at \(gateway) answered all \(tasks) tasks with errors"
                : "the gateway at \(gateway) delivered \(delivered) of \(tasks) tasks"
            return "scenario `\(scenario)`: \(what) but sent nothing to the mock on port \(port); "
                + "is its api_base pointing at \(Self.apiBase(port: port, providers: providers))?"
                + (delivered > 0 ? " (it may be calling the real providers, or answering from a cache)" : "")
        case .unmountedUpstream(let port, let scenario, let requests, let paths, let providers):
            return "scenario `\(scenario)`: the gateway sent \(requests) requests to the mock on port \(port), none under a provider "
                + "of the chain (paths \(paths.map { "`\($0)`" }.joined(separator: ", "))); its api_base must include the "
                + "provider's mount: \(Self.apiBase(port: port, providers: providers))"
        }
    }

    /// `http://127.0.0.1:P/<first provider>/…`, the form every upstream's api_base takes.
    static func apiBase(port: Int, providers: [String]) -> String {
        "http://127.0.0.1:\(port)/\(providers.first ?? "{provider}")/… (one mount per provider of the chain)"
    }

    /// The error for a failed bind of the mock's port, from the probe's `errno`.
    static func mockPort(_ port: Int, scenario: String, errno code: Int32) -> GatewayRunError {
        code == EADDRINUSE
            ? .mockPortBusy(port: port, scenario: scenario)
            : .mockPortUnavailable(port: port, scenario: scenario, reason: String(cString: strerror(code)))
    }
}
