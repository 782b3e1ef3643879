import TollgateCore

/// What `GET /` says about the Kong node: its version and edition, and the plugins it has.
public struct KongNodeInfo: Sendable, Hashable {
    /// Kong's version text (`3.4.2`, `3.4.3.1-enterprise-edition`, `2.8.1`).
    public var version: String
    /// The major version (2 or 3).
    public var major: Int
    /// Whether this is Kong Enterprise.
    public var isEnterprise: Bool
    /// The plugins the node can run.
    public var availablePlugins: Set<String>

    public init(version: String, isEnterprise: Bool, availablePlugins: Set<String>) {
        self.version = version
        self.major = Int(version.prefix { $0.isNumber }) ?? 0
        self.isEnterprise = isEnterprise
        self.availablePlugins = availablePlugins
    }

    /// Reads `GET /`'s answer: `version`, `edition` (or an enterprise version text), `plugins.available_on_server`.
    init(root: JSONValue) {
        let version = root["version"]?.stringValue ?? "0"
        let available = root["plugins"]?["available_on_server"]
        let plugins: Set<String> =
            if let names = available?.objectValue { Set(names.keys) } else { Set(available?.strings ?? []) }
        self.init(
            version: version,
            isEnterprise: root["edition"]?.stringValue == "enterprise" || version.contains("enterprise"),
            availablePlugins: plugins)
    }

    /// Manual health marks are `PUT` from Kong 3.0 on, `POST` before.
    var marksWithPUT: Bool { major >= 3 }

    /// Whether canaries can use Kong Enterprise's `canary` plugin.
    var hasCanaryPlugin: Bool { isEnterprise && availablePlugins.contains("canary") }
}
