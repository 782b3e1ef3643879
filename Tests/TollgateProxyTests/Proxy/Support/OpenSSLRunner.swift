import Foundation

/// Runs `openssl` in one directory to make test CAs and server certificates (P-256 keys).
struct OpenSSLRunner {
    /// `openssl` exited with an error.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let directory: String

    func path(_ name: String) -> String { "\(directory)/\(name)" }

    /// `<name>.pem` and `<name>.key`: a self-signed CA.
    func makeCA(_ name: String, commonName: String) throws {
        try write(
            """
            [req]
            distinguished_name = dn
            prompt = no
            x509_extensions = ca
            [dn]
            CN = \(commonName)
            [ca]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            """, to: "\(name).cnf")
        try run(
            ["req", "-x509", "-config", path("\(name).cnf"), "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
             "-nodes", "-keyout", path("\(name).key"), "-out", path("\(name).pem"), "-days", "30"])
    }

    /// `<name>.pem` and `<name>.key`: a server certificate for `subjectAltNames`, signed by the CA `ca`.
    func makeServer(_ name: String, signedBy ca: String, subjectAltNames: [String]) throws -> TestCertificates.Identity {
        try write(
            """
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = \(name)
            [server]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = \(subjectAltNames.joined(separator: ", "))
            authorityKeyIdentifier = keyid
            """, to: "\(name).cnf")
        try run(
            ["req", "-new", "-config", path("\(name).cnf"), "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
             "-nodes", "-keyout", path("\(name).key"), "-out", path("\(name).csr")])
        try run(
            ["x509", "-req", "-in", path("\(name).csr"), "-CA", path("\(ca).pem"), "-CAkey", path("\(ca).key"),
             "-set_serial", String(UInt32.random(in: 1...UInt32.max)), "-days", "30", "-extfile", path("\(name).cnf"),
             "-extensions", "server", "-out", path("\(name).pem")])
        return TestCertificates.Identity(certificate: path("\(name).pem"), key: path("\(name).key"))
    }

    private func write(_ text: String, to name: String) throws {
        try (text + "\n").write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "openssl \(arguments.joined(separator: " ")) failed (install openssl): "
                    + String(decoding: output, as: UTF8.self))
        }
    }
}
