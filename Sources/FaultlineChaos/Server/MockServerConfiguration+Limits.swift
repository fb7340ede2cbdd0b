extension MockServerConfiguration {
    /// The ranges a mock config (`serve --config`) and `serve`'s flags accept, checked where
    /// the number is read (README, "Limits"). Each bounds a timer or a buffer: a value past it
    /// once passed loading and then trapped turning into nanoseconds, or sized memory.
    public enum Limits {
        /// `chunk_gap_ms`, `first_byte_ms`, `--chunk-gap-ms`: an hour, like every fault's `ms`.
        public static let delayMs: ClosedRange<Double> = 0...3_600_000
        /// `idle_timeout`, `header_timeout`, in seconds: a millisecond to a day.
        public static let timeoutSeconds: ClosedRange<Double> = 0.001...86_400
        /// `max_body_bytes`: 1 GiB at most, the most one request may make the mock buffer.
        public static let bodyBytes: ClosedRange<Int> = 1...(1 << 30)
        /// `journal_capacity`: a million entries, some 350 MB.
        public static let journalCapacity: ClosedRange<Int> = 1...1_000_000

        /// `1...1073741824`, or `0...3600000` without a useless fraction.
        static func text(_ range: ClosedRange<Double>) -> String {
            "\(number(range.lowerBound))...\(number(range.upperBound))"
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
    }
}
