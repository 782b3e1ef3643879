import CEpollShim
import Glibc

/// A byte relay written against the kernel directly, one epoll loop on one thread, without
/// SwiftNIO: the floor of what relaying costs in Swift, to tell SwiftNIO's share of a
/// proxy's CPU from the system calls' share.
///
/// Does what `NIORelay.bytes` does: each client connection gets its own upstream connection,
/// and what one side reads is written to the other. A write the peer cannot take whole keeps
/// its rest and stops reading from the sender until the peer drained it.
final class EpollRelay {
    private let upstreamPort: UInt16
    private let epoll: Int32
    private let listener: Int32
    /// By file descriptor: the connection bytes read on it go to, or -1.
    private var peers: [Int32] = []
    /// By file descriptor: bytes read for it that it could not take yet.
    private var unsent: [[UInt8]] = []
    private let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)

    /// Listens on `port` of 127.0.0.1, relaying to `upstreamPort` of 127.0.0.1.
    init(port: UInt16, upstreamPort: UInt16) throws(RelayError) {
        self.upstreamPort = upstreamPort
        epoll = ceiling_epoll_create()
        guard epoll >= 0 else { throw RelayError(call: "epoll_create1") }
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard listener >= 0 else { throw RelayError(call: "socket") }
        Self.setOption(listener, level: SOL_SOCKET, name: SO_REUSEADDR)
        guard Self.withLoopback(port: port, { bind(listener, $0, $1) }) == 0 else { throw RelayError(call: "bind") }
        guard listen(listener, 1024) == 0 else { throw RelayError(call: "listen") }
        guard ceiling_epoll_add(epoll, listener, ceiling_readable) == 0 else { throw RelayError(call: "epoll_ctl") }
    }

    /// Relays until the process ends.
    func run() throws(RelayError) -> Never {
        var fds = [Int32](repeating: 0, count: 256)
        var events = [UInt32](repeating: 0, count: 256)
        while true {
            let count = ceiling_epoll_wait(epoll, &fds, &events, 256)
            guard count >= 0 else {
                if errno == EINTR { continue }
                throw RelayError(call: "epoll_wait")
            }
            for index in 0..<Int(count) {
                let fd = fds[index]
                if fd == listener {
                    acceptClients()
                } else if events[index] & ceiling_writable != 0 {
                    drainUnsent(to: fd)
                } else {
                    relay(from: fd)
                }
            }
        }
    }

    /// Accepts every waiting client and connects each to the upstream. The connect blocks:
    /// on loopback it completes at once, and the measured traffic runs on open connections.
    private func acceptClients() {
        while true {
            let client = ceiling_accept(listener)
            guard client >= 0 else { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard upstream >= 0 else {
                close(client)
                continue
            }
            for fd in [client, upstream] {
                Self.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY)
                ensureSlot(for: fd)
            }
            peers[Int(client)] = upstream
            peers[Int(upstream)] = client
            let connected =
                Self.withLoopback(port: upstreamPort, { connect(upstream, $0, $1) }) == 0
                && fcntl(upstream, F_SETFL, fcntl(upstream, F_GETFL) | O_NONBLOCK) == 0
            if !connected || ceiling_epoll_add(epoll, client, ceiling_readable) != 0
                || ceiling_epoll_add(epoll, upstream, ceiling_readable) != 0
            {
                closePair(client)
            }
        }
    }

    /// Reads what `fd` has and writes it to its peer; keeps what the peer does not take.
    private func relay(from fd: Int32) {
        let peer = peers[Int(fd)]
        guard peer >= 0 else { return }
        let count = read(fd, readBuffer.baseAddress, readBuffer.count)
        guard count > 0 else {
            if count < 0 && (errno == EAGAIN || errno == EINTR) { return }
            closePair(fd)
            return
        }
        let written = write(peer, readBuffer.baseAddress, count)
        if written == count { return }
        guard written >= 0 || errno == EAGAIN else {
            closePair(fd)
            return
        }
        unsent[Int(peer)] = Array(readBuffer[max(written, 0)..<count])
        // Back-pressure: the sender waits until its peer has taken the rest.
        if ceiling_epoll_modify(epoll, peer, ceiling_writable) != 0 || ceiling_epoll_modify(epoll, fd, 0) != 0 {
            closePair(fd)
        }
    }

    /// Writes the bytes kept for `fd`; once all are out, reading resumes on both sides.
    private func drainUnsent(to fd: Int32) {
        let peer = peers[Int(fd)]
        guard peer >= 0 else { return }
        let bytes = unsent[Int(fd)]
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written >= 0 || errno == EAGAIN else {
            closePair(fd)
            return
        }
        guard written == bytes.count else {
            unsent[Int(fd)] = Array(bytes[max(written, 0)...])
            return
        }
        unsent[Int(fd)] = []
        if ceiling_epoll_modify(epoll, fd, ceiling_readable) != 0 || ceiling_epoll_modify(epoll, peer, ceiling_readable) != 0 {
            closePair(fd)
        }
    }

    /// Closes a connection and its peer (closing removes both from epoll).
    private func closePair(_ fd: Int32) {
        for end in [fd, peers[Int(fd)]] where end >= 0 {
            close(end)
            peers[Int(end)] = -1
            unsent[Int(end)] = []
        }
    }

    private func ensureSlot(for fd: Int32) {
        while peers.count <= Int(fd) {
            peers.append(-1)
            unsent.append([])
        }
    }

    private static func setOption(_ fd: Int32, level: Int32, name: Int32) {
        var on: Int32 = 1
        _ = setsockopt(fd, level, name, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Calls `body` (`bind`, `connect`) with the address of `port` on 127.0.0.1 and its length.
    private static func withLoopback(
        port: UInt16, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32
    ) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}

/// A system call the relay needs failed.
struct RelayError: Error, CustomStringConvertible {
    let call: String
    let code = errno

    var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
}
