import Foundation

/// The route a request matched and the service it belongs to, by id and name:
/// what plugins key state and metrics by.
struct RouteIdentity: Sendable, Hashable {
    let routeID: UUID
    let routeName: String
    let serviceID: UUID
    let serviceName: String

    init(routeID: UUID, routeName: String, serviceID: UUID, serviceName: String) {
        self.routeID = routeID
        self.routeName = routeName
        self.serviceID = serviceID
        self.serviceName = serviceName
    }
}
