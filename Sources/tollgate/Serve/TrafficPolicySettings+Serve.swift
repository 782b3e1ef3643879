import TollgateProxy

extension TrafficPolicySettings {
    /// The settings of `--canary-response-header` and `--mirror-host-suffix`.
    init(_ command: ServeCommand) throws {
        let marker = Setting.canaryResponseHeader.resolve(command.canaryResponseHeader) ?? "on"
        guard marker == "on" || marker == "off" else {
            throw UsageError("--canary-response-header must be on or off, got '\(marker)'")
        }
        let suffix = Setting.mirrorHostSuffix.resolve(command.mirrorHostSuffix) ?? "-shadow"
        guard suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else {
            throw UsageError("--mirror-host-suffix may hold letters, digits, '-' and '.' only, or be none; got '\(suffix)'")
        }
        self.init(canaryResponseHeader: marker == "on", mirrorHostSuffix: suffix == "none" ? "" : suffix)
    }
}
