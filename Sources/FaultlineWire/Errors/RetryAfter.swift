/// How long a response asks the client to wait, read from the headers each provider sends.
///
/// Hand-written parsers, no `DateFormatter`: it is slow and locale-dependent on Linux,
/// and a chain reads these on every throttled attempt. Nothing here reads a clock:
/// absolute times are made relative to the response's own `date` header.
public enum RetryAfter {
    /// The wait a response asks for, in seconds, from (in this order): `retry-after-ms`;
    /// `retry-after` as seconds (fractions allowed) or an HTTP-date (relative to the
    /// response's own `date` header; ignored without one); OpenAI
    /// `x-ratelimit-reset-requests`/`-tokens` Go durations (for `scope`, or the larger
    /// when `scope` is nil); Anthropic `anthropic-ratelimit-*-reset` RFC 3339 timestamps
    /// relative to `date`. A source that is absent, unparseable or negative is skipped
    /// and the next one tried, as the openai and anthropic SDKs fall back from
    /// `retry-after-ms` to `retry-after`. Nil when none applies.
    public static func seconds(from headers: WireHeaders, scope: RateLimitScope? = nil) -> Double? {
        if let value = headers["retry-after-ms"], let milliseconds = decimal(value), milliseconds >= 0 {
            return milliseconds / 1000
        }
        if let value = headers["retry-after"] {
            if let seconds = decimal(value), seconds >= 0 { return seconds }
            if let target = httpDate(value), let wait = since(headers, until: target) { return wait }
        }
        if let wait = largest(openAIResetNames(scope).map { headers[$0].flatMap(goDuration) }) {
            return wait
        }
        let anthropic = anthropicResetNames(scope).map { name in
            headers[name].flatMap(rfc3339).flatMap { since(headers, until: $0) }
        }
        return largest(anthropic)
    }

    /// A Go `time.Duration` string as OpenAI writes its reset headers: `1s`, `12ms`,
    /// `6m0s`, `1h2m3.5s`, `0`. Units `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`; a leading
    /// sign is allowed (so the caller sees a negative value and can reject it).
    public static func goDuration(_ text: String) -> Double? {
        var bytes = Substring(text.trimmingASCIISpaces).utf8[...]
        var sign = 1.0
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            bytes = bytes.dropFirst()
        }
        if bytes.elementsEqual("0".utf8) { return 0 }
        guard !bytes.isEmpty else { return nil }
        var total = 0.0
        while !bytes.isEmpty {
            let numberEnd = bytes.firstIndex { !isDecimalByte($0) } ?? bytes.endIndex
            guard let number = decimal(bytes[..<numberEnd]) else { return nil }
            bytes = bytes[numberEnd...]
            let unitEnd = bytes.firstIndex { isDecimalByte($0) } ?? bytes.endIndex
            guard let unit = goUnit(bytes[..<unitEnd]) else { return nil }
            total += number * unit.seconds / unit.per  // 300 / 1000 is 0.3; 300 * 0.001 is not
            bytes = bytes[unitEnd...]
        }
        return sign * total
    }

    /// A protobuf `Duration` in its JSON form, as Gemini's `RetryInfo.retryDelay`:
    /// `"13s"`, `"0.5s"`, `"-1.5s"`. Anything but a decimal followed by `s` is nil.
    public static func protobufDuration(_ text: String) -> Double? {
        var bytes = Substring(text.trimmingASCIISpaces).utf8[...]
        guard bytes.last == UInt8(ascii: "s") else { return nil }
        bytes = bytes.dropLast()
        var sign = 1.0
        if bytes.first == UInt8(ascii: "-") {
            sign = -1
            bytes = bytes.dropFirst()
        }
        return decimal(bytes).map { sign * $0 }
    }

    // MARK: - Sources

    private static func openAIResetNames(_ scope: RateLimitScope?) -> [String] {
        switch scope {
        case .requests: ["x-ratelimit-reset-requests"]
        case .tokens: ["x-ratelimit-reset-tokens"]
        case nil: ["x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"]
        }
    }

    private static func anthropicResetNames(_ scope: RateLimitScope?) -> [String] {
        let tokens = [
            "anthropic-ratelimit-tokens-reset", "anthropic-ratelimit-input-tokens-reset",
            "anthropic-ratelimit-output-tokens-reset",
        ]
        switch scope {
        case .requests: return ["anthropic-ratelimit-requests-reset"]
        case .tokens: return tokens
        case nil: return ["anthropic-ratelimit-requests-reset"] + tokens
        }
    }

    /// The largest non-negative value, nil when there is none.
    private static func largest(_ values: [Double?]) -> Double? {
        values.compactMap { $0 }.filter { $0 >= 0 }.max()
    }

    /// Seconds from the response's `date` header until `target`; nil without a usable
    /// `date` or when `target` is already past.
    private static func since(_ headers: WireHeaders, until target: Double) -> Double? {
        guard let now = headers["date"].flatMap(httpDate) else { return nil }
        let wait = target - now
        return wait >= 0 ? wait : nil
    }

    // MARK: - Numbers

    static func isDecimalByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
    }

    /// An unsigned decimal `12`, `1.5`, `.5`, `3.`: digits with at most one dot, at least one digit.
    static func decimal(_ text: String) -> Double? {
        decimal(Substring(text.trimmingASCIISpaces).utf8[...])
    }

    /// The digits are read as one integer and divided by a power of ten once, so `0.3` is
    /// the double nearest 0.3 (adding 3 × 0.1 digit by digit is not).
    static func decimal(_ bytes: Substring.UTF8View.SubSequence) -> Double? {
        var mantissa = 0.0
        var fractionDigits = 0
        var digits = 0
        var seenDot = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenDot else { return nil }
                seenDot = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                mantissa = mantissa * 10 + Double(byte - UInt8(ascii: "0"))
                if seenDot { fractionDigits += 1 }
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0, mantissa.isFinite else { return nil }
        var divisor = 1.0
        for _ in 0..<fractionDigits { divisor *= 10 }
        return mantissa / divisor
    }

    /// A unit as a fraction `seconds / per`, so sub-second units divide exactly.
    private static func goUnit(_ unit: Substring.UTF8View.SubSequence) -> (seconds: Double, per: Double)? {
        switch String(Substring(unit)) {
        case "ns": (1, 1e9)
        case "us", "µs", "μs": (1, 1e6)
        case "ms": (1, 1e3)
        case "s": (1, 1)
        case "m": (60, 1)
        case "h": (3600, 1)
        default: nil
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (header values may carry them).
    var trimmingASCIISpaces: Substring {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
