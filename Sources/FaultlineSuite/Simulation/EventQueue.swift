/// A min-heap of timed events for the discrete-event loop. Ties break by insertion
/// order, so a seeded simulation replays identically.
struct EventQueue<Payload> {
    private var heap: [(time: Double, sequence: Int, payload: Payload)] = []
    private var sequence = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    mutating func push(_ payload: Payload, at time: Double) {
        heap.append((time, sequence, payload))
        sequence += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (time: Double, payload: Payload)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count, Self.precedes(heap[left], heap[first]) { first = left }
            if right < heap.count, Self.precedes(heap[right], heap[first]) { first = right }
            if first == parent { break }
            heap.swapAt(parent, first)
            parent = first
        }
        return (top.time, top.payload)
    }

    private static func precedes(_ a: (time: Double, sequence: Int, payload: Payload), _ b: (time: Double, sequence: Int, payload: Payload)) -> Bool {
        a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
}
