import FaultlineWire

/// The model lists the mock answers at each provider's list endpoint, built once at start:
/// a few current model names per dialect plus every model named by a loaded fixture.
struct ModelCatalog: Sendable {
    let openAIBody: [UInt8]
    let anthropicBody: [UInt8]
    let geminiBody: [UInt8]

    static let defaults: [DialectID: [String]] = [
        .openAIChat: ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3-mini"],
        .anthropicMessages: ["claude-opus-4-1", "claude-sonnet-4-5", "claude-haiku-4-5"],
        .gemini: ["gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.0-flash"],
    ]

    init(fixtures: [Fixture]) {
        var names = Self.defaults
        for fixture in fixtures {
            guard let model = Self.model(of: fixture), !(names[fixture.dialect]?.contains(model) ?? false) else { continue }
            names[fixture.dialect, default: []].append(model)
        }
        // A fixed `created` keeps the list byte-for-byte reproducible.
        let created = 1_715_367_049
        openAIBody = JSONValue.object([
            "object": "list",
            "data": .array((names[.openAIChat] ?? []).map {
                ["id": .string($0), "object": "model", "created": .number(Double(created)), "owned_by": "system"]
            }),
        ]).bytes
        let anthropic = names[.anthropicMessages] ?? []
        anthropicBody = JSONValue.object([
            "data": .array(anthropic.map {
                ["type": "model", "id": .string($0), "display_name": .string($0), "created_at": "2025-09-29T00:00:00Z"]
            }),
            "has_more": false,
            "first_id": anthropic.first.map(JSONValue.string) ?? .null,
            "last_id": anthropic.last.map(JSONValue.string) ?? .null,
        ]).bytes
        geminiBody = JSONValue.object([
            "models": .array((names[.gemini] ?? []).map {
                [
                    "name": .string("models/" + $0), "version": "001", "displayName": .string($0),
                    "supportedGenerationMethods": ["generateContent", "countTokens"],
                ]
            })
        ]).bytes
    }

    func body(for dialect: DialectID) -> [UInt8] {
        switch dialect {
        case .openAIChat: openAIBody
        case .anthropicMessages: anthropicBody
        case .gemini: geminiBody
        }
    }

    /// The model a fixture's request names: the body's `model`, or Gemini's path segment.
    static func model(of fixture: Fixture) -> String? {
        if fixture.dialect == .gemini {
            let path = fixture.request.pathOnly
            guard let models = path.firstRange(of: "/models/") else { return nil }
            return String(path[models.upperBound...].prefix { $0 != ":" })
        }
        return (try? JSONValue(parsing: fixture.request.body))?["model"]?.stringValue
    }
}
