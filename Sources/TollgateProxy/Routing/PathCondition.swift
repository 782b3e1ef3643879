/// What one route path requires of the request path.
enum PathCondition: Sendable {
    /// The route has no paths.
    case any
    /// A prefix path, normalised.
    case prefix([UInt8])
    /// A `~` path.
    case regex(PathRegex)

    /// The bytes a matching path must start with: the key under which the route is
    /// filed in its scope's ``PrefixTree``.
    var indexKey: [UInt8] {
        switch self {
        case .any: []
        case .prefix(let prefix): prefix
        case .regex(let regex): regex.literalPrefix
        }
    }
}
