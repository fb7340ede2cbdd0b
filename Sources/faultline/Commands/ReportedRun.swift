import FaultlineReports
import FaultlineSuite
import Foundation

/// Runs suites under the signal handler and writes the reports whatever happens: what
/// `run` and `canary` share. SIGINT or SIGTERM cancels the run and the reports of what
/// finished are still written; a scenario that does not stop within `ReportClaim.grace`
/// loses its place to another thread that writes the finished ones and exits.
enum ReportedRun {
    /// The run's result and the exit status of the signal that stopped it, if one did.
    static func execute(
        _ runner: SuiteRunner, suites: [SuiteDefinition], writer: ReportWriter, reportDirectory directory: String, showProgress: Bool
    ) async throws -> (result: RunResult, signalled: ExitStatus?) {
        let ledger = runner.makeLedger()
        let reports = ReportClaim()
        let runTask = Task { await runner.run(suites, ledger: ledger) }
        let interrupt = InterruptHandler { status in
            runTask.cancel()
            // A scenario stuck in work that ignores cancellation must not cost the reports:
            // after the grace period, what finished is written from another thread.
            DispatchQueue.global().asyncAfter(deadline: .now() + ReportClaim.grace) {
                guard reports.claim() else { return }
                let written = (try? writer.write(ledger.snapshot(interrupted: true))) != nil
                FileHandle.standardError.write(Data((written
                    ? "\(status == .terminated ? "terminated (SIGTERM)" : "interrupted (SIGINT)"): the scenario under way did not stop within \(Int(ReportClaim.grace)) s; the reports in \(directory) hold what finished before it\n"
                    : "could not write the reports to \(directory)\n").utf8))
                CommandLine.exitProcess(written ? status.rawValue : ExitStatus.internalError.rawValue)
            }
        }
        let result = await runTask.value
        if showProgress { ProgressLine.clear() }
        guard reports.claim() else {
            // The grace period ran out just now: the other thread writes the reports and exits.
            try await Task.sleep(for: .seconds(3600))
            return (result, interrupt.exitStatus)
        }
        // Signals stay caught until the reports are written: a second one must not cut them short.
        do { try writer.write(result) } catch {
            interrupt.cancel()
            throw CLIError(status: .internalError, message: "could not write the reports to \(directory): \(ReportFolder.reason(error))")
        }
        let signalled = interrupt.exitStatus ?? (result.interrupted ? .interrupted : nil)
        interrupt.cancel()
        return (result, signalled)
    }
}
