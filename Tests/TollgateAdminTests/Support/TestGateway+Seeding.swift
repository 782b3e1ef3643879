import TollgateCore

/// Set-up steps shared by the endpoint tests: each creates one entity and throws unless
/// the API answered 201.
extension TestGateway {
    /// Creates a service pointing at `url`.
    @discardableResult
    func createService(_ name: String, url: String = "http://backend.internal:8080") async throws -> GatewayResponse {
        try await post("/services", ["name": .string(name), "url": .string(url)]).expecting(201)
    }

    /// Creates a route of `service` matching the prefix `/<name>`.
    @discardableResult
    func createRoute(_ name: String, service: String) async throws -> GatewayResponse {
        try await post("/services/\(service)/routes", ["name": .string(name), "paths": [.string("/\(name)")]])
            .expecting(201)
    }

    /// Creates an upstream with `targets` (addresses, weight 100).
    @discardableResult
    func createUpstream(_ name: String, targets: [String] = []) async throws -> GatewayResponse {
        try await post("/upstreams", ["name": .string(name), "targets": JSONValue(targets)]).expecting(201)
    }

    /// Creates a plugin from `body` and returns its id.
    @discardableResult
    func createPlugin(_ body: JSONValue) async throws -> String {
        let response = try await post("/plugins", body).expecting(201)
        guard let id = response["id"]?.stringValue else {
            throw GatewayResponse.UnexpectedResponse(description: "POST /plugins answered no id: \(response.text)")
        }
        return id
    }

    /// The current `config_version` from `GET /health`.
    func configVersion() async throws -> Int? {
        try await get("/health", credentials: .none).expecting(200)["config_version"]?.intValue
    }
}
