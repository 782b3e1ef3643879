import NIOCore
import NIOHTTP1

/// A route's mirror: picks an exact, evenly spread share of the route's requests
/// (`sample_percent`) and taps each picked request so that a copy is sent once
/// the request is complete. It never changes or answers the request.
struct MirrorStage: ProxyPlugin {
    /// The chain name and priority of mirror stages (see ``BuiltInPlugins``).
    static let name = "mirror"
    static let priority = 15

    let sampler: EvenSelector
    /// `sample_percent` in millionths.
    let samplePerMillion: UInt64
    let includeBody: Bool
    /// `timeout_ms`: how long a copy may wait and be sent.
    let timeout: TimeAmount
    let destination: MirrorDestination
    let hostSuffix: String
    let dispatcher: MirrorDispatcher

    var phases: PluginPhases { .access }

    func access(_ context: RequestContext) throws -> PluginAccess {
        guard samplePerMillion > 0, sampler.next(perMillion: samplePerMillion) else { return .proceed }
        let declaredLength = context.clientHead.headers.first(name: "content-length").flatMap { Int($0) }
        context.bodyTap = MirrorTap(head: context.head, declaredLength: declaredLength, stage: self)
        return .proceed
    }
}
