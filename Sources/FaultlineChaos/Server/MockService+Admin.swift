import FaultlineWire

/// The admin API under `/_faultline/`: health, journal, faults, reset and verdicts, as
/// JSON with fields in a fixed order. Its requests are not journaled, so reading the
/// journal or the verdicts never changes them.
extension MockService {
    func admin(_ endpoint: MockRoute.AdminEndpoint, method: String, uri: String, body: [UInt8]) -> WireResponse {
        switch (endpoint, method) {
        case (.health, "GET"):
            return Self.json(200, [
                ("status", "ok"), ("uptime", .number(rounded(elapsed()))),
                ("providers", .array(providers.sorted().map(JSONValue.string))),
            ])
        case (.journal, "GET"):
            // `since` and `limit` let a poller page through a long run without one huge answer.
            let query = WireRequest(path: uri)
            let since = query.query("since").flatMap { Int($0) } ?? 0
            let limit = query.query("limit").flatMap { Int($0) }.map { max(0, $0) } ?? Int.max
            let entries = journal.entries.lazy.filter { $0.id > since }.prefix(limit)
            return Self.json(200, [("dropped", .number(Double(journal.dropped))), ("entries", .array(entries.map(\.json)))])
        case (.faults, "GET"):
            return Self.json(200, [("faults", faultsJSON())])
        case (.faults, "PUT"), (.faults, "POST"):
            return setFaults(body)
        case (.reset, "POST"):
            responder.reset()
            journal.clear()
            return Self.json(200, [("status", "ok")])
        case (.verdicts, "GET"):
            let verdicts = Verdicts.evaluate(journal.entries, policy: configuration.verdictPolicy, now: elapsed())
            let counts = Verdicts.counts(verdicts).map { (key: $0.name.rawValue, value: JSONValue.number(Double($0.count))) }
            return Self.json(200, [("counts", .object(JSONObject(counts))), ("verdicts", .array(verdicts.map(\.json)))])
        case (.unknown, _):
            return Self.error(404, "unknown admin endpoint \(uri.prefix { $0 != "?" }); expected /_faultline/health, journal, faults, reset or verdicts")
        default:
            return Self.error(405, "\(method) is not allowed on \(uri.prefix { $0 != "?" })")
        }
    }

    /// The answer to an admin request whose body is over `max_body_bytes`: the limit and
    /// status of the provider routes (their 413), in the admin API's error form.
    func adminTooLarge() -> WireResponse {
        Self.error(413, "Request body too large: the limit is \(configuration.maxBodyBytes) bytes.")
    }

    /// `PUT /_faultline/faults` with `{"provider": "name" | null, "faults": ["throttle(retry_after=2)", …]}`.
    private func setFaults(_ body: [UInt8]) -> WireResponse {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: body)
        } catch {
            return Self.error(400, "body is not JSON (\(error)); expected {\"provider\": null, \"faults\": [\"throttle(retry_after=2)\"]}")
        }
        var provider: String?
        switch json["provider"] {
        case nil, .null?: provider = nil
        case .string(let name)?:
            guard providers.contains(name) else {
                return Self.error(400, "unknown provider `\(name)`; known: \(providers.sorted().joined(separator: ", "))")
            }
            provider = name
        default:
            return Self.error(400, "`provider` must be a provider name or null")
        }
        guard let texts = json["faults"]?.arrayValue else {
            return Self.error(400, "missing `faults`: a list of fault texts such as \"throttle(retry_after=2)\"")
        }
        var faults: [FaultSpec] = []
        for text in texts {
            guard let text = text.stringValue else { return Self.error(400, "`faults` must hold strings") }
            do {
                faults += try FaultSpec.parseList(text)
            } catch {
                return Self.error(400, error.description)
            }
        }
        responder.setFaults(faults, provider: provider)
        return Self.json(200, [("faults", faultsJSON())])
    }

    private func faultsJSON() -> JSONValue {
        let current = responder.currentFaults()
        return .object(JSONObject(current.keys.sorted().map { name in
            (key: name, value: JSONValue.array((current[name] ?? []).map { .string($0.description) }))
        }))
    }

    private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    static func json(_ status: Int, _ fields: [(key: String, value: JSONValue)]) -> WireResponse {
        WireResponse(status: status, headers: ["content-type": "application/json"], body: JSONValue.object(JSONObject(fields)).bytes)
    }

    static func error(_ status: Int, _ message: String) -> WireResponse {
        json(status, [("error", .object(JSONObject([("message", .string(message))])))])
    }
}
