import NIOCore

/// When the event loop woke to read: one timestamp shared by every request it reads in
/// that round. A loop handed a wave of requests (many connections ready at once) reads
/// and plans them one after another; stamping each as it is reached would start the last
/// one's injected latency late by the whole wave. Every request read in the round was
/// already in the socket when the first was read, so its timeline never starts early.
///
/// One per event loop, used only on it; the stamp is forgotten by a task that runs once
/// the loop has finished the round's reads.
struct ReadClock: Sendable {
    private let stamp: NIOLoopBoundBox<NIODeadline?>

    init(loop: any EventLoop) {
        stamp = .makeEmptyBox(valueType: NIODeadline.self, eventLoop: loop)
    }

    /// The round's timestamp, taken now if this is its first read.
    func now() -> NIODeadline {
        if let stamp = stamp.value { return stamp }
        let now = NIODeadline.now()
        stamp.value = now
        stamp.eventLoop.assumeIsolated().execute { [stamp] in stamp.value = nil }
        return now
    }
}
