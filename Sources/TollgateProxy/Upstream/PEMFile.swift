import Foundation
import NIOSSL

/// Reads certificates and keys from PEM files, with errors that name the file and say what to fix.
enum PEMFile {
    /// Every certificate in the file, in order; at least one.
    static func certificates(at path: String, role: PEMFileError.Role) throws(PEMFileError) -> [NIOSSLCertificate] {
        try requireReadable(path, role: role)
        let certificates = try? NIOSSLCertificate.fromPEMFile(path)
        guard let certificates, !certificates.isEmpty else {
            throw PEMFileError(
                role: role, path: path, problem: "holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        return certificates
    }

    /// The file's unencrypted private key.
    static func privateKey(at path: String) throws(PEMFileError) -> NIOSSLPrivateKey {
        try requireReadable(path, role: .privateKey)
        do {
            return try NIOSSLPrivateKey(file: path, format: .pem)
        } catch {
            throw PEMFileError(
                role: .privateKey, path: path,
                problem: "holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)")
        }
    }

    private static func requireReadable(_ path: String, role: PEMFileError.Role) throws(PEMFileError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PEMFileError(role: role, path: path, problem: "does not exist")
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
            throw PEMFileError(role: role, path: path, problem: "is not a readable file")
        }
    }
}
