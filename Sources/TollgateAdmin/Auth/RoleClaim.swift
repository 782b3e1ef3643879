import TollgateCore

/// Where a token's roles are found, and whether they grant admin access.
///
/// The roles are an array of strings or a single string. The match is exact and
/// case-sensitive: only `ADMIN` grants access.
struct RoleClaim: Sendable {
    /// The one role that grants access to the management API.
    static let adminRole = "ADMIN"

    /// Claim paths tried in order; the first one present in the token is used.
    private let candidates: [[String]]

    /// - Parameter path: A claim name or a dotted path (`realm_access.roles`). A claim whose
    ///   name is the whole path (`https://example.com/roles`) wins over the nested reading.
    init(path: String) throws(AdminAuthConfigurationError) {
        let segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !path.isEmpty, segments.allSatisfy({ !$0.isEmpty }) else { throw .invalidRoleClaimPath(path) }
        if path == AdminAuthConfiguration.defaultRoleClaimPath {
            candidates = [[path], ["role"]]
        } else {
            candidates = segments.count == 1 ? [segments] : [[path], segments]
        }
    }

    /// Whether the claims carry the ``adminRole``.
    func grantsAdmin(_ claims: [String: JSONValue]) -> Bool {
        guard let roles = candidates.lazy.compactMap({ Self.value(at: $0, in: claims) }).first else { return false }
        switch roles {
        case .string(let role): return role == Self.adminRole
        case .array(let roles): return roles.contains(.string(Self.adminRole))
        default: return false
        }
    }

    private static func value(at path: [String], in claims: [String: JSONValue]) -> JSONValue? {
        var members = claims
        for key in path.dropLast() {
            guard let nested = members[key]?.objectValue else { return nil }
            members = nested
        }
        return path.last.flatMap { members[$0] }
    }
}
