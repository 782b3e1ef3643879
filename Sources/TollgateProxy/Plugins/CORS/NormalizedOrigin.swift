/// An origin (`scheme://host[:port]`) in the form origins are compared in:
/// lowercased, without the scheme's default port.
struct NormalizedOrigin {
    /// `scheme://host[:port]`.
    let text: String
    /// The host alone (an IPv6 literal keeps its brackets).
    let host: Substring

    /// nil when `origin` is not `scheme://authority` (for example `null`).
    init?(_ origin: String) {
        let lowered = origin.lowercased()
        guard let separator = lowered.firstRange(of: "://") else { return nil }
        let scheme = lowered[..<separator.lowerBound]
        let authority = lowered[separator.upperBound...]
        let portColon: String.Index?
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let afterHost = authority.index(after: close)
            portColon = afterHost < authority.endIndex && authority[afterHost] == ":" ? afterHost : nil
        } else {
            portColon = authority.lastIndex(of: ":")
        }
        guard let portColon else {
            text = lowered
            host = authority
            return
        }
        let port = authority[authority.index(after: portColon)...]
        host = authority[..<portColon]
        let isDefault = (scheme == "http" && port == "80") || (scheme == "https" && port == "443")
        text = isDefault ? String(lowered[..<portColon]) : lowered
    }
}
