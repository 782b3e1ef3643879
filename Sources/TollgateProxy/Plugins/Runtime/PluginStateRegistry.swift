import Foundation
import Synchronization

/// State that plugins keep across snapshots (rate-limit counters, log queues,
/// metric families), keyed by a stable id such as the plugin instance's id.
///
/// A snapshot's plugins look their state up once, when they are built; the
/// compiler then drops the state of keys no live plugin uses any more.
/// Safe to use from any thread.
final class PluginStateRegistry: Sendable {
    private let states = Mutex<[String: any Sendable]>([:])

    init() {}

    /// The state stored under `key`, created by `make` the first time or when the
    /// stored state has another type (the key's plugin was replaced by another kind).
    func state<State: Sendable>(for key: String, make: () throws -> State) rethrows -> State {
        try states.withLock { states in
            if let existing = states[key] as? State { return existing }
            let created = try make()
            states[key] = created
            return created
        }
    }

    /// The state stored under `key`, if there is state of that type.
    func existing<State: Sendable>(for key: String, as type: State.Type = State.self) -> State? {
        states.withLock { $0[key] as? State }
    }

    /// Keeps only the state under `liveKeys`; dropped state that does background
    /// work is told to stop (``RetirableState``).
    func retain(_ liveKeys: Set<String>) {
        let dropped: [any Sendable] = states.withLock { states in
            let gone = states.keys.filter { !liveKeys.contains($0) }
            return gone.compactMap { states.removeValue(forKey: $0) }
        }
        for state in dropped { (state as? any RetirableState)?.retire() }
    }
}

/// Plugin state that runs background work (a queue flusher, a key refresher) and
/// must stop it when no plugin uses the state any more.
protocol RetirableState: Sendable {
    /// Stops background work; called once, off the event loops.
    func retire()
}
