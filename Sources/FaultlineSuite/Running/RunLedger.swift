import Foundation
import Synchronization

/// The results of the scenarios that have finished, readable while the run goes on. A
/// signal cancels the run cooperatively, but a scenario stuck in work that never checks
/// for cancellation would hold the reports hostage; with the ledger the CLI can still write
/// valid reports of what finished after a grace period.
public final class RunLedger: Sendable {
    private let template: RunResult
    private let reproducible: Bool
    private let started = ContinuousClock.now
    private let suites = Mutex<[SuiteResult]>([])

    /// `template` gives the run's version, start, seed and shard (`SuiteRunner.makeLedger()`).
    init(template: RunResult, reproducible: Bool) {
        self.template = template
        self.reproducible = reproducible
    }

    /// Records one finished scenario of `suite` (consecutive scenarios of a suite share its result).
    func record(_ result: ScenarioResult, suite: SuiteDefinition, seed: UInt64) {
        suites.withLock { suites in
            if let last = suites.last, last.name == suite.name, last.file == suite.file {
                suites[suites.count - 1].scenarios.append(result)
                suites[suites.count - 1].duration += result.duration
            } else {
                suites.append(SuiteResult(name: suite.name, file: suite.file, seed: seed, duration: result.duration, scenarios: [result]))
            }
        }
    }

    /// The run so far, as the reports render it.
    public func snapshot(interrupted: Bool) -> RunResult {
        var run = template
        run.suites = suites.withLock { $0 }
        run.interrupted = interrupted
        run.duration = reproducible ? run.suites.reduce(0) { $0 + $1.duration } : started.duration(to: .now).seconds
        return run
    }
}
