/// An incremental event-stream parser (WHATWG HTML, "Parsing an event stream") over bytes.
///
/// Sans-I/O: feed whatever a socket read returned and get back the events that
/// bytes completed. Lines may end in `\n`, `\r\n` or `\r`, mixed, and a feed may
/// end anywhere: inside a field, inside a multi-byte character, or between the
/// `\r` and `\n` of one line ending. Comment lines (`:` keep-alives) are counted
/// and skipped, unknown fields ignored, as the openai and anthropic SDK decoders do.
///
/// Dispatch rule: the standard dispatches an event only when its data buffer is
/// non-empty. We also dispatch an event that set `event:` without any `data:`
/// line (with empty data), so a decoder can see and report an Anthropic event
/// whose payload went missing instead of losing it silently. An event made only
/// of `id:`/`retry:` lines is not dispatched, as in the standard.
/// A leading byte-order mark is not stripped: no provider sends one.
public struct SSEParser: Sendable {
    /// Bytes of a line whose end has not arrived yet.
    private var lineBuffer: [UInt8] = []
    /// The previous feed ended in `\r`: a `\n` starting the next feed belongs to that line ending.
    private var skipLineFeed = false
    private var eventName: String?
    private var data: [UInt8] = []
    private var dataLineCount = 0
    private var id: String?
    private var retry: Int?
    private var fieldSeen = false

    /// `:` lines seen so far (keep-alives); not reset by `finish()`.
    public private(set) var commentCount = 0

    public init() {}

    /// True while bytes are buffered that do not yet form a complete event:
    /// an unfinished line or fields of an event not yet ended by a blank line.
    public var hasPartialData: Bool { !lineBuffer.isEmpty || fieldSeen }

    /// Feed bytes as they arrive; returns the events completed by them (dispatched on a blank line).
    public mutating func feed(_ bytes: some Collection<UInt8>) -> [SSEEvent] {
        var events: [SSEEvent] = []
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            scan(buffer, into: &events)
        }
        if handled == nil {
            Array(bytes).withUnsafeBufferPointer { scan($0, into: &events) }
        }
        return events
    }

    /// End of input: an event still pending (no terminating blank line) is returned too
    /// (lenient: providers sometimes omit the last blank line), and the parser resets.
    public mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        if !lineBuffer.isEmpty {
            let line = lineBuffer
            lineBuffer.removeAll(keepingCapacity: true)
            line.withUnsafeBufferPointer { processLine($0, into: &events) }
        }
        dispatch(into: &events)
        skipLineFeed = false
        return events
    }

    // MARK: - Scanning

    private mutating func scan(_ buffer: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        let count = buffer.count
        var index = 0
        if skipLineFeed, count > 0 {
            skipLineFeed = false
            if buffer[0] == 0x0A { index = 1 }
        }
        while index < count {
            let lineStart = index
            // Tight scan for the next CR or LF; every other byte is payload.
            while index < count {
                let byte = buffer[index]
                if byte <= 0x0D && (byte == 0x0A || byte == 0x0D) { break }
                index += 1
            }
            guard index < count else {
                lineBuffer.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[lineStart..<count]))
                return
            }
            let terminator = buffer[index]
            let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<index])
            if lineBuffer.isEmpty {
                processLine(line, into: &events)
            } else {
                lineBuffer.append(contentsOf: line)
                let whole = lineBuffer
                lineBuffer.removeAll(keepingCapacity: true)
                whole.withUnsafeBufferPointer { processLine($0, into: &events) }
            }
            index += 1
            if terminator == 0x0D {
                if index < count {
                    if buffer[index] == 0x0A { index += 1 }
                } else {
                    skipLineFeed = true
                }
            }
        }
    }

    private mutating func processLine(_ line: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        guard let first = line.first else {
            dispatch(into: &events)
            return
        }
        if first == UInt8(ascii: ":") {
            commentCount += 1
            return
        }
        var colon = 0
        while colon < line.count && line[colon] != UInt8(ascii: ":") { colon += 1 }
        let name = UnsafeBufferPointer(rebasing: line[0..<colon])
        var valueStart = Swift.min(colon + 1, line.count)
        if valueStart < line.count && line[valueStart] == 0x20 { valueStart += 1 }
        let value = UnsafeBufferPointer(rebasing: line[valueStart..<line.count])
        switch name.count {
        case 4 where Self.matches(name, "data"):
            if dataLineCount > 0 { data.append(0x0A) }
            data.append(contentsOf: value)
            dataLineCount += 1
            fieldSeen = true
        case 5 where Self.matches(name, "event"):
            eventName = String(decoding: value, as: UTF8.self)
            fieldSeen = true
        case 2 where Self.matches(name, "id"):
            // The standard ignores an id containing NUL.
            if !value.contains(0) {
                id = String(decoding: value, as: UTF8.self)
                fieldSeen = true
            }
        case 5 where Self.matches(name, "retry"):
            if let milliseconds = Self.digits(value) {
                retry = milliseconds
                fieldSeen = true
            }
        default:
            break
        }
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        defer {
            eventName = nil
            data.removeAll(keepingCapacity: true)
            dataLineCount = 0
            id = nil
            retry = nil
            fieldSeen = false
        }
        guard dataLineCount > 0 || eventName != nil else { return }
        events.append(SSEEvent(event: eventName, data: data, id: id, retry: retry))
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let start = name.utf8Start
        for offset in 0..<bytes.count where bytes[offset] != start[offset] { return false }
        return true
    }

    /// A `retry:` value: ASCII digits only, nil when empty, non-digit or overflowing.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var result = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else { return nil }
            result = sum
        }
        return result
    }
}
