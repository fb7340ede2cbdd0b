/// "Did you mean …?" for error messages: the known name a mistyped one most likely meant.
/// One place for every loader (suites, chains, fault specs), so they suggest alike.
public enum TypoSuggestion {
    /// The candidate nearest `name` by edit distance (the first of equals), if at most
    /// `maxDistance` edits away; by default a typo's worth: 2 edits, or a third of the name.
    public static func closest(to name: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let limit = maxDistance ?? max(2, name.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(name, candidate)
            if distance <= limit, best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// "; did you mean `x`?" when a candidate is close, else "".
    public static func hint(for name: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String {
        closest(to: name, in: candidates, maxDistance: maxDistance).map { "; did you mean `\($0)`?" } ?? ""
    }

    /// Levenshtein distance over characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
