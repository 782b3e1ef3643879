import NIOCore
import Testing
import TollgateCore

@testable import TollgateProxy

@Suite("RateLimiter")
struct RateLimiterTests {
    private typealias F = RateLimitFixtures

    @Test("N concurrent requests against a limit of L admit exactly L", arguments: RateLimitWindows.Algorithm.allCases)
    func exactUnderConcurrency(algorithm: RateLimitWindows.Algorithm) async {
        let limiter = RateLimiter()
        let policy = F.policy([.second: 700, .hour: 700], algorithm)
        let admitted = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<32 {
                group.addTask { F.admitted(100, limiter, key: "tenant", policy: policy, at: F.at(0.5)) }
            }
            return await group.reduce(0, +)
        }
        #expect(admitted == 700)
        #expect(limiter.count == 1)
    }

    @Test("concurrent keys in many shards are each limited exactly")
    func exactPerKeyUnderConcurrency() async {
        let limiter = RateLimiter()
        let policy = F.policy([.minute: 10], .slidingWindow)
        let perKey = await withTaskGroup(of: [Int].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).map { key in F.admitted(3, limiter, key: "key-\(key)", policy: policy, at: F.at(1)) }
                }
            }
            return await group.reduce(into: Array(repeating: 0, count: 200)) { total, counts in
                for (key, count) in counts.enumerated() { total[key] += count }
            }
        }
        #expect(perKey == Array(repeating: 10, count: 200))
    }

    @Test("a count given back frees its place, once, in every window", arguments: RateLimitWindows.Algorithm.allCases)
    func giveBack(algorithm: RateLimitWindows.Algorithm) {
        let limiter = RateLimiter()
        let policy = F.policy([.second: 3, .minute: 3], algorithm)
        #expect(F.admitted(4, limiter, policy: policy, at: F.at(0.1)) == 3)
        limiter.giveBack("client", policy: policy, admittedAt: F.at(0.1))
        #expect(F.admitted(2, limiter, policy: policy, at: F.at(0.2)) == 1)
        limiter.giveBack("unknown", policy: policy, admittedAt: F.at(0.2))
        #expect(limiter.count == 1, "giving back for a key without a counter creates none")
    }

    @Test("a count given back after its interval has gone by changes nothing", arguments: [
        RateLimitWindows.Algorithm.fixedWindow, .slidingWindow,
    ])
    func giveBackTooLate(algorithm: RateLimitWindows.Algorithm) {
        let limiter = RateLimiter()
        let policy = F.policy([.second: 2], algorithm)
        #expect(F.admitted(2, limiter, policy: policy, at: F.at(0.5)) == 2)
        #expect(F.admitted(2, limiter, policy: policy, at: F.at(3.5)) == 2)
        limiter.giveBack("client", policy: policy, admittedAt: F.at(0.5))
        #expect(F.admitted(1, limiter, policy: policy, at: F.at(3.6)) == 0)
    }

    @Test("one million distinct keys stay within the cap, and a key in use keeps its count")
    func memoryBound() {
        let limiter = RateLimiter(shardCount: 64, capacityPerShard: 16)
        let policy = F.policy([.day: 3], .slidingWindow)
        var hotAdmitted = 0
        for index in 0..<1_000_000 {
            _ = limiter.admit("tenant-\(index)", policy: policy, now: F.at(1))
            if index % 50 == 0, limiter.admit("hot", policy: policy, now: F.at(1)).allowed { hotAdmitted += 1 }
            if index % 65_536 == 0 { #expect(limiter.count <= limiter.capacity) }
        }
        #expect(limiter.capacity == 1024)
        #expect(limiter.count <= 1024)
        #expect(hotAdmitted == 3)
    }

    @Test("keys idle past their longest window expire", arguments: [
        (RateLimitWindows.Algorithm.fixedWindow, 60.0), (.slidingWindow, 120.0), (.tokenBucket, 20.0),
    ])
    func expiry(algorithm: RateLimitWindows.Algorithm, idle: Double) {
        let limiter = RateLimiter(shardCount: 4, capacityPerShard: 64)
        let policy = F.policy([.second: 2, .minute: 6], algorithm)
        for key in 0..<40 { _ = limiter.admit("key-\(key)", policy: policy, now: F.at(0)) }
        limiter.sweep(now: F.at(idle - 0.5))
        #expect(limiter.count == 40)
        limiter.sweep(now: F.at(idle + 0.001))
        #expect(limiter.count == 0)
    }

    @Test("an expired key is swept by the next request in its shard, without an explicit sweep")
    func expiryOnUse() {
        let limiter = RateLimiter(shardCount: 1, capacityPerShard: 64)
        let policy = F.policy([.minute: 6], .fixedWindow)
        for key in 0..<10 { _ = limiter.admit("key-\(key)", policy: policy, now: F.at(0)) }
        _ = limiter.admit("late", policy: policy, now: F.at(61))
        #expect(limiter.count == 1)
    }
}
