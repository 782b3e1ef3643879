extension RuntimeConfigCompiler {
    /// The exporter of the metrics the `prometheus` plugin collects in the
    /// snapshots this compiler builds.
    public var metrics: MetricsExporter { MetricsExporter(state: plugins.state) }
}
