#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-wise matching of ASCII paths and names. `hasSuffix` and Foundation's `range(of:)`
/// compare by grapheme (and the latter through CFString), which on the mock's hot path
/// cost more than decoding the request's JSON.
extension StringProtocol {
    /// Whether the UTF-8 bytes end with those of `suffix`.
    public func hasUTF8Suffix(_ suffix: String) -> Bool {
        let count = suffix.utf8.count
        return utf8.count >= count && utf8.suffix(count).elementsEqual(suffix.utf8)
    }

    /// The first occurrence of `needle`'s UTF-8 bytes, as a range of this string.
    public func utf8Range(of needle: String) -> Range<Index>? {
        var needle = needle
        guard !needle.isEmpty else { return nil }
        let count = needle.utf8.count
        let found = utf8.withContiguousStorageIfAvailable { haystack in
            needle.withUTF8 { Self.firstOffset(of: $0, in: haystack) }
        }
        if let found {
            guard let offset = found else { return nil }
            let start = utf8.index(utf8.startIndex, offsetBy: offset)
            return start..<utf8.index(start, offsetBy: count)
        }
        let bytes = needle.utf8
        var from = utf8.startIndex
        while let hit = utf8[from...].firstIndex(of: bytes.first!) {
            if utf8[hit...].starts(with: bytes) { return hit..<utf8.index(hit, offsetBy: count) }
            from = utf8.index(after: hit)
        }
        return nil
    }

    /// Where `needle` first starts in `haystack`, by byte offset.
    private static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, memcmp(haystack.baseAddress! + i, needle.baseAddress!, needle.count) == 0 { return i }
            i += 1
        }
        return nil
    }
}
