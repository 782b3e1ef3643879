import Testing
import TollgateCore

@Suite("jwt plugin")
struct PluginJWTTests {
    static let secret = "abcdefghijklmnopqrstuvwxyz012345"
    static let ecKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEQKNGUgIpFkycLQfjxpe9UnI+K1Zm
        lwLvhTKPS191t1HgkdJTEkhcNZw+JPFP+ZT1p1nD/lj6sl0dZKGRbwQ8hA==
        -----END PUBLIC KEY-----

        """
    static let rsaKey = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAzwm7WXc5WKYyDc9wSyS9
        AUTmgES1Eb5ShCYauO98Q/BE3zTBsK/eoezH8iFkDOmy3YAkxQAbh9TgqzBF6rad
        05T8trl6o1+18c6qwgH5NDQM7Jktf5YzyF+QniZfQIKjROkYWYvfx3ql5yySDkju
        SHseEPH7zyMkDuyDULqRHW489o+Nq2qwN1ZhZQBt4nzeuymbOvA1AV8UYwlu5y8o
        Q4QV38khxY5LJW7idYqdxZe4fx6x4p6bq11yfLveW1O6MG372ouR7FECGKDsiztP
        E0Toc7ovNvgmWLEC0Byo4hN/Ep0n/C6R5p8x126wqH6VvNd8ASjQR3kSMyZhNAUK
        9QIDAQAB
        -----END PUBLIC KEY-----
        """

    @Test func appliesDefaults() throws {
        #expect(
            try PluginFixture.config("jwt", ["secret": .string(Self.secret)])
                == [
                    "secret": .string(Self.secret), "public_key": nil, "jwks_url": nil, "claims_to_verify": ["exp"],
                    "tenant_claim": "tenant_id", "header_names": ["authorization"], "maximum_expiration": 0,
                ])
    }

    @Test(arguments: [PluginJWTTests.ecKey, PluginJWTTests.rsaKey])
    func acceptsPEMPublicKeys(_ key: String) throws {
        let stored = try PluginFixture.config("jwt", ["public_key": .string(key)])
        #expect(stored.objectValue?["public_key"] == .string(key))
    }

    @Test func roundTripsAFullConfig() throws {
        let full: JSONValue = [
            "secret": nil, "public_key": nil, "jwks_url": "https://idp.example.com/.well-known/jwks.json?tenant=a",
            "claims_to_verify": ["exp", "nbf"], "tenant_claim": "org.tenant",
            "header_names": ["authorization", "x-token"], "maximum_expiration": 3600,
        ]
        #expect(try PluginFixture.config("jwt", full) == full)
    }

    @Test func publicViewShowsOnlyAFingerprintOfTheSecret() throws {
        let spec = try PluginSpec.parse(["name": "jwt", "config": ["secret": .string(Self.secret)]])
        let shown = spec.publicMembers["config"]?.objectValue
        #expect(shown?["secret"] == nil)
        // SHA-256 of the secret starts with 653bb1245e82.
        #expect(shown?["secret_fingerprint"] == "sha256:653bb1245e82")
        let jwks = try PluginSpec.parse(["name": "jwt", "config": ["jwks_url": "https://idp.example.com/jwks"]])
        #expect(jwks.publicMembers["config"]?.objectValue?["secret_fingerprint"] == .null)
    }

    @Test func patchSwitchesTheKeySourceWhenTheOldOneIsCleared() throws {
        let spec = try PluginSpec.parse(["name": "jwt", "config": ["secret": .string(Self.secret)]])
        let both = PluginFixture.fieldErrors { () throws(GatewayError) in
            _ = try spec.patched(with: ["config": ["jwks_url": "https://idp.example.com/jwks"]])
        }
        #expect(both.map(\.field) == ["config.jwks_url"])
        let switched = try spec.patched(with: ["config": ["secret": nil, "jwks_url": "https://idp.example.com/jwks"]])
        #expect(switched.config.objectValue?["secret"] == .null)
        #expect(switched.config.objectValue?["jwks_url"] == "https://idp.example.com/jwks")
    }

    @Test(
        arguments: [
            ([:], "config.secret"),
            (["secret": "too-short"], "config.secret"),
            (
                ["secret": .string(PluginJWTTests.secret), "jwks_url": "https://idp.example.com/jwks"],
                "config.jwks_url"
            ),
            (["public_key": "not a key"], "config.public_key"),
            (
                ["public_key": .string(PluginJWTTests.ecKey.replacing("PUBLIC KEY", with: "PRIVATE KEY"))],
                "config.public_key"
            ),
            (["public_key": .string(PluginJWTTests.rsaKey.replacing("9QIDAQAB\n", with: ""))], "config.public_key"),
            (["public_key": .string(PluginJWTTests.ecKey.replacing("MFkw", with: "MF*w"))], "config.public_key"),
            (["jwks_url": "ftp://idp.example.com/jwks"], "config.jwks_url"),
            (["jwks_url": "https://idp.example.com/jwks#keys"], "config.jwks_url"),
            (["jwks_url": "https://idp.example.com/jwks", "claims_to_verify": ["iat"]], "config.claims_to_verify[0]"),
            (["jwks_url": "https://idp.example.com/jwks", "header_names": []], "config.header_names"),
            (["jwks_url": "https://idp.example.com/jwks", "tenant_claim": ""], "config.tenant_claim"),
            (
                ["jwks_url": "https://idp.example.com/jwks", "maximum_expiration": 31_536_001],
                "config.maximum_expiration"
            ),
            (
                ["jwks_url": "https://idp.example.com/jwks", "maximum_expiration": 60, "claims_to_verify": ["nbf"]],
                "config.maximum_expiration"
            ),
            (["jwks_url": "https://idp.example.com/jwks", "algorithms": ["HS256"]], "config.algorithms"),
        ] as [(JSONValue, String)])
    func refuses(config: JSONValue, field: String) {
        #expect(PluginFixture.invalidFields("jwt", config) == [field])
    }
}
