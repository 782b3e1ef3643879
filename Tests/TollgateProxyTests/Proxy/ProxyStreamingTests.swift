import AsyncHTTPClient
import Crypto
import NIOCore
import NIOHTTP1
import Synchronization
import Testing
import TollgateCore

/// 100 MiB bodies stream through the proxy with bounded memory. The receiving side
/// holds back at first, so a proxy that did not gate its reads would buffer the
/// body and grow by about its size.
@Suite("Proxy streaming", .serialized)
struct ProxyStreamingTests {
    static let bodySize = 100 << 20
    /// Well under the body size: what buffers, pools and the test's own clients may take.
    static let growthLimit = 40 << 20

    private static func withUpstream(_ body: (ProxyHarness, TestUpstream) async throws -> Void) async throws {
        let upstream = try await TestUpstream.start(name: "a")
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await ProxyHarness.run(builder.build()) { proxy in try await body(proxy, upstream) }
    }

    @Test("a 100 MiB upload streams through the proxy intact")
    func upload() async throws {
        try await Self.withUpstream { proxy, upstream in
            var request = HTTPClientRequest(url: proxy.url("/upload"))
            request.method = .PUT
            request.body = .stream(PatternBody(total: Self.bodySize), length: .known(Int64(Self.bodySize)))
            let response = try await proxy.client.execute(request, timeout: .seconds(60))
            #expect(response.status == .ok)
            let report = try #require(upstream.log.requests.last)
            #expect(report.bodyLength == Self.bodySize)
            #expect(report.bodySHA256 == TestPattern.sha256(total: Self.bodySize))
        }
    }

    /// While the upstream reads nothing, what a client can push is what socket buffers
    /// and the proxy hold. A raw non-blocking socket counts exactly what the kernel
    /// accepted (an HTTP client library would buffer on its own side), so a proxy that
    /// did not gate its reads would take in most of the body here.
    @Test("while the upstream does not read, the proxy takes in a bounded part of a 100 MiB upload")
    func uploadBackpressure() async throws {
        try await Self.withUpstream { proxy, _ in
            let head = "PUT /upload HTTP/1.1\r\nHost: x\r\nx-test-pause-read-ms: 3000\r\nContent-Length: \(Self.bodySize)\r\n\r\n"
            let accepted = try RawUpload.push(head: head, bodySize: Self.bodySize, port: proxy.port, for: .milliseconds(1500))
            #expect(accepted < Self.growthLimit, "the proxy took in \(accepted >> 20) MiB before the upstream read")
        }
    }

    @Test("a 100 MiB download streams to a slow-starting client with bounded memory")
    func download() async throws {
        try await Self.withUpstream { proxy, _ in
            var request = HTTPClientRequest(url: proxy.url("/download"))
            request.headers.add(contentsOf: [("x-test-action", "stream"), ("x-test-stream-bytes", "\(Self.bodySize)")])
            let ((length, digest), growth) = try await ProcessMemory.peakGrowth {
                let response = try await proxy.client.execute(request, timeout: .seconds(60))
                #expect(response.headers.first(name: "content-length") == "\(Self.bodySize)")
                try await Task.sleep(for: .milliseconds(500))
                var hasher = SHA256()
                var length = 0
                for try await part in response.body {
                    length += part.readableBytes
                    part.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                }
                return (length, hasher.finalize().hex)
            }
            #expect(length == Self.bodySize)
            #expect(digest == TestPattern.sha256(total: Self.bodySize))
            #expect(growth < Self.growthLimit, "resident memory grew by \(growth >> 20) MiB")
        }
    }
}
