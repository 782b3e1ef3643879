import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The HS256 secret Tollgate creates at first start when no key is configured:
/// 32 random bytes, base64, in `<data-dir>/admin-jwt-secret`, mode 0600.
public enum AdminSecretFile {
    /// The file's name inside the data directory.
    public static let fileName = "admin-jwt-secret"

    /// Reads the secret, or creates it (and the data directory, mode 0700) when the file does not exist.
    /// - Parameter dataDirectory: Tollgate's data directory.
    /// - Returns: The secret and whether this call created it.
    /// - Throws: ``AdminAuthConfigurationError/unusableSecretFile(path:reason:)`` when the file
    ///   is readable by other users, is not base64, holds fewer than 32 bytes, or cannot be written.
    public static func loadOrCreate(dataDirectory: String) throws(AdminAuthConfigurationError) -> (
        secret: [UInt8], created: Bool
    ) {
        let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent(fileName).path
        if FileManager.default.fileExists(atPath: path) {
            return (try load(path: path), false)
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<AdminAuthConfiguration.minimumSecretLength).map { _ in
            UInt8.random(in: .min ... .max, using: &generator)
        }
        do {
            try FileManager.default.createDirectory(
                atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try writeAtomically(Data(Data(secret).base64EncodedString().utf8), to: path)
        } catch {
            throw .unusableSecretFile(path: path, reason: "it cannot be written: \(error)")
        }
        return (secret, true)
    }

    private static func load(path: String) throws(AdminAuthConfigurationError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unusableSecretFile(path: path, reason: lastErrorText) }
        guard info.st_mode & 0o077 == 0 else {
            throw .unusableSecretFile(path: path, reason: "other users may access it; run `chmod 600 \(path)`")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let secret = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            throw .unusableSecretFile(
                path: path, reason: "it does not hold a base64 secret; delete it to create a new one")
        }
        guard secret.count >= AdminAuthConfiguration.minimumSecretLength else {
            throw .unusableSecretFile(
                path: path,
                reason: "it holds \(secret.count) bytes, at least \(AdminAuthConfiguration.minimumSecretLength) "
                    + "are needed; delete it to create a new one")
        }
        return Array(secret)
    }

    /// Writes a mode-0600 temporary file next to `path`, flushes it, and renames it over `path`.
    private static func writeAtomically(_ contents: Data, to path: String) throws {
        let temporary = path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw WriteError(description: "\(temporary): \(lastErrorText)") }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try file.write(contentsOf: contents)
            try file.synchronize()
            try file.close()
            guard rename(temporary, path) == 0 else { throw WriteError(description: lastErrorText) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    private struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    private static var lastErrorText: String { String(cString: strerror(errno)) }
}
