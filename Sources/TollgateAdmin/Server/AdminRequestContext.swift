import Hummingbird
import Logging
import Synchronization

/// The authenticated caller of a management endpoint.
public struct AdminIdentity: Sendable, Hashable {
    /// The token's `sub` claim, when it has one; logged with each request.
    public var subject: String?

    public init(subject: String?) {
        self.subject = subject
    }
}

/// The request context of the management API: Hummingbird's core storage plus
/// the identity the auth middleware established (a typed field, not a dictionary entry).
public struct AdminRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Shared by every copy of this context, so the request log (outermost)
    /// sees the identity that the auth middleware (inner) established.
    private let session = Session()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// Set by the auth middleware once the bearer token is verified.
    public var identity: AdminIdentity? {
        get { session.identity.withLock { $0 } }
        nonmutating set { session.identity.withLock { $0 = newValue } }
    }

    /// Bodies over 1 MiB are refused with 413.
    public var maxUploadSize: Int { AdminLimits.maxBodyBytes }

    private final class Session: Sendable {
        let identity = Mutex<AdminIdentity?>(nil)
    }
}

/// Limits of the management API.
public enum AdminLimits {
    /// The largest request body accepted (1 MiB).
    public static let maxBodyBytes = 1 << 20
}
