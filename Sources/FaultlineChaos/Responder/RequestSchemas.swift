import FaultlineWire

/// The JSON Schemas a request carries (tool parameters, a structured-output format), checked
/// before the mock samples an answer from them. A schema that does not compile (a negative or
/// non-numeric count, `minItems` above `maxItems`, an unknown type) is the provider's 400
/// `invalid_request_error`, worded like OpenAI's "Invalid schema for function 'x': …".
/// Bounds that only make the answer large are not refused: the sampler clamps them.
enum RequestSchemas {
    /// The first problem, as the detail of a 400; nil when every schema compiles.
    static func problem(in request: ChatRequest) -> String? {
        for tool in request.tools {
            do throws(SchemaError) {
                _ = try JSONSchema(tool.parameters)
            } catch {
                return "Invalid schema for function '\(tool.name)': \(error.description)"
            }
        }
        if case .jsonSchema(let name, let schema) = request.responseFormat {
            do throws(SchemaError) {
                _ = try JSONSchema(schema)
            } catch {
                return "Invalid schema for response_format '\(name)': \(error.description)"
            }
        }
        return nil
    }
}
