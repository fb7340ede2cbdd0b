import FaultlineChain
import Yams

/// A chain as a suite uses it: the loaded config plus what the loader checks against it.
public struct ChainSetup: Sendable, Hashable {
    public var config: ChainConfig

    public init(config: ChainConfig) { self.config = config }

    public var providerNames: [String] { config.providers.map(\.name) }

    /// Loads a chain file, turning its problems into suite diagnostics.
    static func load(file: String) -> Result<ChainSetup, LoadFailure> {
        setup { () throws(ChainConfigError) in try ChainConfig.load(file: file) }
    }

    /// Reads a chain written inline in a suite (`file` is the suite's).
    static func parse(node: Node, file: String) -> Result<ChainSetup, LoadFailure> {
        setup { () throws(ChainConfigError) in try ChainConfig.parse(node: node, file: file) }
    }

    private static func setup(_ make: () throws(ChainConfigError) -> ChainConfig) -> Result<ChainSetup, LoadFailure> {
        do {
            return .success(ChainSetup(config: try make()))
        } catch {
            return .failure(LoadFailure(error.problems.map { Diagnostic(file: $0.file, line: $0.line, column: $0.column, message: $0.reason) }))
        }
    }
}
