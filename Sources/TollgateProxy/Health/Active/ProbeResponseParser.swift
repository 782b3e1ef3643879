/// Reads the answer to a health probe from a connection's bytes: the status, and
/// where the answer ends, so that the connection can carry the next probe.
///
/// A probe needs no more of HTTP/1.x than that, so this small state machine
/// replaces a general HTTP decoder (which costs more than the rest of a probe):
/// it allocates nothing per answer, skips interim (1xx) answers, and follows
/// `Content-Length`, `chunked` and close-delimited framing. Header values other
/// than the framing and `Connection` are not looked at.
struct ProbeResponseParser {
    /// An answer that is not HTTP/1.x, or is too large to be a probe's.
    enum Failure: Error, Equatable {
        case malformed(String)
        case tooLarge
    }

    /// What one ``read(_:)`` found.
    struct Progress: Equatable {
        /// The status of the final answer, when its status line was completed by this read.
        var status: Int?
        /// Whether the answer ended with this read.
        var ended = false
    }

    /// The longest status line, header line or chunk-size line.
    static let maxLineBytes = 8 * 1024
    /// The most header lines of one answer.
    static let maxHeaderLines = 100

    private enum State: Equatable {
        case statusLine
        case headers(status: Int)
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        /// The CRLF after a chunk's data.
        case chunkDataEnd
        case trailers
        /// The body runs until the connection closes (the connection cannot be kept).
        case untilClose
        case ended
    }

    private enum Framing {
        case none, length(Int), chunked, untilClose
    }

    private var state = State.statusLine
    private var line: [UInt8] = []
    private var headerLines = 0
    private var framing = Framing.none
    private var interim = false
    /// Whether the connection may carry another probe once the answer ended.
    private(set) var keepAlive = true

    init() {
        line.reserveCapacity(256)
    }

    /// Whether the current answer ended.
    var hasEnded: Bool { state == .ended }

    /// Prepares for the next answer on the same connection.
    mutating func reset() {
        self = ProbeResponseParser()
    }

    /// Consumes `bytes` of the answer.
    mutating func read(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Progress {
        var progress = Progress()
        var index = 0
        while index < bytes.count {
            switch state {
            case .statusLine, .headers, .chunkSize, .chunkDataEnd, .trailers:
                guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else {
                    try append(bytes[index...])
                    return progress
                }
                try append(bytes[index..<newline])
                index = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                try endOfLine(&progress)
                line.removeAll(keepingCapacity: true)
            case .body(let remaining):
                let taken = min(remaining, bytes.count - index)
                index += taken
                state = remaining == taken ? .ended : .body(remaining: remaining - taken)
                if state == .ended { progress.ended = true }
            case .chunkData(let remaining):
                let taken = min(remaining, bytes.count - index)
                index += taken
                state = remaining == taken ? .chunkDataEnd : .chunkData(remaining: remaining - taken)
            case .untilClose:
                return progress
            case .ended:
                // Bytes after the answer: the connection is out of step with the probes.
                throw .malformed("bytes after the end of the answer")
            }
        }
        return progress
    }

    private mutating func append(_ bytes: Slice<UnsafeRawBufferPointer>) throws(Failure) {
        guard line.count + bytes.count <= Self.maxLineBytes else { throw .tooLarge }
        line.append(contentsOf: bytes)
    }

    private mutating func endOfLine(_ progress: inout Progress) throws(Failure) {
        switch state {
        case .statusLine:
            let status = try statusLine()
            state = .headers(status: status)
            interim = status < 200 && status != 101
            if !interim { progress.status = status }
        case .headers(let status):
            guard !line.isEmpty else {
                endOfHeaders(status: status, &progress)
                return
            }
            headerLines += 1
            guard headerLines <= Self.maxHeaderLines else { throw .tooLarge }
            try header()
        case .chunkSize:
            let size = try chunkSize()
            state = size == 0 ? .trailers : .chunkData(remaining: size)
        case .chunkDataEnd:
            guard line.isEmpty else { throw .malformed("chunk data longer than its size") }
            state = .chunkSize
        case .trailers:
            if line.isEmpty {
                state = .ended
                progress.ended = true
            }
        case .body, .chunkData, .untilClose, .ended:
            preconditionFailure("no line is read in \(state)")
        }
    }

    /// `HTTP/1.1 200 OK`: sets the default of ``keepAlive``, returns the status.
    private mutating func statusLine() throws(Failure) -> Int {
        let prefix = Array("HTTP/1.".utf8)
        guard line.count >= 12, line.starts(with: prefix), line[8] == UInt8(ascii: " ") else {
            throw .malformed("not an HTTP/1.x status line")
        }
        keepAlive = line[7] != UInt8(ascii: "0")
        var status = 0
        for digit in line[9..<12] {
            guard digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "9") else {
                throw .malformed("status is not three digits")
            }
            status = status * 10 + Int(digit - UInt8(ascii: "0"))
        }
        guard status >= 100, line.count == 12 || line[12] == UInt8(ascii: " ") else {
            throw .malformed("status is not three digits")
        }
        return status
    }

    /// One header line: only the framing headers and `Connection` matter.
    private mutating func header() throws(Failure) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            throw .malformed("header line without a name")
        }
        let name = line[..<colon]
        let value = Self.trimmed(line[(colon + 1)...])
        if Self.equalsIgnoringCase(name, "content-length") {
            guard !value.isEmpty, value.count <= 18, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw .malformed("invalid Content-Length")
            }
            let length = value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            if case .length(let previous) = framing, previous != length { throw .malformed("conflicting Content-Length") }
            if case .none = framing { framing = .length(length) }
        } else if Self.equalsIgnoringCase(name, "transfer-encoding") {
            // The last coding decides: chunked frames the body, anything else runs to the close.
            let last = value.split(separator: UInt8(ascii: ",")).last.map(Self.trimmed) ?? value[...]
            framing = Self.equalsIgnoringCase(last, "chunked") ? .chunked : .untilClose
        } else if Self.equalsIgnoringCase(name, "connection") {
            for option in value.split(separator: UInt8(ascii: ",")).map(Self.trimmed) {
                if Self.equalsIgnoringCase(option, "close") { keepAlive = false }
                if Self.equalsIgnoringCase(option, "keep-alive") { keepAlive = true }
            }
        }
    }

    private mutating func endOfHeaders(status: Int, _ progress: inout Progress) {
        let framing = framing
        self.framing = .none
        headerLines = 0
        if interim {
            state = .statusLine
            return
        }
        if status == 101 {
            // The connection now speaks another protocol: the answer ends here and so does the connection.
            keepAlive = false
            state = .ended
            progress.ended = true
            return
        }
        let bodyless = status == 204 || status == 304
        switch framing {
        case _ where bodyless, .length(0):
            state = .ended
            progress.ended = true
        case .length(let length):
            state = .body(remaining: length)
        case .chunked:
            state = .chunkSize
        case .none, .untilClose:
            keepAlive = false
            state = .untilClose
        }
    }

    /// A chunk-size line: hexadecimal, optionally followed by `;extensions`.
    private func chunkSize() throws(Failure) -> Int {
        let digits = line.prefix { $0 != UInt8(ascii: ";") }
        let hex = Self.trimmed(digits)
        guard !hex.isEmpty, hex.count <= 15 else { throw .malformed("invalid chunk size") }
        var size = 0
        for byte in hex {
            let value: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
            default: throw .malformed("invalid chunk size")
            }
            size = size * 16 + value
        }
        return size
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return bytes[bytes.startIndex..<bytes.startIndex]
        }
        return bytes[first...last]
    }

    /// Whether `bytes` spell `lowercase` in any case (ASCII letters only fold).
    private static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        return lowercase.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { byte, wanted in
                (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) == wanted
            }
        }
    }
}
