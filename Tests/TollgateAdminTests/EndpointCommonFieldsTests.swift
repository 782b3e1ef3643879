import Testing
import TollgateCore

/// "Common fields of every entity": `id`, `created_at`, `updated_at`, `etag` and the
/// optional `tags`, for each kind of entity the API writes.
@Suite("Common entity fields")
struct EndpointCommonFieldsTests {
    /// One kind of entity: the path it is created at and a valid body without `tags`.
    struct Kind: Sendable, CustomTestStringConvertible {
        let name: String
        let path: String
        let body: [String: JSONValue]
        var testDescription: String { name }
    }

    static let kinds: [Kind] = [
        Kind(name: "service", path: "/services", body: ["name": "billing", "host": "billing.internal"]),
        Kind(name: "route", path: "/services/orders/routes", body: ["name": "orders-admin", "paths": ["/admin"]]),
        Kind(name: "plugin", path: "/plugins", body: ["name": "cors"]),
        Kind(name: "upstream", path: "/upstreams", body: ["name": "billing-upstream"]),
        Kind(name: "target", path: "/upstreams/orders-v2/targets", body: ["target": "10.0.0.7:8080"]),
        Kind(name: "tenant rate limit", path: "/tenants/acme/rate-limit", body: ["minute": 60]),
        Kind(name: "canary", path: "/services/orders/canary", body: ["upstream": "orders-v2", "percentage": 10]),
        Kind(name: "mirror", path: "/routes/orders-api/mirror", body: ["url": "http://shadow.internal"]),
    ]

    @Test(arguments: kinds)
    func anEntityCarriesTheCommonFieldsAndTakesTags(kind: Kind) async throws {
        try await withTestGateway { gateway in
            try await gateway.createService("orders")
            try await gateway.createRoute("orders-api", service: "orders")
            try await gateway.createUpstream("orders-v2")

            var body = kind.body
            body["tags"] = ["team-a", "tier-1"]
            let created = try await gateway.post(kind.path, .object(body))
            try #require(created.status == 201, "\(created.summary)")
            expectEntityResponse(created, status: 201)
            #expect(created["tags"] == ["team-a", "tier-1"])
        }
    }
}
