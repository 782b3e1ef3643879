import NIOHTTP1
import TollgateCore

/// What a `rate-limiting` plugin counts requests for (its `limit_by`), and the
/// counter key of a request.
enum RateLimitSubject: Sendable, Equatable {
    /// The client's address.
    case ip
    /// The value of a request header.
    case header(String)
    /// The route's service: all of its routes together.
    case service
    /// The route.
    case route
    /// The tenant an authentication plugin set, else the tenant header's value.
    case tenant(header: String)

    /// Reads `limit_by` (and `header_name`).
    init(_ config: StoredPluginConfig, tenantHeader: String) throws(StoredConfigError) {
        let limitBy = try config.string("limit_by")
        switch RateLimitingSchema.LimitBy(rawValue: limitBy) {
        case .ip: self = .ip
        case .header: self = .header(try config.string("header_name"))
        case .service: self = .service
        case .route: self = .route
        case .tenant: self = .tenant(header: tenantHeader)
        case nil:
            throw StoredConfigError(
                plugin: config.plugin, field: "\(config.path).limit_by", expected: "ip, header, service, route or tenant")
        }
    }

    /// The counter key of the request. A request without the header or tenant is
    /// counted by its client address, as Kong does; such keys start with a control
    /// character, which no header value can hold, so a header cannot pose as them.
    func key(for context: RequestContext) -> String {
        switch self {
        case .ip: context.client.address
        case .header(let name): Self.nonEmpty(context.clientHead.headers.first(name: name)) ?? Self.fallback(context)
        case .service: context.route.serviceName
        case .route: context.route.routeName
        case .tenant(let header): context.tenant(header: header) ?? Self.fallback(context)
        }
    }

    private static func fallback(_ context: RequestContext) -> String {
        "\u{1}" + context.client.address
    }

    private static func nonEmpty(_ value: String?) -> String? {
        value?.isEmpty == false ? value : nil
    }
}
