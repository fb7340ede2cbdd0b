import FaultlineWire

/// `drift(drop=path)`, `drift(rename=path:new)`, `drift(retype=path)`, `drift(add=path)`:
/// the encoded body changes shape at `path` (each stream frame's JSON where the path
/// exists). Imitates a provider shipping a new API version under the same URL, the
/// silent schema changes SDKs let through (they construct models without validation).
public struct Drift: Fault {
    public static let name = "drift"
    public static let parameters: [String] = ["drop", "rename", "retype", "add"]
    public static let stage = FaultStage.body
    /// Each `drop`, `rename`, `retype`, `add` is one more change.
    public static let repeatableParameters: [String] = parameters

    public enum Change: Sendable, Hashable {
        case drop(DriftPath)
        case rename(DriftPath, to: String)
        case retype(DriftPath)
        case add(DriftPath)
    }

    public var changes: [Change]

    public init(_ arguments: FaultArguments) throws(FaultSpecError) {
        var changes: [Change] = []
        for (key, value) in arguments.spec.parameters {
            switch key {
            case "drop": changes.append(.drop(try DriftPath(parsing: value)))
            case "retype": changes.append(.retype(try DriftPath(parsing: value)))
            case "add": changes.append(.add(try DriftPath(parsing: value)))
            case "rename":
                guard let colon = value.lastIndex(of: ":"), !value[value.index(after: colon)...].isEmpty else {
                    throw FaultSpecError("drift: `rename` must be PATH:NEW_NAME, e.g. rename=usage:token_usage, got `\(value)`")
                }
                changes.append(.rename(try DriftPath(parsing: String(value[..<colon])), to: String(value[value.index(after: colon)...])))
            default: continue
            }
        }
        guard !changes.isEmpty else {
            throw FaultSpecError("drift: give one of drop=PATH, rename=PATH:NEW, retype=PATH, add=PATH, e.g. drift(drop=usage)")
        }
        self.changes = changes
    }

    public func apply(to draft: inout ResponseDraft, random: inout SeededRandom) {
        guard !draft.isError else { return }
        draft.editJSON { json in
            for change in changes { Self.apply(change, to: &json) }
        }
    }

    static func apply(_ change: Change, to json: inout JSONValue) {
        switch change {
        case .drop(let path):
            path.remove(from: &json)
        case .retype(let path):
            path.transform(&json, retyped)
        case .rename(let path, let newName):
            path.editParents(of: &json) { container, last in
                guard case .key(let key) = last, case .object(var object) = container,
                    let at = object.fields.firstIndex(where: { $0.key == key })
                else { return }
                object.fields[at].key = newName
                container = .object(object)
            }
        case .add(let path):
            path.editParents(of: &json) { container, last in
                if case .object(var inner)? = DriftPath.child(container, last) {
                    inner.fields.append((key: "x_faultline_drift", value: .bool(true)))
                    DriftPath.replace(in: &container, last) { _ in .object(inner) }
                } else if case .key(let key) = last, case .object(var object) = container {
                    object.fields.append((key: key, value: .string("faultline-drift")))
                    container = .object(object)
                }
            }
        }
    }

    /// The same information in another JSON type: what a careless API revision does.
    static func retyped(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null: .string("null")
        case .bool(let b): .string(b ? "true" : "false")
        case .number(let n): .string(n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n))
        case .string(let s): Double(s).map(JSONValue.number) ?? .array([.string(s)])
        case .array(let a): .object(JSONObject(a.enumerated().map { (key: String($0.offset), value: $0.element) }))
        case .object(let o): .array(o.fields.map(\.value))
        }
    }
}
