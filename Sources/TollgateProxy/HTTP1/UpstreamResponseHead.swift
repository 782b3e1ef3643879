import NIOCore
import NIOHTTP1

/// A part of an upstream's response, as ``ResponseParser`` hands it on.
typealias UpstreamResponsePart = HTTPPart<UpstreamResponseHead, ByteBuffer>

/// A response head as an upstream sent it: the status line decoded, the header lines
/// kept as the bytes they came in, and what the proxy decides by noted while they were
/// checked. Strings are made only when ``headers`` is asked for, so a head that crosses
/// the proxy as it is (``isRelayable``) costs no string per header.
struct UpstreamResponseHead: Equatable {
    let version: HTTPVersion
    let status: HTTPResponseStatus
    /// The header lines, each with its line break; without the status line and the empty line.
    let lines: ByteBuffer
    let framing: FramingFields
    let connection: ConnectionOptions
    /// The names of the end-to-end lines, for lookups that can skip the lines.
    let endToEndNames: HeaderNameFilter
    /// Bit `n` is set when header line `n` is hop-by-hop (``ProxyHeaders/hopByHop``).
    private let hopByHopLines: UInt64
    /// Whether the end-to-end lines can be copied to a client as they are: every line
    /// ends in CRLF, the framing is plain (``FramingFields/isPlain``), `Connection` names
    /// no other header, and the hop-by-hop lines are among the first 64.
    let isRelayable: Bool

    /// Reads the header lines at the start of `block` (after the status line), up to the empty line.
    init(version: HTTPVersion, status: HTTPResponseStatus, block: inout ByteBuffer) throws(HTTP1ParseError) {
        var framing = FramingFields()
        var connection = ConnectionOptions()
        var endToEndNames = HeaderNameFilter()
        var hopByHopLines: UInt64 = 0
        var hopByHopBeyondMask = false
        var index = 0
        let found = try HTTP1Syntax.forEachField(in: block) { bytes, field in
            let name = bytes[field.name]
            framing.note(name: name, value: bytes[field.value])
            connection.note(name: name, value: bytes[field.value])
            if ProxyHeaders.hopByHop.contains(bytes: name) {
                if index < UInt64.bitWidth { hopByHopLines |= 1 << UInt64(index) } else { hopByHopBeyondMask = true }
            } else {
                endToEndNames.insert(name)
            }
            index += 1
        }
        self.version = version
        self.status = status
        self.lines = block.readSlice(length: found.length)!
        self.framing = framing
        self.connection = connection
        self.endToEndNames = endToEndNames
        self.hopByHopLines = hopByHopLines
        self.isRelayable = found.endsInCRLF && framing.isPlain && !connection.namesOtherHeaders && !hopByHopBeyondMask
    }

    /// Whether the response lets its connection carry another one.
    var isKeepAlive: Bool { connection.isKeepAlive(version: version) }

    /// The header fields, decoded into strings.
    var headers: HTTPHeaders {
        var fields: [(String, String)] = []
        // The lines were checked when the head was read: this cannot throw.
        try! HTTP1Syntax.forEachField(in: lines, alreadyChecked: true) { bytes, field in fields.append(field.strings(of: bytes)) }
        return HTTPHeaders(fields)
    }

    /// Calls `body` with the name and the value of each end-to-end line, in order.
    func forEachEndToEndField(_ body: (_ name: Slice<UnsafeRawBufferPointer>, _ value: Slice<UnsafeRawBufferPointer>) -> Void) {
        var index = 0
        // The lines were checked when the head was read: this cannot throw.
        try! HTTP1Syntax.forEachField(in: lines, alreadyChecked: true) { bytes, field in
            if !isHopByHop(line: index) { body(bytes[field.name], bytes[field.value]) }
            index += 1
        }
    }

    /// Calls `body` with each run of consecutive end-to-end lines, line breaks included, as
    /// slices of ``lines``; with `leavingOut`, also without the lines whose name it accepts.
    func forEachEndToEndRun(leavingOut: ((_ name: Slice<UnsafeRawBufferPointer>) -> Bool)?, _ body: (ByteBuffer) -> Void) {
        guard hopByHopLines != 0 || leavingOut != nil else { return body(lines) }
        func run(_ range: Range<Int>) {
            body(lines.getSlice(at: lines.readerIndex + range.lowerBound, length: range.count)!)
        }
        lines.withUnsafeReadableBytes { bytes in
            var runStart = 0
            var lineStart = 0
            var index = 0
            while lineStart < bytes.count {
                let newline = bytes.firstOffset(of: UInt8(ascii: "\n"), in: lineStart..<bytes.count) ?? bytes.count - 1
                let leftOut =
                    isHopByHop(line: index)
                    || leavingOut.map { accepts in
                        accepts(bytes[lineStart..<(bytes.firstOffset(of: UInt8(ascii: ":"), in: lineStart..<newline) ?? newline)])
                    } ?? false
                if leftOut {
                    if lineStart > runStart { run(runStart..<lineStart) }
                    runStart = newline + 1
                }
                lineStart = newline + 1
                index += 1
            }
            if bytes.count > runStart { run(runStart..<bytes.count) }
        }
    }

    private func isHopByHop(line index: Int) -> Bool {
        index < UInt64.bitWidth && hopByHopLines & (1 << UInt64(index)) != 0
    }
}
