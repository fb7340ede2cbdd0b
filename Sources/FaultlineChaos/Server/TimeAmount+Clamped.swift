import NIOCore

extension TimeAmount {
    /// The longest timer the mock arms: one day. A timeout or a script's wait is capped at it,
    /// so no configured or injected duration (`1e308`, infinity, NaN) can trap converting to
    /// nanoseconds on an event loop, and nothing outlives a day-long test run by much.
    static let longestTimer = TimeAmount.hours(24)

    /// `seconds` as a timer length, in 1 ms … `longestTimer`; NaN counts as the shortest.
    static func clamped(seconds: Double) -> TimeAmount {
        let longest = Double(longestTimer.nanoseconds) / 1e9
        let value = seconds.isNaN ? 0.001 : min(max(seconds, 0.001), longest)
        return .nanoseconds(Int64(value * 1e9))
    }

    /// A script's `wait` of `ms` milliseconds, in 0 … `longestTimer`; NaN and negative count as none.
    static func clamped(milliseconds ms: Double) -> TimeAmount {
        guard ms > 0 else { return .zero }
        let longest = Double(longestTimer.nanoseconds) / 1e6
        return .nanoseconds(Int64(min(ms, longest) * 1e6))
    }
}
