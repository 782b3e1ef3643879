import Glibc
import NIOCore

/// A port of 127.0.0.1 on which nothing listens, for as long as the test process runs:
/// a socket is bound to it and never listens, so connecting is refused and no other
/// socket (a later test's server) can take the port.
public func closedLoopbackPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw IOError(errnoCode: errno, reason: "socket") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
        }
    }
    guard bound else {
        let code = errno
        close(descriptor)
        throw IOError(errnoCode: code, reason: "bind")
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
