import FaultlineWire
import Foundation
import Yams

/// Reads a task file (`fixtures/tasks/*.yaml`):
///
/// ```yaml
/// task: weather-tool
/// request:
///   system: You are a weather assistant.
///   messages:
///     - user: What is the weather in Paris?
///   tools:
///     - name: get_weather
///       parameters: { type: object, properties: { city: { type: string } }, required: [city] }
///   tool_choice: get_weather        # auto | none | required | a tool name
///   response_format: text           # text | json | { json_schema: { name, schema } }
///   max_tokens: 256
///   stream: false
/// expect:
///   shape: tool_call                # text | tool_call | json
///   tool: get_weather               # tool_call: the tool (its parameters are the schema)
///   schema: { … }                   # json: the schema the answer must satisfy
/// ```
enum TaskLoader {
    static let taskKeys = ["task", "description", "request", "expect"]
    static let requestKeys = ["model", "system", "messages", "tools", "tool_choice", "response_format", "max_tokens", "temperature", "stream"]
    static let toolKeys = ["name", "description", "parameters"]
    static let expectKeys = ["shape", "tool", "schema"]

    static func load(file: String) -> (TaskDefinition?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: file) else {
            return (nil, [Diagnostic(file: file, message: "cannot read the task file")])
        }
        guard let text = String(data: data, encoding: .utf8) else { return (nil, [Diagnostic.notUTF8(file, data, what: "the task file")]) }
        var reader = YAMLReader(file: file)
        guard let root = reader.parse(text) else { return (nil, reader.diagnostics) }
        var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var description: String?
        var request = ChatRequest(model: "", messages: [])
        var shape = ExpectedShape.text
        var shapeNode: Node?
        var expectEntries: [String: Node] = [:]
        for entry in reader.mapping(root, context: "task", allowed: taskKeys) {
            switch entry.key {
            case "task": name = reader.string(entry.value, "task") ?? name
            case "description": description = reader.string(entry.value, "description")
            case "request": request = loadRequest(entry.value, reader: &reader)
            case "expect":
                shapeNode = entry.value
                for e in reader.mapping(entry.value, context: "expect", allowed: expectKeys) { expectEntries[e.key] = e.value }
            default: break
            }
        }
        if request.messages.isEmpty { reader.report(root, "task: expected `request.messages` with at least one message") }
        if let shapeNode {
            shape = loadShape(expectEntries, node: shapeNode, request: request, reader: &reader)
        } else {
            reader.report(root, "task: expected an `expect:` with a `shape:` (text, tool_call or json)")
        }
        guard reader.diagnostics.isEmpty else { return (nil, reader.diagnostics) }
        return (TaskDefinition(name: name, file: file, description: description, request: request, shape: shape), [])
    }

    private static func loadRequest(_ node: Node, reader: inout YAMLReader) -> ChatRequest {
        var request = ChatRequest(model: "", messages: [])
        for entry in reader.mapping(node, context: "request", allowed: requestKeys) {
            let value = entry.value
            switch entry.key {
            case "model": request.model = reader.string(value, "model") ?? ""
            case "system": request.system = reader.string(value, "system")
            case "messages":
                for message in reader.sequence(value, "messages") {
                    for m in reader.mapping(message, context: "messages[]", allowed: ["user", "assistant"]) {
                        guard let text = reader.string(m.value, m.key) else { continue }
                        request.messages.append(m.key == "user" ? .user(text) : .assistant(text))
                    }
                }
            case "tools":
                for toolNode in reader.sequence(value, "tools") {
                    var tool = Tool(name: "", parameters: ["type": "object"])
                    for t in reader.mapping(toolNode, context: "tools[]", allowed: toolKeys) {
                        switch t.key {
                        case "name": tool.name = reader.string(t.value, "tools[].name") ?? ""
                        case "description": tool.description = reader.string(t.value, "tools[].description")
                        default:
                            tool.parameters = reader.json(t.value)
                            do { _ = try JSONSchema(tool.parameters) } catch {
                                reader.report(t.value, "tools[].parameters: not a usable JSON Schema: \(error)")
                            }
                        }
                    }
                    if tool.name.isEmpty { reader.report(toolNode, "tools[]: expected a `name:`") }
                    request.tools.append(tool)
                }
            case "tool_choice":
                guard let text = reader.string(value, "tool_choice") else { continue }
                switch text {
                case "auto": request.toolChoice = .auto
                case "none": request.toolChoice = .none
                case "required": request.toolChoice = .required
                default: request.toolChoice = .tool(text)
                }
            case "response_format":
                if case .scalar = value {
                    switch reader.string(value, "response_format") {
                    case "text": request.responseFormat = .text
                    case "json": request.responseFormat = .json
                    case let other: reader.report(value, "response_format: expected text, json or { json_schema: … }, got `\(other ?? "")`")
                    }
                } else if let schemaNode = value.mapping?["json_schema"] {
                    let name = schemaNode.mapping?["name"]?.string ?? "answer"
                    guard let schema = schemaNode.mapping?["schema"] else {
                        reader.report(schemaNode, "response_format.json_schema: expected `schema:`")
                        continue
                    }
                    let json = reader.json(schema)
                    // The mock refuses what does not compile with a 400, so `check` refuses it first.
                    do { _ = try JSONSchema(json) } catch {
                        reader.report(schema, "response_format.json_schema.schema: not a usable JSON Schema: \(error)")
                    }
                    request.responseFormat = .jsonSchema(name: name, schema: json)
                } else {
                    reader.report(value, "response_format: expected text, json or { json_schema: { name, schema } }")
                }
            case "max_tokens": request.maxTokens = reader.int(value, "max_tokens", in: SuiteLimits.maxTokens)
            case "temperature": request.temperature = reader.double(value, "temperature", in: SuiteLimits.temperature)
            case "stream": request.stream = reader.bool(value, "stream") ?? false
            default: break
            }
        }
        if case .tool(let name) = request.toolChoice, !request.tools.contains(where: { $0.name == name }) {
            reader.report(node, "request.tool_choice: `\(name)` is not one of the tools (\(request.tools.map(\.name).joined(separator: ", ")))")
        }
        return request
    }

    private static func loadShape(_ entries: [String: Node], node: Node, request: ChatRequest, reader: inout YAMLReader) -> ExpectedShape {
        guard let shapeNode = entries["shape"], let kind = reader.string(shapeNode, "expect.shape") else {
            reader.report(node, "expect: expected `shape:` (text, tool_call or json)")
            return .text
        }
        var schema: JSONSchema?
        if let schemaNode = entries["schema"] {
            do { schema = try JSONSchema(reader.json(schemaNode)) } catch {
                reader.report(schemaNode, "expect.schema: not a usable JSON Schema: \(error)")
            }
        }
        switch kind {
        case "text": return .text
        case "json":
            if schema == nil, case .jsonSchema(_, let json) = request.responseFormat { schema = try? JSONSchema(json) }
            return .json(schema)
        case "tool_call":
            let name = entries["tool"].flatMap { reader.string($0, "expect.tool") }
            if let name, !request.tools.contains(where: { $0.name == name }) {
                reader.report(entries["tool"]!, "expect.tool: `\(name)` is not one of the request's tools")
            }
            if schema == nil, let tool = request.tools.first(where: { $0.name == name }) ?? request.tools.first {
                schema = try? JSONSchema(tool.parameters)
            }
            return .toolCall(name: name, arguments: schema)
        default:
            reader.report(shapeNode, "expect.shape: expected text, tool_call or json, got `\(kind)`")
            return .text
        }
    }
}
