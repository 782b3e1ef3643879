/// Puts a canary URL's path in place of the service's path in the request target
/// sent upstream: with service path `/v1` and canary `http://c:8080/v2`, `/v1/x?q`
/// becomes `/v2/x?q`, joined as a service path is (``UpstreamPath``).
struct CanaryPathRewrite: Sendable {
    /// The service's path without a trailing slash; empty when it is none or `/`.
    private let servicePrefix: Substring
    let canaryPath: String

    init(servicePath: String?, canaryPath: String) {
        var prefix = Substring(servicePath ?? "")
        if prefix.hasSuffix("/") { prefix = prefix.dropLast() }
        servicePrefix = prefix
        self.canaryPath = canaryPath
    }

    /// The request target `uri` (origin form, as the service would get it) for the canary.
    func apply(to uri: String) -> String {
        let queryStart = uri.firstIndex(of: "?") ?? uri.endIndex
        var path = uri[..<queryStart]
        if !servicePrefix.isEmpty && path.hasPrefix(servicePrefix) { path = path.dropFirst(servicePrefix.count) }
        let relative: Substring = path.hasPrefix("/") ? path : "/" + path
        return UpstreamPath.join(servicePath: canaryPath, path: relative, strippedLength: nil) + uri[queryStart...]
    }
}
