import NIOCore
import NIOHTTP1
import Synchronization

/// A service's canary on each of its routes: sends the canary's share of requests
/// to the canary destination, or keeps them on the stable side.
///
/// In order: the override header (`always` / `never`); then, with affinity, the
/// client's bucket against the current percentage; without affinity (or without a
/// key), the next pick of an even split. A request meant for a canary that has no
/// usable target stays on the stable side and is counted.
struct CanaryStage: ProxyPlugin {
    /// The chain name and priority of canary stages (see ``BuiltInPlugins``).
    static let name = "canary"
    static let priority = 20
    /// The header on responses the canary served.
    static let responseHeader = "X-Tollgate-Canary"

    let target: CanaryTarget
    let schedule: CanarySchedule
    let affinity: CanaryAffinity
    /// Hash seed of the affinity buckets: the canary's own, so that two canaries
    /// do not pick the same clients.
    let seed: UInt32
    let overrideHeader: String
    let split: EvenSelector
    let counters: CanaryStatCells
    let marksResponses: Bool

    var phases: PluginPhases { .access }

    func access(_ context: RequestContext) throws -> PluginAccess {
        guard goesToCanary(context) else { return .proceed }
        guard let destination = target.available else {
            counters.fallbacks.add(1, ordering: .relaxed)
            return .proceed
        }
        context.destination = destination
        if let rewrite = target.rewrite { context.head.uri = rewrite.apply(to: context.head.uri) }
        if marksResponses { context.responseHeaders.add(name: Self.responseHeader, value: "1") }
        return .proceed
    }

    private func goesToCanary(_ context: RequestContext) -> Bool {
        if let forced = context.clientHead.headers.first(name: overrideHeader) {
            switch forced.lowercased() {
            case "always": return true
            case "never": return false
            default: break
            }
        }
        let percentage = schedule.isFixed ? schedule.initial : schedule.percentage(at: .now())
        if percentage <= 0 { return false }
        if percentage >= 100 { return true }
        if let bucket = affinity.bucket(of: context, seed: seed) { return bucket < percentage }
        return split.next(perMillion: UInt64(percentage) * 10_000)
    }
}
