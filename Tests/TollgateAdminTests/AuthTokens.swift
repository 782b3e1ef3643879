import Foundation
import JWTKit
import TollgateCore

@testable import TollgateAdmin

/// Builds the tokens of the auth tests with jwt-kit (and by hand where jwt-kit refuses to).
enum AuthTokens {
    /// 64 bytes: long enough for the HS384 token of the "algorithm not allowed" case.
    static let secret = Array("tollgate-auth-tests-secret-long-enough-for-hs384-and-hs512-keys!!".utf8)
    static let otherSecret = Array("another-secret-that-is-long-enough-for-hs256".utf8)
    static let issuer = "https://issuer.tollgate.test"
    static let audience = "tollgate-admin"

    /// The claims of a valid admin token, valid for an hour, with the test issuer and audience.
    static func adminClaims(subject: String = "alice") -> [String: JSONValue] {
        unscopedAdminClaims(subject: subject).merging(["iss": .string(issuer), "aud": .string(audience)]) { $1 }
    }

    /// The claims of a valid admin token, valid for an hour, without `iss` and `aud`.
    static func unscopedAdminClaims(subject: String) -> [String: JSONValue] {
        let now = Int(Date().timeIntervalSince1970)
        return ["sub": .string(subject), "roles": ["ADMIN"], "iat": .int(now), "exp": .int(now + 3600)]
    }

    /// `claims` signed with the first key of `keys` (or the one named `kid`).
    static func sign(
        _ claims: [String: JSONValue], with keys: JWTKeyCollection, kid: String? = nil, header: JWTHeader = JWTHeader()
    ) async throws -> String {
        try await keys.sign(AdminTokenClaims(claims), kid: kid.map { JWKIdentifier(string: $0) }, header: header)
    }

    /// `claims` signed HS256 with ``secret`` (or another secret).
    static func hs256(_ claims: [String: JSONValue], secret: [UInt8] = secret) async throws -> String {
        try await sign(claims, with: JWTKeyCollection().add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256))
    }

    /// A token assembled by hand: base64url(header).base64url(claims).signature.
    static func assemble(header: JSONValue, claims: [String: JSONValue], signature: String = "") -> String {
        [JSONCoding.serialize(header), JSONCoding.serialize(.object(claims))]
            .map { base64URL(Data($0)) }.joined(separator: ".") + "." + signature
    }

    /// A copy of `token` with its payload replaced by `claims` and its signature kept.
    static func replacingClaims(of token: String, with claims: [String: JSONValue]) -> String {
        let parts = token.split(separator: ".")
        return [String(parts[0]), base64URL(Data(JSONCoding.serialize(.object(claims)))), String(parts[2])]
            .joined(separator: ".")
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
