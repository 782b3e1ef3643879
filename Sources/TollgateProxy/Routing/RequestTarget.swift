/// Where the path and the query are in a request target (RFC 9112 §3.2), as byte offsets.
struct RequestTarget {
    /// The path before normalisation: up to the `?`.
    let path: Range<Int>
    /// Whether the target is absolute-form without a path (`http://host`): its path is `/`.
    let hasImpliedRootPath: Bool
    /// Where the query starts (its `?`), or the target's length when it has none.
    let queryStart: Int
    /// Whether the target is origin-form (`/path?query`), so it can be forwarded as it is when unchanged.
    let isOriginForm: Bool

    /// `/`, the path of an absolute-form target without one (static storage: always valid).
    private static var rootPath: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: ("/" as StaticString).utf8Start, count: 1)
    }

    /// - Parameter target: The request target's bytes: origin-form (`/a?b`),
    ///   absolute-form (`http://host/a?b`) or asterisk-form (`*`).
    init(_ target: UnsafeBufferPointer<UInt8>) {
        queryStart = target.firstIndex(of: ASCII.questionMark) ?? target.count
        isOriginForm = target.first == ASCII.slash
        guard !isOriginForm, let authority = Self.authority(of: target) else {
            path = 0..<queryStart
            hasImpliedRootPath = false
            return
        }
        path = authority.upperBound..<queryStart
        hasImpliedRootPath = path.isEmpty
    }

    /// The path's bytes in `target` (``rootPath`` when the target has none).
    func pathBytes(in target: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        hasImpliedRootPath ? Self.rootPath : UnsafeBufferPointer(rebasing: target[path])
    }

    /// The authority of an absolute-form target (`http://` or `https://`, any case): from
    /// after the `//` to the path, query or end.
    static func authority(of target: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        for scheme in ["http://", "https://"] where target.count >= scheme.utf8.count {
            guard zip(target, scheme.utf8).allSatisfy({ ASCII.lowercased($0) == $1 }) else { continue }
            let start = scheme.utf8.count
            let end = target[start...].firstIndex { $0 == ASCII.slash || $0 == ASCII.questionMark } ?? target.count
            return start..<end
        }
        return nil
    }
}
