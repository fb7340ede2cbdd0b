/// Short stable hashes for the journal: an API key's identity without the key, and a
/// request's fingerprint for telling retries from new calls. FNV-1a: fast, no set-up,
/// and the same across runs and platforms (Swift's `Hasher` is seeded per process).
enum KeyHash {
    static func fnv1a(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `key_` and 8 hex digits: enough to tell a team's keys apart, far too little to recover one.
    static func keyID(_ key: String) -> String {
        "key_" + hex(fnv1a(key.utf8) >> 32, digits: 8)
    }

    /// 12 hex digits over method, path and body.
    static func fingerprint(method: String, path: String, body: [UInt8]) -> String {
        var hash = fnv1a(method.utf8)
        hash = fnv1a(path.utf8, seed: hash)
        hash = fnv1a(body, seed: hash)
        return hex(hash >> 16, digits: 12)
    }

    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
