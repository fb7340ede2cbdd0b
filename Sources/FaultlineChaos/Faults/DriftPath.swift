import FaultlineWire

/// A path into a JSON body as written in `drift(drop=choices[0].message.content)`:
/// keys joined by `.`, `[n]` indexes, `[*]` for every element; a leading `$.` is optional.
public struct DriftPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
        case every
    }

    public var components: [Component]

    public init(parsing text: String, fault: String = "drift") throws(FaultSpecError) {
        var rest = Substring(text)
        if rest.hasPrefix("$") { rest = rest.dropFirst() }
        if rest.hasPrefix(".") { rest = rest.dropFirst() }
        var components: [Component] = []
        var key = ""
        var index = rest.startIndex
        func flush() { if !key.isEmpty { components.append(.key(key)); key = "" } }
        /// `a..b`, `a.`, `a.[0]`: a dot must be followed by a key, or the path silently means another one.
        func emptySegment() -> FaultSpecError {
            FaultSpecError("\(fault): path `\(text)` has an empty segment; write keys between dots, e.g. choices[0].message.content")
        }
        if rest.hasPrefix(".") { throw emptySegment() }
        while index < rest.endIndex {
            let character = rest[index]
            if character == "." {
                let next = rest.index(after: index)
                guard next < rest.endIndex, rest[next] != ".", rest[next] != "[" else { throw emptySegment() }
                flush()
            } else if character == "[" {
                flush()
                guard let close = rest[index...].firstIndex(of: "]") else {
                    throw FaultSpecError("\(fault): path `\(text)` has `[` without `]`")
                }
                let inside = rest[rest.index(after: index)..<close]
                if inside == "*" {
                    components.append(.every)
                } else if let n = Int(inside), n >= 0 {
                    components.append(.index(n))
                } else {
                    throw FaultSpecError("\(fault): path `\(text)`: `[\(inside)]` must be an index like [0] or [*]")
                }
                index = close
            } else {
                key.append(character)
            }
            index = rest.index(after: index)
        }
        flush()
        guard !components.isEmpty else {
            throw FaultSpecError("\(fault): path `\(text)` is empty; write e.g. choices[0].message.content or $.usage")
        }
        self.components = components
    }

    public init(_ components: [Component]) { self.components = components }

    public var description: String {
        components.reduce("$") { text, component in
            switch component {
            case .key(let key): text + "." + key
            case .index(let n): text + "[\(n)]"
            case .every: text + "[*]"
            }
        }
    }

    /// Calls `body` with every container holding the path's last component, wherever
    /// the path exists up to it.
    public func editParents(of root: inout JSONValue, _ body: (inout JSONValue, Component) -> Void) {
        guard let last = components.last else { return }
        Self.walk(components.dropLast()[...], &root) { body(&$0, last) }
    }

    private static func walk(_ rest: ArraySlice<Component>, _ value: inout JSONValue, _ body: (inout JSONValue) -> Void) {
        guard let head = rest.first else { return body(&value) }
        let tail = rest.dropFirst()
        switch (head, value) {
        case (.key(let key), .object(var object)):
            guard let at = object.fields.firstIndex(where: { $0.key == key }) else { return }
            value = .null
            walk(tail, &object.fields[at].value, body)
            value = .object(object)
        case (.index(let n), .array(var array)) where array.indices.contains(n):
            value = .null
            walk(tail, &array[n], body)
            value = .array(array)
        case (.every, .array(var array)):
            value = .null
            for i in array.indices { walk(tail, &array[i], body) }
            value = .array(array)
        default:
            return
        }
    }

    /// The value at `component` in `container`, if present.
    public static func child(_ container: JSONValue, _ component: Component) -> JSONValue? {
        switch component {
        case .key(let key): container[key]
        case .index(let n): container[n]
        case .every: nil
        }
    }

    /// Replaces the value at `component` when present (every element for `[*]`).
    public static func replace(in container: inout JSONValue, _ component: Component, _ transform: (JSONValue) -> JSONValue) {
        switch (component, container) {
        case (.key(let key), .object(var object)):
            guard let at = object.fields.firstIndex(where: { $0.key == key }) else { return }
            object.fields[at].value = transform(object.fields[at].value)
            container = .object(object)
        case (.index(let n), .array(var array)) where array.indices.contains(n):
            array[n] = transform(array[n])
            container = .array(array)
        case (.every, .array(let array)):
            container = .array(array.map(transform))
        default:
            return
        }
    }

    /// Removes the value at `component` (every element for `[*]`).
    public static func remove(in container: inout JSONValue, _ component: Component) {
        switch (component, container) {
        case (.key(let key), .object(var object)):
            object.fields.removeAll { $0.key == key }
            container = .object(object)
        case (.index(let n), .array(var array)) where array.indices.contains(n):
            array.remove(at: n)
            container = .array(array)
        case (.every, .array):
            container = .array([])
        default:
            return
        }
    }

    // MARK: Whole-path operations

    /// Sets the value at the path where the path exists.
    public func set(_ newValue: JSONValue, in root: inout JSONValue) {
        editParents(of: &root) { container, last in Self.replace(in: &container, last) { _ in newValue } }
    }

    public func remove(from root: inout JSONValue) {
        editParents(of: &root) { container, last in Self.remove(in: &container, last) }
    }

    public func transform(_ root: inout JSONValue, _ transform: (JSONValue) -> JSONValue) {
        editParents(of: &root) { container, last in Self.replace(in: &container, last, transform) }
    }
}
