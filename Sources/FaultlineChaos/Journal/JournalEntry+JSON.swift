import FaultlineWire

extension JournalEntry {
    /// The entry as JSON, fields in a fixed order so `GET /_faultline/journal` is reproducible.
    public var json: JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .number(($0 * 1_000_000).rounded() / 1_000_000) } ?? .null }
        var fields: [(key: String, value: JSONValue)] = [
            ("id", .number(Double(id))),
            ("connection", .number(Double(connection))),
            ("received", number(received)),
            ("provider", .string(provider)),
            ("dialect", dialect.map { .string($0.rawValue) } ?? .null),
            ("method", .string(method)),
            ("path", .string(path)),
            ("key_id", keyID.map(JSONValue.string) ?? .null),
            ("fingerprint", .string(fingerprint)),
            ("retry_count", retryCount.map { .number(Double($0)) } ?? .null),
            ("faults", .array(faults.map(JSONValue.string))),
            ("status", status.map { .number(Double($0)) } ?? .null),
            ("retry_after", number(retryAfter)),
            ("bytes_sent", .number(Double(bytesSent))),
            ("chunks_sent", .number(Double(chunksSent))),
            ("first_byte", number(firstByte)),
            ("last_byte", number(lastByte)),
            ("stalled_at", number(stalledAt)),
            ("ended", number(ended)),
            ("outcome", .string(outcome.rawValue)),
        ]
        if let endUser { fields.append((key: "end_user", value: .string(endUser))) }
        return .object(JSONObject(fields))
    }

    /// Reads an entry written by `json`; nil when a required field is missing or mistyped.
    public init?(json: JSONValue) {
        guard let id = json["id"]?.intValue, let received = json["received"]?.doubleValue,
            let path = json["path"]?.stringValue
        else { return nil }
        self.init(
            id: id, connection: json["connection"]?.intValue ?? 0, received: received,
            provider: json["provider"]?.stringValue ?? "default",
            dialect: json["dialect"]?.stringValue.flatMap(DialectID.init(rawValue:)),
            method: json["method"]?.stringValue ?? "POST", path: path, keyID: json["key_id"]?.stringValue,
            fingerprint: json["fingerprint"]?.stringValue ?? "", retryCount: json["retry_count"]?.intValue,
            faults: json["faults"]?.arrayValue?.compactMap(\.stringValue) ?? [], status: json["status"]?.intValue,
            retryAfter: json["retry_after"]?.doubleValue, bytesSent: json["bytes_sent"]?.intValue ?? 0,
            chunksSent: json["chunks_sent"]?.intValue ?? 0, firstByte: json["first_byte"]?.doubleValue,
            lastByte: json["last_byte"]?.doubleValue, stalledAt: json["stalled_at"]?.doubleValue, ended: json["ended"]?.doubleValue,
            outcome: json["outcome"]?.stringValue.flatMap(Outcome.init(rawValue:)) ?? .inProgress,
            endUser: json["end_user"]?.stringValue)
    }
}
