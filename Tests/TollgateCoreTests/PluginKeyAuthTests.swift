import Testing
import TollgateCore

@Suite("key-auth plugin")
struct PluginKeyAuthTests {
    /// SHA-256 of `s3cret-key-1` and of `another-key-2`.
    static let firstDigest = "471ab1409a49f9f41dc83fe9480422b9df19e8ef3d096b8f034deae1d01b45be"
    static let secondDigest = "92a3e748b4b659fe8e0491175e27ca06c92bd9303e436e42116b6a00cba8a3cf"

    @Test func appliesDefaults() throws {
        #expect(
            try PluginFixture.config("key-auth", [:])
                == ["key_names": ["apikey"], "keys": [], "hide_credentials": true])
    }

    @Test func storesKeysOnlyAsSHA256Digests() throws {
        let stored = try PluginFixture.config(
            "key-auth",
            [
                "key_names": ["x-api-key", "apikey"], "hide_credentials": false,
                "keys": [["key": "s3cret-key-1", "tenant": "acme"], ["key": "another-key-2", "tenant": "beta@corp"]],
            ])
        #expect(
            stored == [
                "key_names": ["x-api-key", "apikey"], "hide_credentials": false,
                "keys": [
                    ["key_sha256": .string(Self.firstDigest), "tenant": "acme"],
                    ["key_sha256": .string(Self.secondDigest), "tenant": "beta@corp"],
                ],
            ])
        try PluginFixture.expectStable("key-auth", stored)
    }

    @Test func acceptsAStoredDigestAndLowercasesIt() throws {
        let stored = try PluginFixture.config(
            "key-auth", ["keys": [["key_sha256": .string(Self.firstDigest.uppercased()), "tenant": "acme"]]])
        #expect(stored.objectValue?["keys"] == [["key_sha256": .string(Self.firstDigest), "tenant": "acme"]])
    }

    @Test func publicViewShowsFingerprintsOnly() throws {
        let spec = try PluginSpec.parse([
            "name": "key-auth", "config": ["keys": [["key": "s3cret-key-1", "tenant": "acme"]]],
        ])
        #expect(
            spec.publicMembers["config"]?.objectValue?["keys"] == [
                ["fingerprint": "sha256:471ab1409a49", "tenant": "acme"]
            ])
        #expect(
            spec.members["config"]?.objectValue?["keys"] == [
                ["key_sha256": .string(Self.firstDigest), "tenant": "acme"]
            ])
    }

    @Test func patchKeepsStoredKeysUnlessKeysAreReplaced() throws {
        let spec = try PluginSpec.parse([
            "name": "key-auth", "config": ["keys": [["key": "s3cret-key-1", "tenant": "acme"]]],
        ])
        let toggled = try spec.patched(with: ["config": ["hide_credentials": false]])
        #expect(toggled.config.objectValue?["keys"] == spec.config.objectValue?["keys"])
        #expect(toggled.config.objectValue?["hide_credentials"] == false)

        let replaced = try spec.patched(with: [
            "config": [
                "keys": [
                    ["key_sha256": .string(Self.firstDigest), "tenant": "acme"],
                    ["key": "another-key-2", "tenant": "beta"],
                ]
            ]
        ])
        #expect(
            replaced.config.objectValue?["keys"] == [
                ["key_sha256": .string(Self.firstDigest), "tenant": "acme"],
                ["key_sha256": .string(Self.secondDigest), "tenant": "beta"],
            ])
    }

    @Test func patchRefusesADuplicateOfAStoredKey() throws {
        let spec = try PluginSpec.parse([
            "name": "key-auth", "config": ["keys": [["key": "s3cret-key-1", "tenant": "acme"]]],
        ])
        let errors = PluginFixture.fieldErrors { () throws(GatewayError) in
            _ = try spec.patched(with: [
                "config": [
                    "keys": [
                        ["key_sha256": .string(Self.firstDigest), "tenant": "acme"],
                        ["key": "s3cret-key-1", "tenant": "beta"],
                    ]
                ]
            ])
        }
        #expect(
            errors == [
                FieldError(
                    field: "config.keys[1].key", message: "is the same key as config.keys[0]; each key must be unique")
            ])
    }

    @Test(
        arguments: [
            (["keys": [["key": "short", "tenant": "acme"]]], "config.keys[0].key"),
            (["keys": [["key": "has a space", "tenant": "acme"]]], "config.keys[0].key"),
            (["keys": [["tenant": "acme"]]], "config.keys[0].key"),
            (
                [
                    "keys": [
                        [
                            "key": "s3cret-key-1", "key_sha256": .string(PluginKeyAuthTests.firstDigest),
                            "tenant": "acme",
                        ]
                    ]
                ], "config.keys[0].key_sha256"
            ),
            (["keys": [["key_sha256": "abc123", "tenant": "acme"]]], "config.keys[0].key_sha256"),
            (["keys": [["key": "s3cret-key-1"]]], "config.keys[0].tenant"),
            (["keys": [["key": "s3cret-key-1", "tenant": "bad tenant"]]], "config.keys[0].tenant"),
            (["keys": [["key": "s3cret-key-1", "tenant": "acme", "name": "ci"]]], "config.keys[0].name"),
            (
                ["keys": [["key": "s3cret-key-1", "tenant": "a"], ["key": "s3cret-key-1", "tenant": "b"]]],
                "config.keys[1].key"
            ),
            (
                [
                    "keys": [
                        ["key": "s3cret-key-1", "tenant": "a"],
                        ["key_sha256": .string(PluginKeyAuthTests.firstDigest), "tenant": "b"],
                    ]
                ], "config.keys[1].key_sha256"
            ),
            (["keys": ["s3cret-key-1"]], "config.keys[0]"),
            (["keys": ["key": "s3cret-key-1"]], "config.keys"),
            (["key_names": []], "config.key_names"),
            (["key_names": ["api key"]], "config.key_names[0]"),
            (["hide_credentials": "yes"], "config.hide_credentials"),
        ] as [(JSONValue, String)])
    func refuses(config: JSONValue, field: String) {
        #expect(PluginFixture.invalidFields("key-auth", config) == [field])
    }
}
