extension ShapeFingerprint {
    /// What changed from `baseline` to `self`.
    ///
    /// `integer` and `number` count as one type here: a JSON number that happens to be
    /// whole (`"temperature": 1`) is not drift, and providers do not mark the difference.
    public func diff(from baseline: ShapeFingerprint) -> ShapeDiff {
        var diff = ShapeDiff()
        for path in paths.keys.sorted() {
            guard let before = baseline.paths[path] else {
                diff.added.append(path)
                continue
            }
            let after = paths[path, default: []]
            if Self.numbersMerged(before) != Self.numbersMerged(after) {
                diff.retyped.append(ShapeDiff.Retype(path: path, from: before, to: after))
            }
        }
        diff.removed = baseline.paths.keys.filter { paths[$0] == nil }.sorted()
        return diff
    }

    private static func numbersMerged(_ types: Set<String>) -> Set<String> {
        types.contains("integer") ? types.subtracting(["integer"]).union(["number"]) : types
    }
}
