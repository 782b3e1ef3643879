import ArgumentParser
import TollgateAdmin

/// The flags that decide how admin tokens are signed and checked, shared by `serve` and `token`.
struct AuthOptions: ParsableArguments {
    @Option(name: .customLong(Setting.dataDir.rawValue), help: Setting.dataDir.helpText)
    var dataDir: String?

    @Option(name: .customLong(Setting.jwtSecret.rawValue), help: Setting.jwtSecret.helpText)
    var jwtSecret: String?

    @Option(name: .customLong(Setting.jwtIssuer.rawValue), help: Setting.jwtIssuer.helpText)
    var jwtIssuer: String?

    @Option(name: .customLong(Setting.jwtAudience.rawValue), help: Setting.jwtAudience.helpText)
    var jwtAudience: String?

    @Option(name: .customLong(Setting.logLevel.rawValue), help: Setting.logLevel.helpText)
    var logLevel: String?

    /// The data directory (flag, `TOLLGATE_DATA_DIR`, or `./tollgate-data`).
    var resolvedDataDirectory: String {
        Setting.dataDir.resolve(dataDir) ?? "./tollgate-data"
    }

    /// The HS256 secret: `--jwt-secret` when given (checked for length), else the
    /// data directory's generated secret, created on first use.
    func hmacSecret() throws -> (secret: [UInt8], created: Bool) {
        if let configured = Setting.jwtSecret.resolve(jwtSecret) {
            let bytes = Array(configured.utf8)
            guard bytes.count >= AdminAuthConfiguration.minimumSecretLength else {
                throw UsageError(AdminAuthConfigurationError.secretTooShort(length: bytes.count).description)
            }
            return (bytes, false)
        }
        do {
            return try AdminSecretFile.loadOrCreate(dataDirectory: resolvedDataDirectory)
        } catch {
            throw UsageError(error.description)
        }
    }
}

extension Setting {
    /// Help text with the environment twin and default, for `--help`.
    var helpText: ArgumentHelp {
        var text = "\(help) [env: \(environmentVariable)]"
        if let defaultValue { text += " (default: \(defaultValue))" }
        return ArgumentHelp(stringLiteral: text)
    }
}
