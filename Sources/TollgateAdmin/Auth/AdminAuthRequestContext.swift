import Hummingbird

/// A request context that can hold the identity ``AdminAuthMiddleware`` establishes.
public protocol AdminAuthRequestContext: RequestContext {
    /// The authenticated caller; nil until the middleware has verified the token.
    var identity: AdminIdentity? { get set }
}

extension AdminRequestContext: AdminAuthRequestContext {}
