import ArgumentParser
import TollgateAdmin

/// `tollgate token`: mints an admin token with the configured HS256 secret.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Print a signed admin token (HS256) for the management API.")

    @OptionGroup var auth: AuthOptions

    @Option(help: "role the token carries")
    var role = "ADMIN"

    @Option(help: "lifetime: a number with s, m, h or d (1h, 30m, 7d)")
    var ttl = "1h"

    @Option(help: "the token's subject (sub claim)")
    var subject = "admin"

    func run() async throws {
        let lifetime = try TokenLifetime.parse(ttl)
        let (secret, _) = try auth.hmacSecret()
        let minter = try await AdminTokenMinter(
            secret: secret, issuer: Setting.jwtIssuer.resolve(auth.jwtIssuer),
            audience: Setting.jwtAudience.resolve(auth.jwtAudience))
        print(try await minter.mint(subject: subject, role: role, ttl: lifetime))
    }
}

/// A token lifetime written as `90s`, `30m`, `1h` or `7d`.
enum TokenLifetime {
    /// The longest lifetime accepted: a year.
    static let maximumSeconds = 365 * 86400

    static func parse(_ text: String) throws -> Duration {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()), count > 0,
            count <= maximumSeconds / unit
        else {
            throw UsageError("--ttl must be a positive number with s, m, h or d, at most 365d (e.g. 1h), got '\(text)'")
        }
        return .seconds(count * unit)
    }
}
