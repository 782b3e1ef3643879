import NIOHTTP1
import TollgateCore

/// The entities a request names, read from Kong, failing with the error the client must hear.
extension KongEngine {
    /// The Kong service named in the path; 404 when absent.
    func existingService(_ name: String) async throws(GatewayError) -> JSONValue {
        guard let service = try await find(KongPath.entity("services", name)) else {
            throw .notFound("service '\(name)' does not exist")
        }
        return service
    }

    /// The Kong service a body names in `field`; 400 when absent.
    func referencedService(_ name: String, field: String) async throws(GatewayError) -> JSONValue {
        guard let service = try await find(KongPath.entity("services", name)) else {
            throw .invalid(field: field, "names no service '\(name)'")
        }
        return service
    }

    /// The Kong route named in the path; 404 when absent.
    func existingRoute(_ name: String) async throws(GatewayError) -> JSONValue {
        guard let route = try await find(KongPath.entity("routes", name)) else {
            throw .notFound("route '\(name)' does not exist")
        }
        return route
    }

    /// The Kong upstream named in the path; 404 when absent.
    func existingUpstream(_ name: String) async throws(GatewayError) -> JSONValue {
        guard let upstream = try await find(KongPath.entity("upstreams", name)) else {
            throw .notFound("upstream '\(name)' does not exist")
        }
        return upstream
    }

    /// The Kong target at a path address (canonicalised first); 404 when the upstream has none there.
    func existingTarget(_ address: String, upstream: String) async throws(GatewayError) -> JSONValue {
        guard let canonical = TargetSpec.canonicalAddress(address),
            let target = try await find(targetPath(upstream: upstream, target: canonical))
        else {
            throw .notFound("target '\(address)' does not exist in upstream '\(upstream)'")
        }
        return target
    }

    /// `/upstreams/{u}/targets`, or one target's path under it.
    func targetPath(upstream: String, target: String? = nil) -> String {
        let base = KongPath.entity("upstreams", upstream) + "/targets"
        return target.map { base + "/" + KongPath.segment($0) } ?? base
    }
}
