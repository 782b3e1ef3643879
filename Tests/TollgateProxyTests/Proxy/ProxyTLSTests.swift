import Foundation
import NIOHTTP1
import Testing
import TollgateCore
import TollgateProxy

/// TLS on both sides of the proxy: https upstreams with certificate and host name
/// verification, and the TLS listener whose clients are `https` clients.
@Suite("Proxy TLS")
struct ProxyTLSTests {
    private let certificates: TestCertificates
    private let trustingTestCA: UpstreamTLS

    init() throws {
        certificates = try TestCertificates.shared()
        trustingTestCA = try UpstreamTLS(additionalCAFile: certificates.trustedCA)
    }

    @Test(
        "an https service is reached over TLS with its certificate verified, SNI for names only, connections pooled",
        arguments: [("upstream.test", "upstream.test"), ("127.0.0.1", nil)] as [(String, String?)])
    func httpsUpstream(host: String, serverName: String?) async throws {
        let upstream = try await TLSTestUpstream.start(name: "secure", identity: certificates.server)
        var builder = ConfigBuilder()
        builder.add(.https("svc", host: host, port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await TLSProxyHarness.run(builder.build(), upstreamTLS: trustingTestCA) { proxy in
            for attempt in 1...3 {
                let response = try await proxy.get("/hello/\(attempt)")
                #expect(response.status == .ok)
                let report = try response.report()
                #expect(report.uri == "/hello/\(attempt)")
                #expect(report.value("host") == "\(host):\(upstream.port)")
                #expect(report.value("x-forwarded-proto") == "http")
            }
        }
        #expect(upstream.log.connections == 1, "one pooled TLS connection serves every request")
        #expect(upstream.handshakeServerNames == [serverName])
    }

    @Test("an https service balanced over an upstream reaches its targets over TLS, SNI from the target's host")
    func httpsBalancedUpstream() async throws {
        let upstream = try await TLSTestUpstream.start(name: "secure", identity: certificates.server)
        var builder = ConfigBuilder()
        builder.add(UpstreamSpec(name: "secure-pool"), targets: [TargetSpec(target: "upstream.test:\(upstream.port)")])
        builder.add(.https("svc", host: "secure-pool", port: 443), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await TLSProxyHarness.run(builder.build(), upstreamTLS: trustingTestCA) { proxy in
            let response = try await proxy.get("/pooled")
            #expect(response.status == .ok)
            #expect(try response.report().uri == "/pooled")
        }
        #expect(upstream.handshakeServerNames == ["upstream.test"])
    }

    @Test("an upstream certificate from an untrusted CA: 502, and no request reaches it")
    func untrustedCA() async throws {
        let upstream = try await TLSTestUpstream.start(name: "rogue", identity: certificates.untrusted)
        try await expectRefused(upstream, host: "upstream.test", upstreamTLS: trustingTestCA)
    }

    @Test("a certificate for another name: 502, and no request reaches it")
    func hostnameMismatch() async throws {
        let upstream = try await TLSTestUpstream.start(name: "elsewhere", identity: certificates.otherName)
        try await expectRefused(upstream, host: "upstream.test", upstreamTLS: trustingTestCA)
    }

    @Test("verification is on by default: the system trust store does not know the test CA")
    func systemTrustStoreOnly() async throws {
        let upstream = try await TLSTestUpstream.start(name: "private-ca", identity: certificates.server)
        try await expectRefused(upstream, host: "upstream.test", upstreamTLS: .systemTrustStore)
    }

    /// A request to `upstream` over https fails with a 502 problem after every attempt's handshake, sending nothing.
    private func expectRefused(_ upstream: TLSTestUpstream, host: String, upstreamTLS: UpstreamTLS) async throws {
        var builder = ConfigBuilder()
        builder.add(.https("svc", host: host, port: upstream.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        try await TLSProxyHarness.run(builder.build(), upstreamTLS: upstreamTLS) { proxy in
            let response = try await proxy.get("/secret")
            #expect(response.status == .badGateway)
            #expect(try response.problem().detail.contains("'svc'"))
        }
        #expect(upstream.log.requests.isEmpty)
        #expect(upstream.handshakeServerNames.count == 2, "the failed handshake is retried (retries: 1)")
    }

    @Test(
        "a mirror over https is verified as the services are: the upstream CA file is trusted, nothing else",
        arguments: [true, false])
    func httpsMirror(trustsTestCA: Bool) async throws {
        let primary = try await TestUpstream.start(name: "primary")
        let mirror = try await TLSTestUpstream.start(name: "shadow", identity: certificates.server)
        var builder = ConfigBuilder()
        builder.add(.to("svc", port: primary.port), routes: [RouteSpec(name: "r", paths: ["/"])])
        builder.set(
            mirror: MirrorSpec(destination: .url(try UpstreamURL.parse("https://upstream.test:\(mirror.port)").get())),
            route: "r")
        let config = builder.build()
        let mirrorID = try #require(config.mirrors.first?.entity.metadata.id)
        try await TLSProxyHarness.run(config, upstreamTLS: trustsTestCA ? trustingTestCA : .systemTrustStore) {
            (proxy: TLSProxyHarness) async throws in
            #expect(try await proxy.get("/copied").status == .ok)
            await waitUntil("the copy's outcome is counted") {
                let counters = proxy.trafficStats.mirror(mirrorID)
                return counters.sent + counters.failed == 1
            }
            #expect(proxy.trafficStats.mirror(mirrorID) == MirrorCounters(sent: trustsTestCA ? 1 : 0, failed: trustsTestCA ? 0 : 1))
        }
        #expect(mirror.log.requests.map(\.uri) == (trustsTestCA ? ["/copied"] : []))
        #expect(mirror.handshakeServerNames == ["upstream.test"])
    }

    @Test("the TLS listener serves https-only routes (X-Forwarded-Proto https); the plain one answers 426")
    func tlsListener() async throws {
        let upstream = try await TestUpstream.start(name: "plain")
        var builder = ConfigBuilder()
        builder.add(
            .to("svc", port: upstream.port), routes: [RouteSpec(name: "secure", paths: ["/secure"], protocols: [.https])])
        let listener = try TLSListener(
            host: "127.0.0.1", port: 0, certificateChainFile: certificates.server.certificate,
            privateKeyFile: certificates.server.key)
        try await TLSProxyHarness.run(builder.build(), upstreamTLS: trustingTestCA, listener: listener) { proxy in
            let response = try await proxy.get("/secure/page", overTLS: true)
            #expect(response.status == .ok)
            let report = try response.report()
            #expect(report.value("x-forwarded-proto") == "https")
            #expect(report.value("x-forwarded-port") == proxy.tlsPort.map(String.init))

            let plain = try await proxy.get("/secure/page")
            #expect(plain.status == .upgradeRequired, "Kong's answer on the plain listener")
            #expect(plain.headers.first(name: "upgrade") == "TLS/1.2, HTTP/1.1")
            #expect(try plain.problem().detail == "Please use HTTPS protocol")
            #expect(try await proxy.get("/elsewhere").status == .notFound)
            #expect(upstream.log.requests.count == 1, "the plain listener sent nothing upstream")
        }
    }

    @Test("a sticky cookie set over the TLS listener is Secure")
    func secureStickyCookie() async throws {
        let upstream = try await TestUpstream.start(name: "shop")
        var builder = ConfigBuilder()
        builder.add(
            UpstreamSpec(name: "pool", algorithm: .consistentHashing, hashOn: .cookie, hashOnCookie: "tg_sticky"),
            targets: [TargetSpec(target: upstream.address)])
        builder.add(.balanced("svc", upstream: "pool"), routes: [RouteSpec(name: "r", paths: ["/"])])
        let listener = try TLSListener(
            host: "127.0.0.1", port: 0, certificateChainFile: certificates.server.certificate,
            privateKeyFile: certificates.server.key)
        try await TLSProxyHarness.run(builder.build(), upstreamTLS: trustingTestCA, listener: listener) { proxy in
            let secure = try await proxy.get("/cart", overTLS: true)
            let secureCookie = try #require(secure.headers.first(name: "set-cookie"))
            #expect(secureCookie.hasSuffix("; Secure"))
            let plain = try await proxy.get("/cart")
            #expect(plain.headers.first(name: "set-cookie")?.contains("Secure") == false)
        }
    }

    @Test("the TLS listener refuses unusable PEM files, naming the file and its role")
    func listenerFileErrors() throws {
        let server = certificates.server
        let cases: [(certificate: String, key: String, role: PEMFileError.Role, path: String)] = [
            ("/nonexistent/cert.pem", server.key, .certificateChain, "/nonexistent/cert.pem"),
            (server.key, server.key, .certificateChain, server.key),
            (server.certificate, "/nonexistent/key.pem", .privateKey, "/nonexistent/key.pem"),
            (server.certificate, server.certificate, .privateKey, server.certificate),
            (server.certificate, certificates.untrusted.key, .privateKey, certificates.untrusted.key),
        ]
        for item in cases {
            let error = #expect(throws: PEMFileError.self) {
                try TLSListener(host: "127.0.0.1", port: 0, certificateChainFile: item.certificate, privateKeyFile: item.key)
            }
            #expect(error?.role == item.role, "\(item)")
            #expect(error?.path == item.path, "\(item)")
        }
        #expect(throws: PEMFileError.self) { try UpstreamTLS(additionalCAFile: "/nonexistent/ca.pem") }
    }
}
