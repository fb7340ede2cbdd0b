import FaultlineChaos
import Testing

@Suite struct TokenBucketTests {
    @Test func fullBucketServesItsCapacityThenRefuses() {
        var bucket = TokenBucket(perMinute: 60, now: 0)
        var admitted = 0
        for _ in 0..<61 where bucket.take(1, at: 0) { admitted += 1 }
        #expect(admitted == 60)
        #expect(bucket.wait(for: 1) == 1)
    }

    @Test func refillsContinuouslyWithTime() {
        var bucket = TokenBucket(perMinute: 60, now: 0)
        for _ in 0..<60 { _ = bucket.take(1, at: 0) }
        let results = [bucket.take(1, at: 0.5), bucket.take(1, at: 1.0), bucket.take(1, at: 1.0)]
        #expect(results == [false, true, false])
        bucket.refill(at: 1000)
        #expect(bucket.tokens == 60)
    }

    @Test func timeGoingBackwardsAddsNothing() {
        var bucket = TokenBucket(perMinute: 60, now: 10)
        _ = bucket.take(30, at: 10)
        bucket.refill(at: 5)
        #expect(bucket.tokens == 30)
        #expect(bucket.secondsToFull == 30)
    }
}
