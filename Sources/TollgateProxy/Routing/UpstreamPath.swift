/// Joins a service path and a request path into the path sent upstream, as Kong
/// does (`path_handling` v0, its default), so that no double slash appears:
///
/// | service path | request path | `strip_path` removed | upstream path |
/// |---|---|---|---|
/// | none or `/` | `/x` | nothing (off) | `/x` |
/// | `/v1` | `/x` | nothing (off) | `/v1/x` |
/// | `/v1/` | `/x` | nothing (off) | `/v1/x` |
/// | `/v1` | `/` | nothing (off) | `/v1` |
/// | `/v1` | `/foo/x` | `/foo` | `/v1/x` |
/// | `/v1/` | `/foo/x` | `/foo` | `/v1/x` |
/// | `/v1` | `/foo` | `/foo` | `/v1` |
/// | `/v1/` | `/foo` | `/foo` | `/v1` |
/// | `/v1/` | `/foo/` | `/foo/` | `/v1/` |
/// | `/v1` | `/foobar` | `/foo` | `/v1/bar` |
/// | none | `/foo/x` | `/foo` | `/x` |
/// | none | `/foo` | `/foo` | `/` |
///
/// The remainder after stripping loses a leading `./` or `../` (and is empty when it
/// is `.` or `..`), so no dot segment reaches the upstream. A route without paths
/// strips only the leading `/` (Kong's behaviour), which leaves the path as it is.
enum UpstreamPath {
    /// - Parameters:
    ///   - servicePath: The service's path; nil reads as `/`.
    ///   - path: The normalised request path.
    ///   - strippedLength: Bytes of `path` that `strip_path` removes; nil when `strip_path` is off.
    static func join(servicePath: String?, path: Substring, strippedLength: Int?) -> String {
        let base = servicePath ?? "/"
        let baseEndsWithSlash = base.utf8.last == ASCII.slash
        let pathEndsWithSlash = path.utf8.last == ASCII.slash
        guard let strippedLength else {
            if baseEndsWithSlash { return base + path.dropFirst() }
            return path == "/" ? base : base + path
        }
        let remainder = sanitized(Substring(path.utf8.dropFirst(strippedLength)))
        if remainder.isEmpty {
            if base == "/" { return "/" }
            if baseEndsWithSlash { return pathEndsWithSlash ? base : String(base.dropLast()) }
            return path.utf8.count > 1 && pathEndsWithSlash ? base + "/" : base
        }
        let remainderStartsWithSlash = remainder.utf8.first == ASCII.slash
        switch (baseEndsWithSlash, remainderStartsWithSlash) {
        case (true, true): return String(base.dropLast()) + remainder
        case (true, false), (false, true): return base + remainder
        case (false, false): return base + "/" + remainder
        }
    }

    /// The remainder without a leading `./` or `../`; empty for `.` and `..`.
    private static func sanitized(_ remainder: Substring) -> Substring {
        if remainder == "." || remainder == ".." { return remainder.prefix(0) }
        if remainder.hasPrefix("./") { return remainder.dropFirst(2) }
        if remainder.hasPrefix("../") { return remainder.dropFirst(3) }
        return remainder
    }
}
