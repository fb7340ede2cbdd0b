import NIOCore
import NIOPosix
import Testing

@testable import FaultlineChaos

struct ReadClockTests {
    /// Reads in one round of the loop share the first one's stamp; the next round takes its own.
    @Test func oneStampPerRoundOfTheLoop() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let clock = ReadClock(loop: loop)
        let (first, second) = try await loop.submit { () -> (NIODeadline, NIODeadline) in
            let first = clock.now()
            // Work between two reads of the same round does not move the stamp.
            let spin = NIODeadline.now() + .milliseconds(2)
            while NIODeadline.now() < spin {}
            return (first, clock.now())
        }.get()
        #expect(first == second)
        let next = try await loop.submit { clock.now() }.get()
        try await group.shutdownGracefully()
        #expect(next - first >= .milliseconds(2))
    }
}
