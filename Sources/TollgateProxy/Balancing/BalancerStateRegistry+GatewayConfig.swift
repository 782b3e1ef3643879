import TollgateCore

extension BalancerStateRegistry {
    /// Forgets the state of every upstream and target that is not in `config`.
    public func retain(liveIn config: GatewayConfig) {
        retain(targets: Set(config.targets.map { TargetKey(upstream: $0.owner.id, target: $0.entity.metadata.id) }))
    }
}
