import FaultlineWire

/// Short stable hashes for the journal: an API key's identity without the key, and a
/// request's fingerprint for telling retries from new calls. FNV-1a: fast, no set-up,
/// and the same across runs and platforms (`FNV1a`).
enum KeyHash {
    /// `key_` and 8 hex digits: enough to tell a team's keys apart, far too little to recover one.
    static func keyID(_ key: String) -> String {
        "key_" + FNV1a.hex(FNV1a.hash(key.utf8) >> 32, digits: 8)
    }

    /// 12 hex digits over method, path and body.
    static func fingerprint(method: String, path: String, body: [UInt8]) -> String {
        var hash = FNV1a.hash(method.utf8)
        hash = FNV1a.hash(path.utf8, seed: hash)
        hash = FNV1a.hash(body, seed: hash)
        return FNV1a.hex(hash >> 16, digits: 12)
    }
}
