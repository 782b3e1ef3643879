import TollgateCore

extension UpstreamBalancer {
    /// Builds the balancer of a configured upstream and its targets.
    ///
    /// - Parameters:
    ///   - upstream: The upstream entity.
    ///   - targets: Its target entities.
    ///   - registry: Where state that outlives the snapshot is kept.
    public convenience init(
        upstream: Entity<UpstreamSpec>, targets: [Entity<TargetSpec>], registry: BalancerStateRegistry
    ) {
        self.init(
            upstream: upstream.metadata.id, algorithm: upstream.spec.algorithm,
            targets: targets.map {
                BalancerTarget(id: $0.metadata.id, address: $0.spec.target, weight: $0.spec.weight)
            },
            registry: registry)
    }
}
