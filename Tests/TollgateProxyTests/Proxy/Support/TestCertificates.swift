import Foundation

/// Certificates for the TLS tests, made with `openssl` once per test run in a
/// temporary directory: a CA the tests trust, one nobody trusts, and server
/// certificates signed by them. Nothing is committed, nothing expires in the repository.
struct TestCertificates: Sendable {
    /// A certificate (chain) file and its private key file, both PEM.
    struct Identity: Sendable {
        let certificate: String
        let key: String
    }

    /// The names the good server certificates carry.
    static let serverNames = ["localhost", "upstream.test"]

    /// The CA certificate the proxy is told to trust (`--upstream-ca-file`).
    let trustedCA: String
    /// For ``serverNames`` and 127.0.0.1, signed by the trusted CA.
    let server: Identity
    /// The same names, signed by a CA nobody trusts.
    let untrusted: Identity
    /// For `elsewhere.test` only, signed by the trusted CA.
    let otherName: Identity

    /// The certificates of this test run (made on first use).
    static func shared() throws -> TestCertificates {
        try made.get()
    }

    private static let made = Result { try make() }

    private static func make() throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tollgate-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let openssl = OpenSSLRunner(directory: directory)
        try openssl.makeCA("trusted-ca", commonName: "Tollgate Test CA")
        try openssl.makeCA("rogue-ca", commonName: "Tollgate Rogue CA")
        let goodNames = serverNames.map { "DNS:\($0)" } + ["IP:127.0.0.1"]
        return TestCertificates(
            trustedCA: openssl.path("trusted-ca.pem"),
            server: try openssl.makeServer("server", signedBy: "trusted-ca", subjectAltNames: goodNames),
            untrusted: try openssl.makeServer("untrusted", signedBy: "rogue-ca", subjectAltNames: goodNames),
            otherName: try openssl.makeServer("other", signedBy: "trusted-ca", subjectAltNames: ["DNS:elsewhere.test"]))
    }
}
