extension Fixture {
    /// Where a fixture came from (`case.json` `provenance`), so a fixture composed by hand
    /// from SDK sources is never mistaken for a capture of the provider.
    public enum Provenance: Sendable, Hashable {
        /// Captured on the wire by `faultline record` (or a canary's `--record`).
        case recorded(Recording)
        /// Written by hand: `sources` names each SDK file or document it was composed from
        /// (`repository : path`, as `reference/provider-wire.md` cites them).
        case composed(sources: [String], note: String?)

        /// The `provenance` object of `case.json`, keys in a fixed order.
        public var json: JSONValue {
            switch self {
            case .recorded(let recording):
                var object: JSONObject = ["kind": "recorded", "recordedAt": .string(recording.recordedAt), "upstream": .string(recording.upstream)]
                object["client"] = recording.client.map { JSONValue.string($0) }
                object["faultline"] = .string(recording.faultlineVersion)
                return .object(object)
            case .composed(let sources, let note):
                var object: JSONObject = ["kind": "composed", "sources": .array(sources.map { JSONValue.string($0) })]
                object["note"] = note.map { JSONValue.string($0) }
                return .object(object)
            }
        }

        /// Reads the `provenance` object; the message names the field that is wrong.
        public init(json: JSONValue) throws(FixtureError) {
            func fail(_ message: String) -> FixtureError { FixtureError(file: "", message: "provenance: \(message)") }
            switch json["kind"]?.stringValue {
            case "recorded":
                guard let at = json["recordedAt"]?.stringValue, let upstream = json["upstream"]?.stringValue,
                    let version = json["faultline"]?.stringValue
                else { throw fail("a recorded fixture needs string `recordedAt`, `upstream` and `faultline`") }
                self = .recorded(Recording(recordedAt: at, upstream: upstream, client: json["client"]?.stringValue, faultlineVersion: version))
            case "composed":
                guard let list = json["sources"]?.arrayValue, !list.isEmpty else {
                    throw fail("a composed fixture needs `sources`: the SDK files or documents it was written from")
                }
                let sources = list.compactMap(\.stringValue)
                guard sources.count == list.count else { throw fail("`sources` must hold strings") }
                self = .composed(sources: sources, note: json["note"]?.stringValue)
            default:
                throw fail("`kind` must be `recorded` or `composed`")
            }
        }
    }

    /// One capture's provenance: when, from which upstream host, by which client, by which Faultline.
    public struct Recording: Sendable, Hashable {
        /// ISO 8601 UTC, e.g. `2026-12-03T17:40:00Z` (`SOURCE_DATE_EPOCH` when set).
        public var recordedAt: String
        /// The upstream host (and port when not the scheme's default); never a key or a path.
        public var upstream: String
        /// The client's `user-agent`, if it sent one.
        public var client: String?
        public var faultlineVersion: String

        public init(recordedAt: String, upstream: String, client: String?, faultlineVersion: String) {
            self.recordedAt = recordedAt
            self.upstream = upstream
            self.client = client
            self.faultlineVersion = faultlineVersion
        }
    }
}
