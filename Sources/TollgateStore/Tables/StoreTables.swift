import TollgateCore

/// The description of every entity table.
enum StoreTables {
    static let services = EntityTable<ServiceSpec>(
        name: "services", order: .text("name"), owner: nil,
        specColumns: { ["name": .text($0.name), "host": .text($0.host)] })

    static let routes = EntityTable<RouteSpec>(
        name: "routes", order: .text("name"), owner: .init(column: "service_id", table: "services"),
        specColumns: { ["name": .text($0.name)] })

    static let plugins = EntityTable<PluginSpec>(
        name: "plugins", order: .integer("seq"), owner: nil,
        specColumns: { ["name": .text($0.name)] })

    static let upstreams = EntityTable<UpstreamSpec>(
        name: "upstreams", order: .text("name"), owner: nil,
        specColumns: { ["name": .text($0.name)] })

    static let targets = EntityTable<TargetSpec>(
        name: "targets", order: .text("target"), owner: .init(column: "upstream_id", table: "upstreams"),
        specColumns: { ["target": .text($0.target)] })

    static let tenantRateLimits = EntityTable<TenantRateLimitSpec>(
        name: "tenant_rate_limits", order: .text("tenant"), owner: nil,
        specColumns: { _ in [:] })

    static let canaries = EntityTable<CanarySpec>(
        name: "canaries", order: .integer("seq"), owner: .init(column: "service_id", table: "services"),
        specColumns: { ["upstream": ColumnValue($0.destination.upstreamName)] })

    static let mirrors = EntityTable<MirrorSpec>(
        name: "mirrors", order: .integer("seq"), owner: .init(column: "route_id", table: "routes"),
        specColumns: { ["upstream": ColumnValue($0.destination.upstreamName)] })
}
