import JWTKit
import TollgateCore

/// The claims of an admin token, kept as JSON so that any configured role claim path can be read.
///
/// jwt-kit only decodes them; ``ClaimRules`` and ``RoleClaim`` check them afterwards,
/// because those checks need the configuration and the clock.
struct AdminTokenClaims: JWTPayload {
    var members: [String: JSONValue]

    init(_ members: [String: JSONValue]) {
        self.members = members
    }

    init(from decoder: any Decoder) throws {
        members = try decoder.singleValueContainer().decode([String: JSONValue].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(members)
    }

    /// Checks nothing: jwt-kit calls this without the configuration, ``ClaimRules`` does the work.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
