import TollgateCore

extension RouteTable {
    /// One route of the configuration, as the router needs it.
    public struct Entry: Sendable {
        /// The route.
        public var spec: RouteSpec
        /// The path of the route's service (`/v1`), joined in front of the forwarded path; nil when none.
        public var servicePath: String?
        /// The caller's number for the route, reported back in ``RouteMatch/index``.
        /// Lower means older: it is the last tie-breaker, so pass the position in creation order.
        public var index: Int

        /// - Parameters:
        ///   - spec: The route.
        ///   - servicePath: The path of the route's service, or nil.
        ///   - index: The route's position in creation order.
        public init(spec: RouteSpec, servicePath: String?, index: Int) {
            self.spec = spec
            self.servicePath = servicePath
            self.index = index
        }
    }
}
