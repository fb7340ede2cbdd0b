import Foundation
import Synchronization

/// Turns SIGINT (Ctrl-C) and SIGTERM (CI cancellation, `docker stop`) into one path: a
/// cancellation of the run, so what finished is still reported, then the shell's exit
/// status for that signal (130 or 143). Later signals are ignored while the reports are
/// written: CI runners often send SIGINT then SIGTERM a few seconds apart.
final class InterruptHandler {
    static let signals: [Int32] = [SIGINT, SIGTERM]

    private let sources: [any DispatchSourceSignal]
    private let latch: Latch

    /// The first signal number, set once from a dispatch queue.
    private final class Latch: Sendable {
        let value = Mutex<Int32?>(nil)
        /// Records `number` if it is the first; true then.
        func set(_ number: Int32) -> Bool {
            value.withLock { current in
                guard current == nil else { return false }
                current = number
                return true
            }
        }
    }

    /// `onInterrupt` runs once, on a dispatch queue, with the exit status of the first signal.
    init(_ onInterrupt: @escaping @Sendable (ExitStatus) -> Void) {
        var sources: [any DispatchSourceSignal] = []
        let latch = Latch()
        self.latch = latch
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if latch.set(number) { onInterrupt(Self.status(for: number)) }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    /// The first signal received, if any.
    var receivedSignal: Int32? { latch.value.withLock { $0 } }

    /// The exit status for the signal received: 128 + its number, as a shell reports it.
    var exitStatus: ExitStatus? { receivedSignal.map(Self.status(for:)) }

    static func status(for signal: Int32) -> ExitStatus { signal == SIGTERM ? .terminated : .interrupted }

    /// Stops listening and restores the default actions (a signal after the reports kills as usual).
    func cancel() {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}

/// Who writes the reports after a signal: the run, when it stops in time, or the grace
/// timer, when it does not. Whoever claims first writes; the other stands down.
final class ReportClaim: Sendable {
    /// Seconds a cancelled run has to stop before its finished scenarios are written without
    /// it: under the 10 s that `docker stop` and most CI runners wait before SIGKILL.
    static let grace: Double = 5

    private let claimed = Mutex(false)

    /// True for the first caller only.
    func claim() -> Bool {
        claimed.withLock { claimed in
            defer { claimed = true }
            return !claimed
        }
    }
}
