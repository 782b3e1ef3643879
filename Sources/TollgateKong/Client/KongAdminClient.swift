import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import TollgateCore

/// Calls Kong's Admin API: one request, bounded by the configured timeout, with
/// `Kong-Admin-Token` when configured. A Kong that cannot be reached (refused,
/// DNS failure, TLS failure, timeout) becomes ``GatewayError/backend(_:)`` with
/// ``unreachableDetail``; any HTTP answer, errors included, is returned as is.
final class KongAdminClient: Sendable {
    /// The `detail` of the 500 the management API answers when Kong cannot be reached.
    static let unreachableDetail = "Kong Admin API unreachable"
    /// The largest Kong answer read.
    static let maxResponseBytes = 16 << 20

    let configuration: KongAdminConfiguration
    /// The limit of one call, as AsyncHTTPClient takes it.
    private let timeout: TimeAmount
    private let client: HTTPClient
    private let logger: Logger

    init(configuration: KongAdminConfiguration, logger: Logger) {
        self.configuration = configuration
        let timeout = TimeAmount.nanoseconds(
            configuration.timeout.components.seconds * 1_000_000_000 + configuration.timeout.components.attoseconds / 1_000_000_000)
        self.timeout = timeout
        var http = HTTPClient.Configuration()
        http.redirectConfiguration = .disallow
        http.timeout = .init(connect: timeout, read: timeout)
        http.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http)
        self.logger = logger
    }

    /// Closes the connections to Kong.
    func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends `method path` with an optional JSON body and returns Kong's answer.
    /// - Throws: ``GatewayError/backend(_:)`` (`Kong Admin API unreachable`) when no answer came in time.
    func send(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil) async throws(GatewayError) -> KongResponse {
        var request = HTTPClientRequest(url: configuration.adminURL + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token = configuration.adminToken {
            request.headers.add(name: "Kong-Admin-Token", value: token)
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: JSONCoding.serialize(body)))
        }
        do {
            let response = try await client.execute(request, timeout: timeout)
            let bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
            let json = bytes.readableBytes == 0 ? JSONValue.null : (try? JSONCoding.parse(Array(buffer: bytes))) ?? .null
            return KongResponse(status: Int(response.status.code), body: json)
        } catch {
            logger.warning(
                "Kong Admin API unreachable",
                metadata: ["method": "\(method)", "path": "\(path)", "error": "\(error)"])
            throw .backend(Self.unreachableDetail)
        }
    }
}
