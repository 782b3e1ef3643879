import NIOHTTP1
import TollgateCore

/// `cors`: answers preflight requests and adds `Access-Control-*` headers to the
/// responses of cross-origin requests.
///
/// A preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is
/// answered 200 by the gateway, unless `preflight_continue` passes it upstream
/// untouched. Other responses get the origin headers and `Access-Control-Expose-Headers`
/// when the origin is allowed. Whenever the answer depends on the request's origin,
/// responses carry `Vary: Origin`, so caches keep them apart.
struct CORSPlugin: ProxyPlugin {
    static let factory = PluginFactory(name: CORSSchema.name, priority: 2000) { input in
        try CORSPlugin(StoredPluginConfig(input.config, plugin: CORSSchema.name))
    }

    private let origins: OriginMatcher
    private let credentials: Bool
    private let allowMethods: String
    /// nil: the headers the preflight asks for are allowed.
    private let allowHeaders: String?
    private let exposeHeaders: String?
    private let maxAge: String?
    private let preflightContinue: Bool

    var phases: PluginPhases { [.access, .responseHead] }

    init(_ config: StoredPluginConfig) throws(StoredConfigError) {
        origins = OriginMatcher(try config.strings("origins"))
        credentials = try config.bool("credentials")
        allowMethods = try config.strings("methods").joined(separator: ",")
        let headers = try config.strings("headers")
        allowHeaders = headers.isEmpty ? nil : headers.joined(separator: ",")
        let exposed = try config.strings("exposed_headers")
        exposeHeaders = exposed.isEmpty ? nil : exposed.joined(separator: ",")
        maxAge = try config.optionalInt("max_age").map(String.init)
        preflightContinue = try config.bool("preflight_continue")
    }

    func access(_ context: RequestContext) -> PluginAccess {
        let request = context.clientHead
        guard !preflightContinue, Self.isPreflight(request) else { return .proceed }
        var headers = HTTPHeaders()
        applyOrigin(request.headers.first(name: "origin"), to: &headers)
        let requested = request.headers[canonicalForm: "access-control-request-headers"].joined(separator: ",")
        if let allowed = allowHeaders ?? (requested.isEmpty ? nil : requested) {
            headers.add(name: "access-control-allow-headers", value: allowed)
        }
        headers.add(name: "access-control-allow-methods", value: allowMethods)
        if let maxAge { headers.add(name: "access-control-max-age", value: maxAge) }
        return .respond(LocalResponse(status: .ok, headers: headers))
    }

    func responseHead(_ head: inout ClientResponseHead, context: RequestContext) {
        let request = context.clientHead
        // A preflight's answer is complete (the gateway's) or the upstream's own (preflight_continue).
        guard !Self.isPreflight(request) else { return }
        if applyOrigin(request.headers.first(name: "origin"), to: &head.headers), let exposeHeaders {
            head.headers.set(name: "access-control-expose-headers", value: exposeHeaders)
        }
    }

    /// Sets the origin headers for a request from `origin`, replacing the upstream's;
    /// returns whether the origin is allowed.
    @discardableResult
    private func applyOrigin(_ origin: String?, to headers: inout some HeaderCollection) -> Bool {
        // With `*` and no credentials the answer is the same for every origin.
        let dependsOnOrigin = !origins.allowsAny || credentials
        if dependsOnOrigin { Self.addVaryOrigin(to: &headers) }
        guard let origin else { return false }
        guard dependsOnOrigin else {
            headers.set(name: "access-control-allow-origin", value: "*")
            return true
        }
        guard origins.allowsAny || origins.lists(origin) else {
            headers.remove(name: "access-control-allow-origin")
            headers.remove(name: "access-control-allow-credentials")
            return false
        }
        headers.set(name: "access-control-allow-origin", value: origin)
        if credentials { headers.set(name: "access-control-allow-credentials", value: "true") }
        return true
    }

    private static func isPreflight(_ request: HTTPRequestHead) -> Bool {
        request.method == .OPTIONS && request.headers.contains(name: "origin")
            && request.headers.contains(name: "access-control-request-method")
    }

    /// Adds `Vary: Origin` unless the headers already vary on it (or on everything).
    private static func addVaryOrigin(to headers: inout some HeaderCollection) {
        var variesByOrigin = false
        headers.forEachValue(of: "vary") { value in
            HTTP1Syntax.forEachListElement(in: value.utf8) { element in
                variesByOrigin = variesByOrigin || element.elementsEqual("*".utf8) || ASCIIFolding.equal(element, "origin".utf8)
            }
        }
        guard !variesByOrigin else { return }
        headers.add(name: "vary", value: "Origin")
    }
}
