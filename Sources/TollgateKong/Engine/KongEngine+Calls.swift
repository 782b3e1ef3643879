import NIOHTTP1
import TollgateCore

/// The calls every resource makes: one request with its errors translated, lookups
/// that tell "absent" from "failed", and lists that follow Kong's pages.
extension KongEngine {
    /// The most pages one internal listing reads (1000 entities each).
    static let maxPages = 100

    /// Sends one call; forgets the detected node when Kong cannot be reached.
    func send(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil) async throws(GatewayError) -> KongResponse {
        do {
            return try await client.send(method, path, body: body)
        } catch {
            await node.forget()
            throw error
        }
    }

    /// Sends one call and returns Kong's body, or throws the translated error.
    @discardableResult
    func call(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil, notFound: String = "the entity does not exist",
        renamedFields: [String: String] = [:]
    ) async throws(GatewayError) -> JSONValue {
        let response = try await send(method, path, body: body)
        guard response.isSuccess else {
            throw KongErrorTranslator(renamedFields: renamedFields, notFound: notFound)
                .error(for: response, call: "\(method) \(path)")
        }
        return response.body
    }

    /// `GET path`, nil when Kong answers 404.
    func find(_ path: String) async throws(GatewayError) -> JSONValue? {
        let response = try await send(.GET, path)
        if response.status == 404 { return nil }
        guard response.isSuccess else {
            throw KongErrorTranslator(notFound: "").error(for: response, call: "GET \(path)")
        }
        return response.body
    }

    /// One page of a Kong collection, its `offset` as the next cursor.
    func page(_ path: String, _ request: PageRequest) async throws(GatewayError) -> (data: [JSONValue], next: String?) {
        var query = "size=\(request.size)"
        if let cursor = request.cursor { query += "&offset=\(KongPath.segment(cursor))" }
        let separator = path.contains("?") ? "&" : "?"
        let body = try await call(.GET, path + separator + query, notFound: "the collection \(path) does not exist")
        return (body["data"]?.arrayElements ?? [], body["offset"]?.stringValue)
    }

    /// Every entity of a Kong collection, following its pages.
    func all(_ path: String) async throws(GatewayError) -> [JSONValue] {
        var entities: [JSONValue] = []
        var cursor: String?
        for _ in 0..<Self.maxPages {
            let page = try await page(path, PageRequest(size: 1000, cursor: cursor))
            entities += page.data
            guard let next = page.next else { return entities }
            cursor = next
        }
        throw .backend("Kong's \(path) has more than \(Self.maxPages * 1000) entities; Tollgate stopped reading it")
    }

    /// The names of entities by id (`GET /{collection}/{id}` for each distinct id).
    func names(_ collection: String, ids: some Sequence<String>) async throws(GatewayError) -> [String: String] {
        var names: [String: String] = [:]
        for id in Set(ids) {
            names[id] = try await find(KongPath.entity(collection, id))?["name"]?.stringValue ?? id
        }
        return names
    }
}
