import FaultlineWire

/// Byte-level mutations of a valid input, the way coverage-less fuzzers make most of their
/// finds: flip, insert, delete, duplicate and splice spans, and drop in tokens that parsers
/// treat specially (the `dictionary`). Each mutation is small, so most outputs stay close to
/// valid and reach deep into the parser instead of failing on the first byte.
public struct Mutator: Sendable {
    public var dictionary: [[UInt8]]

    public init(dictionary: [String] = []) {
        self.dictionary = dictionary.map { Array($0.utf8) } + Self.interestingBytes.map { [$0] }
    }

    /// Bytes that end lines, open structures or start multi-byte UTF-8 sequences.
    static let interestingBytes: [UInt8] = [0x00, 0x0A, 0x0D, 0x20, 0x22, 0x2C, 0x3A, 0x5B, 0x5D, 0x7B, 0x7D, 0x7F, 0xC3, 0xE2, 0xF0, 0xFF]

    /// `input` with 1–`maxSteps` mutations applied.
    public func mutate(_ input: [UInt8], using random: inout SeededRandom, maxSteps: Int = 4) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + Int(random.next() % UInt64(maxSteps))) {
            step(&bytes, using: &random)
        }
        return bytes
    }

    private func step(_ bytes: inout [UInt8], using random: inout SeededRandom) {
        func position(_ extra: Int = 0) -> Int { Int(random.next() % UInt64(bytes.count + extra)) }
        switch random.next() % 8 {
        case 0 where !bytes.isEmpty:  // flip a bit
            bytes[position()] ^= 1 << UInt8(random.next() % 8)
        case 1 where !bytes.isEmpty:  // delete a span
            let start = position()
            bytes.removeSubrange(start..<min(bytes.count, start + 1 + Int(random.next() % 16)))
        case 2 where !bytes.isEmpty:  // duplicate a span in place
            let start = position()
            let span = Array(bytes[start..<min(bytes.count, start + 1 + Int(random.next() % 32))])
            bytes.insert(contentsOf: span, at: start)
        case 3 where !bytes.isEmpty:  // truncate
            bytes.removeSubrange(position()...)
        case 4 where !bytes.isEmpty:  // replace a byte with an interesting one
            bytes[position()] = Self.interestingBytes[Int(random.next() % UInt64(Self.interestingBytes.count))]
        case 5 where !bytes.isEmpty:  // copy a span elsewhere
            let start = position()
            let span = Array(bytes[start..<min(bytes.count, start + 1 + Int(random.next() % 32))])
            bytes.insert(contentsOf: span, at: position(1))
        case 6 where !bytes.isEmpty:  // swap two bytes
            bytes.swapAt(position(), position())
        default:  // insert a dictionary token
            guard !dictionary.isEmpty else { return }
            bytes.insert(contentsOf: dictionary[Int(random.next() % UInt64(dictionary.count))], at: position(1))
        }
    }

    /// `bytes` cut into pieces at random points: how a network delivers a body.
    public static func pieces(of bytes: [UInt8], using random: inout SeededRandom, maxPieces: Int = 8) -> [ArraySlice<UInt8>] {
        guard !bytes.isEmpty else { return [] }
        let cuts = (0..<Int(random.next() % UInt64(maxPieces))).map { _ in Int(random.next() % UInt64(bytes.count + 1)) }
        let bounds = ([0] + cuts.sorted() + [bytes.count])
        return zip(bounds, bounds.dropFirst()).map { bytes[$0..<$1] }
    }

    /// One of `items`, chosen by `random`.
    public static func pick<T>(_ items: [T], using random: inout SeededRandom) -> T {
        items[Int(random.next() % UInt64(items.count))]
    }
}
