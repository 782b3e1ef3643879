import NIOCore
import Synchronization

/// Counters for one kind of limit (a `rate-limiting` plugin instance, or the tenant
/// limits), keyed by what is limited: exact under concurrency and bounded in memory.
///
/// Keys are spread by hash over independent shards, each behind its own lock, so
/// that event loops limiting different keys rarely wait for each other; a key's
/// decision and count happen under its shard's lock, so N concurrent requests
/// against a limit of L admit exactly L. Each shard holds at most
/// `capacityPerShard` keys (see ``RateLimitShard`` for expiry and eviction).
///
/// The policy is passed with each request, so a configuration change that edits a
/// limit keeps the counts. So is the time (the monotonic clock in production, e.g.
/// the request's arrival), which makes the algorithms testable without sleeping.
public final class RateLimiter: Sendable {
    private final class Shard: Sendable {
        let state: Mutex<RateLimitShard>

        init(capacity: Int) {
            state = Mutex(RateLimitShard(capacity: capacity))
        }
    }

    /// The default number of shards.
    public static let defaultShardCount = 64
    /// The default number of keys per shard (65,536 keys in all by default).
    public static let defaultCapacityPerShard = 1024

    private let shards: [Shard]
    private let mask: Int
    /// Seeds the shard hash, so that no one can choose keys that all land in one shard.
    private let seed = UInt32.random(in: .min ... .max)
    private let capacityPerShard: Int

    /// - Parameters:
    ///   - shardCount: Independent shards, rounded up to a power of two.
    ///   - capacityPerShard: The most keys a shard holds.
    public init(shardCount: Int = defaultShardCount, capacityPerShard: Int = defaultCapacityPerShard) {
        let count = max(1, shardCount).nextPowerOfTwo
        shards = (0..<count).map { _ in Shard(capacity: capacityPerShard) }
        mask = count - 1
        self.capacityPerShard = capacityPerShard
    }

    /// The most keys held at once.
    public var capacity: Int { shards.count * capacityPerShard }

    /// How many keys have a counter now.
    public var count: Int { shards.reduce(0) { total, shard in total + shard.state.withLock { $0.count } } }

    /// Decides whether a request for `key` is within `policy` at `now`; counts it if so.
    public func admit(_ key: String, policy: RateLimitPolicy, now: NIODeadline) -> RateLimitDecision {
        shard(for: key).state.withLock { $0.admit(key, policy: policy, now: now.uptimeNanoseconds) }
    }

    /// Gives back the count of a request ``admit(_:policy:now:)`` admitted for `key`
    /// at `admittedAt` that was then not served (another limit refused it), so that it
    /// does not use up this limit.
    public func giveBack(_ key: String, policy: RateLimitPolicy, admittedAt: NIODeadline) {
        shard(for: key).state.withLock { $0.giveBack(key, policy: policy, admittedAt: admittedAt.uptimeNanoseconds) }
    }

    /// Drops, in every shard, the counters of keys idle past their longest window.
    ///
    /// Requests already do this for their own shard, at most once a second; this
    /// reclaims the memory of every shard at once.
    public func sweep(now: NIODeadline) {
        for shard in shards {
            shard.state.withLock { $0.sweep(now: now.uptimeNanoseconds) }
        }
    }

    private func shard(for key: String) -> Shard {
        shards[Int(XXHash32.hash(key.utf8, seed: seed)) & mask]
    }
}

extension Int {
    /// The smallest power of two not below `self` (for a positive value).
    fileprivate var nextPowerOfTwo: Int {
        self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount)
    }
}
