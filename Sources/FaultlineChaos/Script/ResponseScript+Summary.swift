import FaultlineWire

extension ResponseScript {
    /// The status the head announces; nil when no head is sent (reset, hang, empty reply, garbage).
    public var status: Int? {
        for case .head(let status, _, _) in steps { return status }
        return nil
    }

    /// Whether the body is streamed (chunked transfer encoding).
    public var isStream: Bool {
        for case .head(_, _, let streaming) in steps { return streaming }
        return false
    }

    /// Body writes in the script.
    public var chunkCount: Int {
        var count = 0
        for case .body in steps { count += 1 }
        return count
    }

    /// Body bytes in the script.
    public var byteCount: Int {
        var count = 0
        for case .body(let bytes) in steps { count += bytes.count }
        return count
    }

    /// Milliseconds of waiting the script asks for, in total (a stall not counted).
    public var totalWaitMs: Double {
        var total = 0.0
        for case .wait(let ms) in steps { total += ms }
        return total
    }
}
