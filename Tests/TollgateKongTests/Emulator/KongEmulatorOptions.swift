/// What kind of Kong node the emulator pretends to be.
struct KongEmulatorOptions: Sendable {
    /// `GET /`'s `version`: 3.x marks health with PUT, 2.x with POST.
    var version = "3.6.1"
    /// `GET /`'s `edition`: `community` or `enterprise`.
    var edition = "community"
    /// A DB-less node answers 405 to every write.
    var databaseless = false
    /// When set, every request must carry this `Kong-Admin-Token` (401 otherwise).
    var adminToken: String?
    /// Requests whose `METHOD path` starts with one of these fail with 500 (to test half-way failures).
    var failingRequests: [String] = []
    /// The plugins the node can run (`GET /`'s `plugins.available_on_server`).
    var availablePlugins: Set<String> = [
        "rate-limiting", "cors", "ip-restriction", "request-size-limiting", "request-transformer",
        "response-transformer", "correlation-id", "jwt", "key-auth", "prometheus", "http-log",
    ]

    /// Kong 2.8 (health marks with POST).
    static var kong28: KongEmulatorOptions {
        var options = KongEmulatorOptions()
        options.version = "2.8.1"
        return options
    }

    /// Kong Enterprise 3.x with the `canary` plugin.
    static var enterprise: KongEmulatorOptions {
        var options = KongEmulatorOptions()
        options.version = "3.6.1.0-enterprise-edition"
        options.edition = "enterprise"
        options.availablePlugins.insert("canary")
        return options
    }

    /// A DB-less Kong 3.x.
    static var databaseless: KongEmulatorOptions {
        var options = KongEmulatorOptions()
        options.databaseless = true
        return options
    }
}
