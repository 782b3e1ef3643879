import Foundation
import NIOHTTP1
import TollgateCore

extension RequestHashing {
    /// The request's hash input, and the `Set-Cookie` to send when a sticky cookie was generated.
    /// A missing header gives no key (the balancer then falls back to round-robin).
    func key(for headers: HTTPHeaders, connection: ClientConnection) -> (HashKey?, String?) {
        switch self {
        case .none:
            return (nil, nil)
        case .header(let name):
            return (headers.first(name: name).map { HashKey(hashing: $0) }, nil)
        case .clientAddress:
            return (HashKey(hashing: connection.address), nil)
        case .cookie(let name, let path):
            if let value = Self.cookie(named: name, in: headers) {
                return (HashKey(hashing: value), nil)
            }
            let value = UUID().uuidString.lowercased()
            var cookie = "\(name)=\(value); Path=\(path); HttpOnly; SameSite=Lax"
            if connection.scheme == .https { cookie += "; Secure" }
            return (HashKey(hashing: value), cookie)
        }
    }

    /// The value of cookie `name` in the request's `Cookie` headers.
    static func cookie(named name: String, in headers: HTTPHeaders) -> Substring? {
        for header in headers[canonicalForm: "cookie"] {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop { $0 == " " }
                guard let equals = trimmed.firstIndex(of: "="), trimmed[..<equals] == name else { continue }
                return trimmed[trimmed.index(after: equals)...]
            }
        }
        return nil
    }
}
