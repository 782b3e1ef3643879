import NIOCore
import NIOPosix

/// How the proxy reaches upstreams: its event loops, the trust that verifies https
/// upstreams and its cached resolver. Traffic the gateway sends on its own behalf to
/// an upstream or a URL of the configuration (mirror copies) goes the same way, so a
/// mirror over https trusts what the services are trusted with (`--upstream-ca-file`).
public struct UpstreamAccess: Sendable {
    /// The proxy's event loops (``ProxyServer/eventLoopGroup``).
    public let eventLoopGroup: any EventLoopGroup
    public let tls: UpstreamTLS
    public let resolver: HostResolver

    public init(eventLoopGroup: any EventLoopGroup, tls: UpstreamTLS, resolver: HostResolver) {
        self.eventLoopGroup = eventLoopGroup
        self.tls = tls
        self.resolver = resolver
    }

    /// For a compiler with no proxy of its own to follow: NIO's shared event loops,
    /// the system trust store and a fresh resolver.
    public static func standalone() -> UpstreamAccess {
        UpstreamAccess(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton, tls: .systemTrustStore, resolver: HostResolver())
    }
}
