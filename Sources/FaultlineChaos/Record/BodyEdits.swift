/// Replacements in a body that was cut into pieces on the wire: applies them and moves
/// each piece boundary with them, so a redacted stream keeps its recorded chunking (a
/// boundary inside a replaced run moves to the run's end).
struct BodyEdits {
    /// Non-overlapping byte ranges of the original body and what replaces each.
    var edits: [(range: Range<Int>, replacement: [UInt8])] = []

    var isEmpty: Bool { edits.isEmpty }

    /// Merges `ranges` (any order, overlapping allowed) into edits that each write `placeholder`.
    init(ranges: [Range<Int>], placeholder: [UInt8]) {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        edits = merged.map { ($0, placeholder) }
    }

    init(edits: [(range: Range<Int>, replacement: [UInt8])]) {
        self.edits = edits.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The edited body and the piece sizes that cut it where the originals cut the original.
    func apply(to body: [UInt8], pieces: [Int]) -> (body: [UInt8], pieces: [Int]) {
        guard !edits.isEmpty else { return (body, pieces) }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var cursor = 0
        for edit in edits {
            out.append(contentsOf: body[cursor..<edit.range.lowerBound])
            out.append(contentsOf: edit.replacement)
            cursor = edit.range.upperBound
        }
        out.append(contentsOf: body[cursor...])
        guard !pieces.isEmpty else { return (out, []) }
        var boundaries: [Int] = []
        var offset = 0
        for size in pieces.dropLast() {
            offset += size
            boundaries.append(map(offset))
        }
        var sizes: [Int] = []
        var previous = 0
        for boundary in boundaries {
            sizes.append(boundary - previous)
            previous = boundary
        }
        sizes.append(out.count - previous)
        return (out, sizes)
    }

    /// Where original offset `offset` lands in the edited body.
    private func map(_ offset: Int) -> Int {
        var shift = 0
        for edit in edits {
            if offset <= edit.range.lowerBound { break }
            if offset < edit.range.upperBound { return edit.range.lowerBound + shift + edit.replacement.count }
            shift += edit.replacement.count - edit.range.count
        }
        return offset + shift
    }
}
