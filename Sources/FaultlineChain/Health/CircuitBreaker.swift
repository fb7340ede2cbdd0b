/// One provider's circuit breaker: closed (calls flow, outcomes counted in a sliding
/// window), open (calls refused until a time), half-open (a few probes decide).
///
/// The window is a ring of ten time buckets, allocated once, so recording an outcome
/// costs no allocation however many tasks a simulation runs.
public struct CircuitBreaker: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case closed
        case open(until: Double)
        /// `inFlight` probes admitted and not yet reported, `succeeded` probes that came back well.
        case halfOpen(inFlight: Int, succeeded: Int)
    }

    public let policy: BreakerPolicy
    public private(set) var state: State = .closed
    /// How many times the breaker opened, for reports.
    public private(set) var timesOpened = 0
    private var epochs: [Int]
    private var successes: [Int]
    private var failures: [Int]
    private static let buckets = 10

    public init(policy: BreakerPolicy) {
        self.policy = policy
        epochs = Array(repeating: Int.min, count: Self.buckets)
        successes = Array(repeating: 0, count: Self.buckets)
        failures = Array(repeating: 0, count: Self.buckets)
    }

    /// Whether a call may go to this provider at `now`. An open breaker whose time is up
    /// turns half-open and admits up to `halfOpenProbes` probes.
    public mutating func admit(now: Double) -> Bool {
        guard policy.enabled else { return true }
        switch state {
        case .closed:
            return true
        case .open(let until):
            guard now >= until else { return false }
            state = .halfOpen(inFlight: 1, succeeded: 0)
            return true
        case .halfOpen(let inFlight, let succeeded):
            guard inFlight + succeeded < policy.halfOpenProbes else { return false }
            state = .halfOpen(inFlight: inFlight + 1, succeeded: succeeded)
            return true
        }
    }

    /// Counts one finished call.
    public mutating func record(success: Bool, now: Double) {
        guard policy.enabled else { return }
        switch state {
        case .closed:
            let (failed, total) = add(success: success, now: now)
            if total >= policy.minimumRequests, Double(failed) >= policy.failureRate * Double(total) {
                trip(now: now)
            }
        case .open:
            // A call admitted before the breaker opened finished late: the breaker already decided.
            break
        case .halfOpen(let inFlight, let succeeded):
            guard success else {
                trip(now: now)
                return
            }
            if succeeded + 1 >= policy.halfOpenProbes {
                state = .closed
                clearWindow()
            } else {
                state = .halfOpen(inFlight: max(0, inFlight - 1), succeeded: succeeded + 1)
            }
        }
    }

    /// Failures and calls counted in the window ending at `now`.
    public func windowCounts(now: Double) -> (failed: Int, total: Int) {
        let current = epoch(now)
        var failed = 0, total = 0
        for i in 0..<Self.buckets where epochs[i] > current - Self.buckets {
            failed += failures[i]
            total += failures[i] + successes[i]
        }
        return (failed, total)
    }

    private func epoch(_ now: Double) -> Int { Int((now / (policy.window / Double(Self.buckets))).rounded(.down)) }

    private mutating func add(success: Bool, now: Double) -> (failed: Int, total: Int) {
        let e = epoch(now)
        let slot = ((e % Self.buckets) + Self.buckets) % Self.buckets
        if epochs[slot] != e {
            epochs[slot] = e
            successes[slot] = 0
            failures[slot] = 0
        }
        if success { successes[slot] += 1 } else { failures[slot] += 1 }
        return windowCounts(now: now)
    }

    private mutating func trip(now: Double) {
        state = .open(until: now + policy.openDuration)
        timesOpened += 1
        clearWindow()
    }

    private mutating func clearWindow() {
        for i in 0..<Self.buckets {
            epochs[i] = Int.min
            successes[i] = 0
            failures[i] = 0
        }
    }
}
