import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import Synchronization
import TollgateCore

/// The keys of a JWKS URL, fetched in the background and read by requests
/// without waiting: plugin state that outlives snapshots, so a configuration
/// change does not refetch them.
///
/// A reload runs at start, then every ``JWKSSchedule/refreshInterval`` (every
/// ``JWKSSchedule/retryInterval`` until one succeeds). A token with an unknown
/// `kid` is refused, and asks for an early reload, at most once per
/// ``JWKSSchedule/minimumRefetchInterval``. A failed reload keeps the last good keys.
final class JWKSKeyCache: RetirableState {
    /// The largest JWKS document read.
    static let maximumDocumentBytes = 1 << 20

    private struct State {
        var keys = JWKSKeySet.empty
        var loaded = false
        var lastFetch: ContinuousClock.Instant?
        var fetching = false
    }

    let url: String
    private let schedule: JWKSSchedule
    private let logger: Logger
    private let state = Mutex(State())
    private let reloader = Mutex<Task<Void, Never>?>(nil)

    /// Starts the background reloads.
    init(url: String, schedule: JWKSSchedule, logger: Logger) {
        self.url = url
        self.schedule = schedule
        self.logger = logger
        let task = Task { [weak self] in
            guard let self else { return }
            await self.reloadPeriodically()
        }
        reloader.withLock { $0 = task }
    }

    /// The key for a token's `kid`; nil asks for an early reload (rate-limited) and the token is refused.
    func entry(for keyID: String?) -> JWKSKeySet.Entry? {
        if let entry = state.withLock({ $0.keys.entry(for: keyID) }) { return entry }
        requestReload()
        return nil
    }

    /// Whether a key set was loaded at least once.
    var isLoaded: Bool { state.withLock { $0.loaded } }

    func retire() {
        reloader.withLock { $0?.cancel() }
    }

    private func reloadPeriodically() async {
        while !Task.isCancelled {
            await reload()
            let pause = isLoaded ? schedule.refreshInterval : schedule.retryInterval
            do { try await Task.sleep(for: pause) } catch { return }
        }
    }

    /// Starts a reload now unless one runs or the last began less than the floor ago.
    private func requestReload() {
        let start = state.withLock { state in
            let now = ContinuousClock.now
            guard !state.fetching, reloader.withLock({ $0?.isCancelled == false }),
                state.lastFetch.map({ now - $0 >= schedule.minimumRefetchInterval }) ?? true
            else { return false }
            state.fetching = true
            return true
        }
        if start { Task { await self.reload() } }
    }

    private func reload() async {
        state.withLock { state in
            state.fetching = true
            state.lastFetch = .now
        }
        let fetched = await fetch()
        state.withLock { state in
            state.fetching = false
            if let fetched {
                state.keys = fetched
                state.loaded = true
            }
        }
    }

    private func fetch() async -> JWKSKeySet? {
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await HTTPClient.shared.execute(request, timeout: schedule.requestTimeout)
            let body = try await response.body.collect(upTo: Self.maximumDocumentBytes)
            guard response.status == .ok else {
                logger.warning("JWKS fetch failed; keeping the previous keys", metadata: ["url": "\(url)", "status": "\(response.status.code)"])
                return nil
            }
            guard let (keys, skipped) = JWKSKeySet.read(try JSONCoding.parse(body.readableBytesView)) else {
                logger.warning("JWKS document has no 'keys' array; keeping the previous keys", metadata: ["url": "\(url)"])
                return nil
            }
            if !skipped.isEmpty {
                logger.warning("JWKS keys skipped", metadata: ["url": "\(url)", "reasons": "\(skipped.joined(separator: "; "))"])
            }
            return keys
        } catch {
            logger.warning("JWKS fetch failed; keeping the previous keys", metadata: ["url": "\(url)", "error": "\(error)"])
            return nil
        }
    }
}
