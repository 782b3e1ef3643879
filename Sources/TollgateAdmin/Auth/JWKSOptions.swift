/// How a JWKS is fetched and kept fresh.
public struct JWKSOptions: Sendable {
    /// How often the refresher reloads the key set in the background.
    public var refreshInterval: Duration
    /// The floor between two fetches caused by tokens with an unknown `kid`, so that
    /// forged `kid`s cannot make Tollgate hammer the key server.
    public var minimumRefetchInterval: Duration
    /// The time one fetch may take, connection included.
    public var requestTimeout: Duration

    /// - Parameters:
    ///   - refreshInterval: Background reload period (default 5 minutes).
    ///   - minimumRefetchInterval: Floor between unknown-`kid` refetches (default 10 seconds).
    ///   - requestTimeout: Time limit of one fetch (default 5 seconds).
    public init(
        refreshInterval: Duration = .seconds(300), minimumRefetchInterval: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(5)
    ) {
        self.refreshInterval = refreshInterval
        self.minimumRefetchInterval = minimumRefetchInterval
        self.requestTimeout = requestTimeout
    }

    /// Checks that every duration is usable.
    func validate() throws(AdminAuthConfigurationError) {
        guard refreshInterval > .zero else {
            throw .invalidDuration(setting: "JWKS refresh interval", allowsZero: false)
        }
        guard requestTimeout > .zero else { throw .invalidDuration(setting: "JWKS request timeout", allowsZero: false) }
        guard minimumRefetchInterval >= .zero else {
            throw .invalidDuration(setting: "JWKS minimum refetch interval", allowsZero: true)
        }
    }
}
