import Foundation
import FaultlineWire

/// Tracks one attempt's progress against its phase budgets on the real clock and says
/// which budget runs out next. The transport reports progress; a watchdog task sleeps
/// until `nextDeadline()` and, if no progress moved it, cancels the attempt and records
/// the phase, so the attempt ends as `.timeout(phase)` rather than a generic cancel.
final class PhaseWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private let start: ContinuousClock.Instant
    private let timeouts: PhaseTimeouts
    private let streaming: Bool
    private var headAt: ContinuousClock.Instant?
    private var lastByte: ContinuousClock.Instant?
    private var sawToken = false
    private var done = false
    private var firedPhase: TimeoutPhase?

    init(start: ContinuousClock.Instant, timeouts: PhaseTimeouts, streaming: Bool) {
        self.start = start
        self.timeouts = timeouts
        self.streaming = streaming
    }

    var fired: TimeoutPhase? { lock.withLock { firedPhase } }

    func gotHead(at now: ContinuousClock.Instant) { lock.withLock { headAt = now; lastByte = now } }
    func gotBytes(at now: ContinuousClock.Instant) { lock.withLock { lastByte = now } }
    func gotToken() { lock.withLock { sawToken = true } }
    func finish() { lock.withLock { done = true } }

    /// The earliest budget still running, or nil when the attempt is over or unbounded.
    func nextDeadline() -> (at: ContinuousClock.Instant, phase: TimeoutPhase)? {
        lock.withLock {
            guard !done, firedPhase == nil else { return nil }
            var best: (at: ContinuousClock.Instant, phase: TimeoutPhase)?
            func consider(_ at: ContinuousClock.Instant, _ phase: TimeoutPhase) {
                if best == nil || at < best!.at { best = (at, phase) }
            }
            if let total = timeouts.total { consider(start + .seconds(total), .total) }
            if headAt == nil, let firstByte = timeouts.firstByte { consider(start + .seconds(firstByte), .firstByte) }
            if streaming, headAt != nil, !sawToken, let firstToken = timeouts.firstToken { consider(start + .seconds(firstToken), .firstToken) }
            if let lastByte, let idle = timeouts.idle { consider(lastByte + .seconds(idle), .idle) }
            return best
        }
    }

    /// Fires `phase` if `deadline` is still the earliest and has passed; true when it fired.
    func fireIfDue(_ deadline: (at: ContinuousClock.Instant, phase: TimeoutPhase), now: ContinuousClock.Instant) -> Bool {
        guard let current = nextDeadline(), current.at == deadline.at, current.phase == deadline.phase, now >= current.at else {
            return false
        }
        return lock.withLock {
            guard !done, firedPhase == nil else { return false }
            firedPhase = deadline.phase
            return true
        }
    }

    /// Sleeps through the budgets, cancelling `work` when one runs out.
    func watch(_ work: Task<Void, Never>) async {
        let clock = ContinuousClock()
        while let deadline = nextDeadline() {
            do { try await clock.sleep(until: deadline.at) } catch { return }
            if fireIfDue(deadline, now: clock.now) {
                work.cancel()
                return
            }
        }
    }
}
