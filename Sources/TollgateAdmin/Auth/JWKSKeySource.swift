import JWTKit
import Logging

/// The keys published at a JWKS URL, cached.
///
/// A token whose `kid` is not cached makes the source refetch the set — at most once per
/// `minimumRefetchInterval`, so forged `kid`s cannot hammer the key server — which is how a
/// key published later (rotation) is picked up by the first token that uses it. Concurrent
/// callers share one fetch. ``JWKSRefresher`` also reloads the set periodically. A failed
/// fetch keeps the keys loaded before.
actor JWKSKeySource {
    private let client: JWKSClient
    private let minimumRefetchInterval: Duration
    private let logger: Logger
    private var keySet = VerificationKeySet(collections: [:])
    private var lastFetchStart: ContinuousClock.Instant?
    private var fetchInProgress: Task<Void, Never>?

    init(client: JWKSClient, minimumRefetchInterval: Duration, logger: Logger) {
        self.client = client
        self.minimumRefetchInterval = minimumRefetchInterval
        self.logger = logger
    }

    /// The keys verifying `algorithm` when the set has a key `kid`, refetching the set first
    /// when it has none and the refetch floor allows it; nil when the key stays unknown.
    func keys(for algorithm: JWSAlgorithm, kid: String) async -> JWTKeyCollection? {
        if !keySet.keyIdentifiers.contains(kid), mayRefetch {
            await refresh()
        }
        guard keySet.keyIdentifiers.contains(kid) else { return nil }
        return keySet.keys(for: algorithm)
    }

    /// Loads the set now, or waits for the fetch already under way.
    func refresh() async {
        if let fetchInProgress {
            return await fetchInProgress.value
        }
        lastFetchStart = .now
        let fetch = Task { await load() }
        fetchInProgress = fetch
        await fetch.value
        fetchInProgress = nil
    }

    /// Joining a fetch under way costs the key server nothing; starting one must respect the floor.
    private var mayRefetch: Bool {
        guard fetchInProgress == nil, let lastFetchStart else { return true }
        return lastFetchStart.duration(to: .now) >= minimumRefetchInterval
    }

    private func load() async {
        do {
            keySet = await .jwks(try await client.fetch(), logger: logger)
            logger.debug(
                "Loaded the admin JWKS",
                metadata: ["url": "\(client.url)", "kids": "\(keySet.keyIdentifiers.sorted())"])
        } catch {
            logger.warning(
                "Cannot load the admin JWKS; keeping the keys loaded before",
                metadata: ["url": "\(client.url)", "error": "\(error)"])
        }
    }
}
