import NIOHTTP1
import TollgateCore
import TollgateProxy

/// Builds route tables from specs (index = position) and matches requests against them.
struct RoutingFixture {
    let table: RouteTable
    let names: [String]

    /// - Parameters:
    ///   - routes: Routes in creation order.
    ///   - servicePath: The service path of every route.
    init(_ routes: [RouteSpec], servicePath: String? = nil) {
        table = RouteTable(
            routes: routes.enumerated().map { RouteTable.Entry(spec: $1, servicePath: servicePath, index: $0) })
        names = routes.map(\.name)
    }

    /// The name of the matched route, or nil.
    func route(
        _ target: String, host: String? = nil, method: HTTPMethod = .GET, scheme: RouteSpec.ClientProtocol = .http,
        headers: [(String, String)] = []
    ) -> String? {
        match(target, host: host, method: method, scheme: scheme, headers: headers).map { names[$0.index] }
    }

    func match(
        _ target: String, host: String? = nil, method: HTTPMethod = .GET, scheme: RouteSpec.ClientProtocol = .http,
        headers: [(String, String)] = []
    ) -> RouteMatch? {
        table.match(
            RouteRequest(method: method, target: target, host: host, scheme: scheme, headers: HTTPHeaders(headers)))
    }
}
