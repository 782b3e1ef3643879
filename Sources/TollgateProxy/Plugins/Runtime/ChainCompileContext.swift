/// One compile of the plugin chains: the environment, and the state keys that
/// the snapshot's plugins asked for, so that state nobody uses any more is dropped.
final class ChainCompileContext {
    let environment: PluginEnvironment
    /// The snapshot's compiled upstreams, by lowercased name (canary and mirror destinations).
    let upstreams: [String: UpstreamRuntime]
    private(set) var usedStateKeys: Set<String> = []

    init(environment: PluginEnvironment, upstreams: [String: UpstreamRuntime] = [:]) {
        self.environment = environment
        self.upstreams = upstreams
    }

    /// State kept across snapshots under `key`, created by `make` the first time.
    func state<State: Sendable>(key: String, make: () throws -> State) rethrows -> State {
        usedStateKeys.insert(key)
        return try environment.state.state(for: key, make: make)
    }
}
