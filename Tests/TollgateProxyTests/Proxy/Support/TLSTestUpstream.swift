import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// An HTTPS server on 127.0.0.1 presenting a test certificate: records the SNI
/// name of every handshake and answers requests as a ``TestUpstream`` does (with
/// an ``UpstreamReport``). It serves until the test process ends.
final class TLSTestUpstream: Sendable {
    /// The SNI names of the handshakes, shared with the TLS context's callback.
    private final class ServerNames: Sendable {
        let list = Mutex<[String?]>([])
    }

    let port: Int
    /// What the server saw over HTTP.
    let log: UpstreamLog
    private let serverNames: ServerNames

    private init(port: Int, log: UpstreamLog, serverNames: ServerNames) {
        self.port = port
        self.log = log
        self.serverNames = serverNames
    }

    /// The SNI name of each handshake, in order (nil when the client sent none).
    var handshakeServerNames: [String?] { serverNames.list.withLock { $0 } }

    /// Starts a server presenting `identity` on an ephemeral port.
    static func start(name: String, identity: TestCertificates.Identity) async throws -> TLSTestUpstream {
        let log = UpstreamLog()
        let serverNames = ServerNames()
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(identity.certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: identity.key, format: .pem)))
        configuration.applicationProtocols = ["http/1.1"]
        configuration.sslContextCallback = { values, promise in
            serverNames.list.withLock { $0.append(values.serverHostname) }
            promise.succeed(NIOSSLContextConfigurationOverride())
        }
        let context = try NIOSSLContext(configuration: configuration)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(NIOSSLServerHandler(context: context))
                    try pipeline.configureHTTPServerPipeline()
                    try pipeline.addHandler(
                        UpstreamRequestHandler(
                            name: name, defaults: UpstreamBehaviour(), log: log, connection: log.connectionOpened()))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return TLSTestUpstream(port: channel.localAddress?.port ?? 0, log: log, serverNames: serverNames)
    }
}
