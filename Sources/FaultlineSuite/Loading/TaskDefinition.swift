import FaultlineWire

/// A provider-neutral request plus the shape its answer must have (`fixtures/tasks/*.yaml`).
public struct TaskDefinition: Sendable, Hashable {
    public var name: String
    public var file: String
    public var description: String?
    /// The request; its `model` is replaced by each provider's model when a chain runs it.
    public var request: ChatRequest
    public var shape: ExpectedShape

    public init(name: String, file: String, description: String? = nil, request: ChatRequest, shape: ExpectedShape) {
        self.name = name
        self.file = file
        self.description = description
        self.request = request
        self.shape = shape
    }
}
