import Foundation
import Hummingbird
import TollgateCore

/// The endpoints that need no token: `GET /health` and `GET /openapi.json`.
struct PublicEndpoints {
    let engine: any GatewayEngine
    let startedAt: ContinuousClock.Instant
    let openAPIDocument: ByteBuffer

    func register(on group: RouterGroup<AdminRequestContext>) {
        group.get("health") { _, _ in
            let health = await engine.health()
            let uptime = ContinuousClock.now - startedAt
            let body: JSONValue = [
                "status": .string(health.status), "engine": .string(health.engine),
                "version": .string(TollgateVersion.current), "config_version": JSONValue(health.configVersion),
                "uptime_s": .int(Int(uptime.components.seconds)),
                "checks": .object(health.checks.mapValues(JSONValue.string)),
            ]
            return Response.json(body, status: health.isServing ? .ok : .serviceUnavailable)
        }
        group.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: openAPIDocument))
        }
    }

    /// The OpenAPI document shipped with the admin module.
    static func loadOpenAPIDocument() -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else {
            preconditionFailure("openapi.json is missing from the TollgateAdmin bundle; the package is built wrongly")
        }
        return ByteBuffer(bytes: data)
    }
}
