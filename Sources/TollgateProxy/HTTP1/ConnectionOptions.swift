import NIOHTTP1

/// What the `Connection` headers of a message say (RFC 9110 §7.6.1, RFC 9112 §9.3),
/// noted value by value without allocating.
struct ConnectionOptions: Equatable {
    private(set) var close = false
    private(set) var keepAlive = false
    private(set) var upgrade = false
    /// Whether an option names a header besides `Keep-Alive` and `Upgrade` (which are
    /// hop-by-hop anyway): a header that must not cross the proxy.
    private(set) var namesOtherHeaders = false

    /// Notes a header line: the options of a `Connection` header; other headers are ignored.
    mutating func note(name: some Collection<UInt8>, value: some BidirectionalCollection<UInt8>) {
        guard name.count == 10, ASCIIFolding.equal(name, "connection".utf8) else { return }
        HTTP1Syntax.forEachListElement(in: value) { option in
            if ASCIIFolding.equal(option, "close".utf8) {
                close = true
            } else if ASCIIFolding.equal(option, "keep-alive".utf8) {
                keepAlive = true
            } else if ASCIIFolding.equal(option, "upgrade".utf8) {
                upgrade = true
            } else {
                namesOtherHeaders = true
            }
        }
    }

    /// Whether the message lets its connection carry another one: HTTP/1.1 unless
    /// `close`, HTTP/1.0 only with `keep-alive`.
    func isKeepAlive(version: HTTPVersion) -> Bool {
        !close && (version.minor >= 1 || keepAlive)
    }
}
