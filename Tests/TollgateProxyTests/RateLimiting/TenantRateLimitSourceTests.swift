import Foundation
import Logging
import Testing
import TollgateCore

@testable import TollgateProxy

@Suite("TenantRateLimitSource")
struct TenantRateLimitSourceTests {
    private let environment = PluginEnvironment(
        settings: PluginSettings(tenantHeader: "X-Org"), logger: Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() })

    private func stages(_ config: GatewayConfig) -> [String: TenantRateLimitStage] {
        let routes = config.routes.map {
            RouteIdentity(
                routeID: $0.entity.metadata.id, routeName: $0.entity.spec.name, serviceID: $0.owner.id,
                serviceName: $0.owner.name)
        }
        let built = TenantRateLimitSource().stages(
            for: config, routes: routes, compile: ChainCompileContext(environment: environment))
        var byRoute: [String: TenantRateLimitStage] = [:]
        for route in routes {
            guard let stages = built[route.routeID] else { continue }
            #expect(stages.count == 1)
            #expect(stages.first?.priority == 905)
            byRoute[route.routeName] = stages.first?.plugin as? TenantRateLimitStage
        }
        return byRoute
    }

    @Test("each route gets the limits of all services and of its own, keyed by tenant, one limiter for all")
    func perService() {
        var builder = ConfigBuilder()
        builder.add(.to("a", port: 1), routes: [RouteSpec(name: "a1", paths: ["/a1"]), RouteSpec(name: "a2", paths: ["/a2"])])
        builder.add(.to("b", port: 1), routes: [RouteSpec(name: "b1", paths: ["/b1"])])
        builder.add(.to("c", port: 1), routes: [RouteSpec(name: "c1", paths: ["/c1"])])
        builder.set(tenant: "everywhere", limit: TenantRateLimitSpec(windows: RateLimitWindows(limits: [.minute: 5])))
        builder.set(
            tenant: "only-a",
            limit: TenantRateLimitSpec(
                windows: RateLimitWindows(limits: [.hour: 7]), algorithm: .fixedWindow, service: "a"))
        let stages = stages(builder.build())
        #expect(Set(stages.keys) == ["a1", "a2", "b1", "c1"])
        #expect(stages["a1"]?.limits.keys.sorted() == ["everywhere", "only-a"])
        #expect(stages["b1"]?.limits.keys.sorted() == ["everywhere"])
        #expect(stages["a1"]?.limits["only-a"] == RateLimitPolicy(
            windows: RateLimitWindows(limits: [.hour: 7]), algorithm: .fixedWindow))
        #expect(stages["a1"]?.tenantHeader == "X-Org")
        #expect(stages["a1"]?.limiter === stages["c1"]?.limiter)
    }

    @Test("routes of services no limit applies to get no stage")
    func noStage() {
        var builder = ConfigBuilder()
        builder.add(.to("a", port: 1), routes: [RouteSpec(name: "a1", paths: ["/a1"])])
        builder.add(.to("b", port: 1), routes: [RouteSpec(name: "b1", paths: ["/b1"])])
        #expect(stages(builder.build()).isEmpty)
        builder.set(
            tenant: "acme", limit: TenantRateLimitSpec(windows: RateLimitWindows(limits: [.day: 1]), service: "b"))
        #expect(Set(stages(builder.build()).keys) == ["b1"])
    }
}
