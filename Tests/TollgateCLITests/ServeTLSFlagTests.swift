import Foundation
import Testing

/// `serve`'s TLS flags: `--proxy-tls-listen` with `--tls-cert` and `--tls-key`, and `--upstream-ca-file`.
@Suite("tollgate serve TLS flags")
struct ServeTLSFlagTests {
    @Test(
        "a TLS listener flag without the others is a usage error: status 2, one line naming what is missing",
        arguments: [
            (["--proxy-tls-listen", "127.0.0.1:0"], "--tls-cert"),
            (["--proxy-tls-listen", "127.0.0.1:0", "--tls-cert", "/tmp/cert.pem"], "--tls-key"),
            (["--tls-cert", "/tmp/cert.pem", "--tls-key", "/tmp/key.pem"], "--proxy-tls-listen"),
            (["--tls-key", "/tmp/key.pem"], "--proxy-tls-listen"),
            (
                ["--proxy-tls-listen", "nonsense", "--tls-cert", "/tmp/cert.pem", "--tls-key", "/tmp/key.pem"],
                "--proxy-tls-listen"
            ),
        ])
    func incompleteFlags(arguments: [String], named flag: String) async throws {
        let result = try await GatewayProcess.run(serveArguments(temporaryDataDirectory()) + arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments): \(result.stderr)")
        #expect(lines.first?.contains(flag) == true, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("the environment twins enable the TLS listener too")
    func environmentTwins() async throws {
        let result = try await GatewayProcess.run(
            serveArguments(temporaryDataDirectory()), environment: ["TOLLGATE_PROXY_TLS_LISTEN": "127.0.0.1:0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--tls-cert"))
    }

    @Test("an unusable certificate, key or CA file stops the start with status 1, naming its flag")
    func unusableFiles() async throws {
        let directory = temporaryDataDirectory()
        let first = try SelfSignedCertificate.make(in: directory, name: "first")
        let second = try SelfSignedCertificate.make(in: directory, name: "second")
        let cases: [([String], String)] = [
            (first.listenerArguments(certificate: "\(directory)/missing.pem"), "--tls-cert"),
            (first.listenerArguments(key: "\(directory)/missing.key"), "--tls-key"),
            (first.listenerArguments(key: second.key), "--tls-key"),
            (first.listenerArguments(certificate: first.key), "--tls-cert"),
            (["--upstream-ca-file", "\(directory)/missing-ca.pem"], "--upstream-ca-file"),
        ]
        for (arguments, flag) in cases {
            let result = try await GatewayProcess.run(serveArguments(temporaryDataDirectory()) + arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("tollgate: \(flag): "), "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("management API:"), "\(arguments): nothing started")
        }
    }

    @Test("with a certificate and key the TLS listener answers https, verified by curl")
    func listenerServes() async throws {
        let directory = temporaryDataDirectory()
        let identity = try SelfSignedCertificate.make(in: directory, name: "server")
        let gateway = try GatewayProcess(serveArguments(temporaryDataDirectory()) + identity.listenerArguments())
        let line = try await gateway.waitForLine(containing: "proxy (TLS):")
        let url = try #require(line.split(separator: " ").last.map(String.init))
        #expect(url.hasPrefix("https://127.0.0.1:"))
        let curl = try SelfSignedCertificate.run(
            "curl", ["-s", "--cacert", identity.certificate, "-o", "/dev/null", "-w", "%{http_code}", url + "/none"])
        #expect(curl == "404", "no route matches, answered over verified TLS")
        gateway.send(signal: SIGTERM)
        #expect(try await gateway.waitForExit() == 0)
    }
}

/// A self-signed certificate for 127.0.0.1 and its key, made with `openssl`.
private struct SelfSignedCertificate {
    let certificate: String
    let key: String

    static func make(in directory: String, name: String) throws -> SelfSignedCertificate {
        let identity = SelfSignedCertificate(certificate: "\(directory)/\(name).pem", key: "\(directory)/\(name).key")
        _ = try run(
            "openssl",
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
             "-subj", "/CN=\(name)", "-addext", "subjectAltName=IP:127.0.0.1",
             "-keyout", identity.key, "-out", identity.certificate])
        return identity
    }

    /// `--proxy-tls-listen 127.0.0.1:0` with this identity's files, or the ones given.
    func listenerArguments(certificate: String? = nil, key: String? = nil) -> [String] {
        ["--proxy-tls-listen", "127.0.0.1:0", "--tls-cert", certificate ?? self.certificate, "--tls-key", key ?? self.key]
    }

    /// Runs a tool from PATH and returns its standard output; throws when it fails.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GatewayProcessError("\(tool) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
