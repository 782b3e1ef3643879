/// A PEM file the proxy's TLS setup cannot use: which file (by its role), and why.
public struct PEMFileError: Error, CustomStringConvertible, Sendable {
    /// What the file was meant to hold.
    public enum Role: Sendable {
        /// The TLS listener's certificate chain, leaf first.
        case certificateChain
        /// The TLS listener's private key.
        case privateKey
        /// Extra CA certificates trusted for https upstreams.
        case trustedCertificates

        var noun: String {
            switch self {
            case .certificateChain: "certificate chain"
            case .privateKey: "private key"
            case .trustedCertificates: "CA bundle"
            }
        }
    }

    public let role: Role
    public let path: String
    /// What is wrong, phrased to follow the file's name.
    public let problem: String

    public var description: String { "the \(role.noun) \(path) \(problem)" }
}
