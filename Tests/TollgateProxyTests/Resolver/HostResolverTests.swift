import NIOCore
import NIOPosix
import Synchronization
import Testing
import TollgateProxy

@Suite("host resolver")
struct HostResolverTests {
    /// Counts lookups and answers 127.0.0.1 for every name.
    final class CountingLookup: Sendable {
        let calls = Atomic<Int>(0)
        func lookup(_ host: String, _ port: Int) throws -> SocketAddress {
            calls.add(1, ordering: .relaxed)
            return try SocketAddress(ipAddress: "127.0.0.1", port: port)
        }
    }

    /// Counts lookups and fails every one.
    final class FailingLookup: Sendable {
        struct NoSuchHost: Error {}
        let calls = Atomic<Int>(0)
        func lookup(_ host: String, _ port: Int) throws -> SocketAddress {
            calls.add(1, ordering: .relaxed)
            throw NoSuchHost()
        }
    }

    @Test("IP literals are not looked up; names are looked up once per TTL")
    func caching() async throws {
        let counter = CountingLookup()
        let resolver = HostResolver(ttl: .seconds(60), lookup: counter.lookup)
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()

        let literal = try await resolver.resolve(host: "::1", port: 80, on: eventLoop).get()
        #expect(literal.port == 80)
        #expect(counter.calls.load(ordering: .relaxed) == 0)

        for _ in 0..<5 {
            let address = try await resolver.resolve(host: "orders.internal", port: 8080, on: eventLoop).get()
            #expect(address.ipAddress == "127.0.0.1")
            #expect(address.port == 8080)
        }
        #expect(counter.calls.load(ordering: .relaxed) == 1)

        resolver.flush()
        _ = try await resolver.resolve(host: "orders.internal", port: 8080, on: eventLoop).get()
        #expect(counter.calls.load(ordering: .relaxed) == 2)
    }

    @Test("an answer older than the TTL is looked up again")
    func expiry() async throws {
        let counter = CountingLookup()
        let resolver = HostResolver(ttl: .milliseconds(20), lookup: counter.lookup)
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        _ = try await resolver.resolve(host: "orders.internal", port: 8080, on: eventLoop).get()
        try await Task.sleep(for: .milliseconds(100))
        _ = try await resolver.resolve(host: "orders.internal", port: 8080, on: eventLoop).get()
        #expect(counter.calls.load(ordering: .relaxed) == 2)
    }

    @Test("a failed lookup fails the future and is not cached")
    func failures() async throws {
        let failing = FailingLookup()
        let resolver = HostResolver(lookup: failing.lookup)
        let eventLoop = MultiThreadedEventLoopGroup.singleton.next()
        for _ in 0..<2 {
            await #expect(throws: FailingLookup.NoSuchHost.self) {
                try await resolver.resolve(host: "missing.invalid", port: 80, on: eventLoop).get()
            }
        }
        #expect(failing.calls.load(ordering: .relaxed) == 2)
    }

    @Test("the default lookup resolves localhost")
    func realLookup() async throws {
        let address = try await HostResolver().resolve(host: "localhost", port: 9, on: MultiThreadedEventLoopGroup.singleton.next()).get()
        #expect(address.port == 9)
    }
}
