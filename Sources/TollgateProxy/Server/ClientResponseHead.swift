import NIOHTTP1

/// The head of a response on its way to the client, as the response phase sees and
/// shapes it, and as ``ResponseFramer`` writes it.
struct ClientResponseHead {
    let version: HTTPVersion
    var status: HTTPResponseStatus
    var headers: ResponseHeaders

    /// A head whose headers are all the gateway's: its own answers, interim responses,
    /// and upstream heads that had to be rebuilt.
    init(_ head: HTTPResponseHead) {
        version = head.version
        status = head.status
        headers = ResponseHeaders(added: Array(head.headers))
    }

    /// An upstream's head relayed to an HTTP/1.1 client: its end-to-end lines as they
    /// came (``UpstreamResponseHead/isRelayable``), then `added`.
    init(relaying upstream: UpstreamResponseHead, adding added: [ResponseHeaders.Field]) {
        version = .http1_1
        status = upstream.status
        headers = ResponseHeaders(relayed: upstream, added: added)
    }
}

/// The headers of a response for the client: the upstream's header lines, relayed as
/// the bytes they came in unless removed, then the headers the gateway and its plugins
/// add. Names compare ASCII case-insensitively; a relayed value becomes a string only
/// when a plugin reads it, so the usual edits (set, add, remove a header) cost no string
/// per upstream header.
///
/// Added headers are a plain array, not `HTTPHeaders`, whose `add` checks every byte of
/// each name: the gateway's names are its own, and plugins' come from validated configs.
struct ResponseHeaders: HeaderCollection {
    typealias Field = (name: String, value: String)

    /// The upstream's head whose end-to-end lines are relayed; nil for a head built here.
    private(set) var relayed: UpstreamResponseHead?
    /// The names whose relayed lines are not sent (in any case).
    private(set) var removed: [String] = []
    /// The headers after the relayed lines.
    private(set) var added: [Field]

    init(relayed: UpstreamResponseHead? = nil, added: [Field] = []) {
        self.relayed = relayed
        self.added = added
    }

    /// Every value of the header `name`, in order.
    subscript(name: String) -> [String] {
        var values: [String] = []
        forEachValue(of: name) { values.append($0) }
        return values
    }

    func forEachValue(of name: String, _ body: (String) -> Void) {
        forEachRelayedValue(of: name, body)
        for field in added where field.name.equalsCaseInsensitively(name) { body(field.value) }
    }

    func first(name: String) -> String? {
        var first: String?
        forEachRelayedValue(of: name) { value in first = first ?? value }
        return first ?? added.first { $0.name.equalsCaseInsensitively(name) }?.value
    }

    func contains(name: String) -> Bool {
        first(name: name) != nil
    }

    /// Whether an added header (not a relayed line) is named `name`.
    func adds(_ name: String) -> Bool {
        added.contains { $0.name.equalsCaseInsensitively(name) }
    }

    /// Whether a `Content-Length` header is present (found without reading relayed lines).
    var hasContentLength: Bool {
        relayedHas(relayed?.framing.contentLength != nil, "content-length") || adds("content-length")
    }

    /// Whether a `Transfer-Encoding` header is present (found without reading relayed lines).
    var hasTransferCoding: Bool {
        relayedHas(relayed?.framing.hasTransferCoding ?? false, "transfer-encoding") || adds("transfer-encoding")
    }

    private func relayedHas(_ noted: Bool, _ name: String) -> Bool {
        noted && !isRemoved(name)
    }

    mutating func add(name: String, value: String) {
        added.append((name, value))
    }

    /// Adds the headers `other` adds (a head built here: it relays nothing).
    mutating func add(contentsOf other: ResponseHeaders) {
        added.append(contentsOf: other.added)
    }

    mutating func reserveCapacity(adding count: Int) {
        added.reserveCapacity(added.count + count)
    }

    mutating func set(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes every header `name`. Relayed lines stay where they are: when the upstream
    /// sent the header, its name is noted and the framer leaves those lines out as it copies
    /// them; a name it did not send (the usual case) costs the framer nothing.
    mutating func remove(name: String) {
        // Looks first: `removeAll` takes its mutating path even when nothing matches.
        if adds(name) { added.removeAll { $0.name.equalsCaseInsensitively(name) } }
        if isRelayed(name) { removed.append(name) }
    }

    /// Whether the relayed lines named `name` (bytes) are left out.
    func isRemoved(_ name: some Collection<UInt8>) -> Bool {
        removed.contains { ASCIIFolding.equal(name, $0.utf8) }
    }

    private func isRemoved(_ name: String) -> Bool {
        isRemoved(name.utf8)
    }

    /// Whether relayed lines named `name` are still to be sent.
    private func isRelayed(_ name: String) -> Bool {
        var found = false
        forEachRelayedLine(named: name) { _ in found = true }
        return found
    }

    private func forEachRelayedValue(of name: String, _ body: (String) -> Void) {
        forEachRelayedLine(named: name) { body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with the value bytes of each relayed line named `name` that is still to be sent.
    private func forEachRelayedLine(named name: String, _ body: (Slice<UnsafeRawBufferPointer>) -> Void) {
        guard let relayed, relayed.endToEndNames.mayContain(name.utf8), !isRemoved(name) else { return }
        relayed.forEachEndToEndField { fieldName, value in
            if ASCIIFolding.equal(fieldName, name.utf8) { body(value) }
        }
    }
}
