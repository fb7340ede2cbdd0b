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
        let bytes = needle.utf8
        guard let first = bytes.first else { return nil }
        var from = utf8.startIndex
        while let hit = utf8[from...].firstIndex(of: first) {
            if utf8[hit...].starts(with: bytes) { return hit..<utf8.index(hit, offsetBy: bytes.count) }
            from = utf8.index(after: hit)
        }
        return nil
    }
}
