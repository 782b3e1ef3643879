import Foundation

/// How log lines name a target: its upstream's name and its address.
struct TargetLabel: Sendable, Hashable {
    var upstream: String
    var target: String

    /// The ids, until a configuration gives the names.
    init(key: TargetKey) {
        upstream = key.upstream.uuidString.lowercased()
        target = key.target.uuidString.lowercased()
    }

    init(upstream: String, target: String) {
        self.upstream = upstream
        self.target = target
    }
}
