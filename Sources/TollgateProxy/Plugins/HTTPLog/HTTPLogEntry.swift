import Foundation
import NIOCore
import NIOHTTP1
import TollgateCore

/// One request as `http-log` reports it. Built on the event loop from values the
/// exchange already has (no serialization there); turned into JSON by the
/// background sender.
struct HTTPLogEntry: Sendable {
    var method: String
    /// The request target as the client sent it.
    var uri: String
    /// The request target as it went upstream.
    var upstreamURI: String
    var status: Int?
    var answeredLocally: Bool
    var completed: Bool
    var requestBytes: Int
    var responseBytes: Int
    var totalLatency: TimeAmount
    var upstreamLatency: TimeAmount?
    var route: RouteIdentity
    var clientIP: String
    var upstream: String?
    var tenant: String?
    /// When the request head arrived, in milliseconds since the Unix epoch.
    var startedAt: Int64

    init(_ summary: ExchangeSummary, context: RequestContext) {
        method = context.clientHead.method.rawValue
        uri = context.clientHead.uri
        upstreamURI = context.head.uri
        status = summary.status
        answeredLocally = summary.answeredLocally
        completed = summary.completed
        requestBytes = summary.requestBodyBytes
        responseBytes = summary.responseBodyBytes
        totalLatency = summary.totalLatency
        upstreamLatency = summary.upstreamLatency
        route = context.route
        clientIP = context.client.address
        upstream = summary.upstreamAddress
        tenant = context.tenant
        startedAt = Self.epochMilliseconds() - summary.totalLatency.nanoseconds / 1_000_000
    }

    /// The entry as the collector receives it (latencies in milliseconds, as Kong's).
    var json: JSONValue {
        [
            "request": ["method": .string(method), "uri": .string(uri), "size": .int(requestBytes)],
            "upstream_uri": .string(upstreamURI),
            "response": ["status": JSONValue(status), "size": .int(responseBytes)],
            "latencies": [
                "request": .int(Int(totalLatency.nanoseconds / 1_000_000)),
                "upstream": JSONValue(upstreamLatency.map { Int($0.nanoseconds / 1_000_000) }),
            ],
            "answered_by": .string(answeredLocally ? "gateway" : "upstream"),
            "completed": .bool(completed),
            "route": ["id": .string(route.routeID.uuidString.lowercased()), "name": .string(route.routeName)],
            "service": ["id": .string(route.serviceID.uuidString.lowercased()), "name": .string(route.serviceName)],
            "client_ip": .string(clientIP),
            "upstream": JSONValue(upstream),
            "tenant": JSONValue(tenant),
            "started_at": .int(Int(startedAt)),
        ]
    }

    /// The wall clock, read without `Date`.
    private static func epochMilliseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000
    }
}
