/// Gateway-wide settings of canaries and mirrors (the `serve` command's
/// `--canary-response-header` and `--mirror-host-suffix`).
public struct TrafficPolicySettings: Sendable {
    /// Whether responses served by a canary carry `X-Tollgate-Canary: 1`.
    public var canaryResponseHeader: Bool
    /// Appended to the host of a mirrored copy's `Host` (before its port), so
    /// that the mirror can tell copies apart; empty keeps the `Host` unchanged.
    public var mirrorHostSuffix: String

    /// - Parameters:
    ///   - canaryResponseHeader: Defaults to true.
    ///   - mirrorHostSuffix: Defaults to `-shadow`, as Envoy does.
    public init(canaryResponseHeader: Bool = true, mirrorHostSuffix: String = "-shadow") {
        self.canaryResponseHeader = canaryResponseHeader
        self.mirrorHostSuffix = mirrorHostSuffix
    }
}
