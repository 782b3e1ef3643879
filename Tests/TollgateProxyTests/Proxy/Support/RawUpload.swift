import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Pushes a request body through a raw non-blocking socket and counts the bytes
/// the kernel accepted: a measure of what the receiving side buffers.
enum RawUpload {
    struct SocketError: Error, CustomStringConvertible {
        let description: String
    }

    /// Sends `head`, then body bytes for `duration` (or until `bodySize`), and returns how many body bytes were accepted.
    static func push(head: String, bodySize: Int, port: Int, for duration: Duration) throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(description: "socket() failed: \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw SocketError(description: "connect() failed: \(errno)") }
        let headBytes = Array(head.utf8)
        guard send(descriptor, headBytes, headBytes.count, 0) == headBytes.count else {
            throw SocketError(description: "sending the head failed")
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 10)
        var accepted = 0
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline && accepted < bodySize {
            let sent = send(descriptor, chunk, min(chunk.count, bodySize - accepted), Int32(MSG_NOSIGNAL))
            if sent > 0 {
                accepted += sent
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                usleep(2000)
            } else {
                throw SocketError(description: "send() failed: \(errno)")
            }
        }
        return accepted
    }
}
