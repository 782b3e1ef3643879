import TollgateCore
import TollgateProxy
import TollgateStore

extension EmbeddedEngine {
    /// Serving while the store answers; degraded (`data_plane: degraded`) while an
    /// upstream that routes use has no usable target, so those routes answer 503.
    public func health() async -> EngineHealth {
        let version = try? await store.version()
        let unserved = healthRegistry.routedUpstreamsWithoutUsableTarget()
        return EngineHealth(
            engine: "embedded", configVersion: version,
            checks: ["store": version == nil ? "unreachable" : "ok", "data_plane": unserved.isEmpty ? "ok" : "degraded"],
            isServing: version != nil, isDegraded: !unserved.isEmpty)
    }
}
