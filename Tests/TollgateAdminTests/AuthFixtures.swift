import Foundation
import Testing

/// The RSA fixtures made by `Fixtures/jwt/make_rsa_fixtures.py` (pyca/cryptography, not
/// jwt-kit): a public key as PEM and JWKS (`kid` `fixture-rsa-1`), and tokens signed with
/// its private key, which is not kept. Admin tokens expire in 2100.
enum AuthFixtures {
    static let rsaKeyID = "fixture-rsa-1"

    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/jwt"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// A fixture token, without its trailing newline.
    static func token(_ name: String) throws -> String {
        try text(name).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
