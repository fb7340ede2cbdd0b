/// Writes event-stream frames the way the providers do: `event:` (Anthropic only),
/// `data: ` with the space (google-genai requires the exact prefix `data: `),
/// `\n` line endings and a blank line after each event.
public enum SSEEncoder {
    /// One frame: optional `event: NAME\n`, then one `data: ` line per line of data, then a blank line.
    ///
    /// Data is split on `\n`, `\r\n` and `\r`, since a parser ends a line at each of
    /// them; a round trip therefore gives the data back with `\n` line endings.
    /// Line breaks in `event` would end the field early, so they become spaces.
    public static func frame(event: String? = nil, data: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count + 16)
        if let event {
            out.append(contentsOf: "event: ".utf8)
            for byte in event.utf8 { out.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte) }
            out.append(0x0A)
        }
        let prefix: [UInt8] = Array("data: ".utf8)
        out.append(contentsOf: prefix)
        var previousWasCR = false
        for byte in data {
            switch byte {
            case 0x0A where previousWasCR:
                previousWasCR = false
            case 0x0A, 0x0D:
                out.append(0x0A)
                out.append(contentsOf: prefix)
                previousWasCR = byte == 0x0D
            default:
                out.append(byte)
                previousWasCR = false
            }
        }
        out.append(0x0A)
        out.append(0x0A)
        return out
    }

    public static func frame(event: String? = nil, data: String) -> [UInt8] {
        frame(event: event, data: Array(data.utf8))
    }

    /// A comment frame `: text\n\n`, the keep-alive some proxies and providers send.
    /// Each line of a multi-line `text` becomes its own comment line.
    public static func comment(_ text: String) -> [UInt8] {
        var out: [UInt8] = Array(": ".utf8)
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case 0x0A where previousWasCR:
                previousWasCR = false
            case 0x0A, 0x0D:
                out.append(contentsOf: "\n: ".utf8)
                previousWasCR = byte == 0x0D
            default:
                out.append(byte)
                previousWasCR = false
            }
        }
        out.append(contentsOf: "\n\n".utf8)
        return out
    }
}
