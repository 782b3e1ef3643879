import Foundation
import TollgateCore

/// The common fields of a Kong entity as Tollgate shows them: `id`, the
/// timestamps, and an `etag` computed from the entity's content (Kong keeps none).
enum KongEntity {
    /// The metadata of a Kong entity JSON object.
    /// - Throws: ``GatewayError/backend(_:)`` when Kong's answer has no usable `id`.
    static func metadata(_ entity: JSONValue, extra: JSONValue = .null) throws(GatewayError) -> EntityMetadata {
        guard let text = entity["id"]?.stringValue, let id = UUID(uuidString: text) else {
            throw .backend("Kong answered with an entity without a UUID id; is the Admin URL a Kong Admin API?")
        }
        let created = date(entity["created_at"])
        let updated = entity["updated_at"].map(date) ?? created
        return EntityMetadata(id: id, createdAt: created, updatedAt: updated, etag: etag(of: [entity, extra]))
    }

    /// The etag of a Kong entity that may be absent (for ``Precondition/check(_:current:)``).
    static func etag(ofEntity entity: JSONValue?) throws(GatewayError) -> String? {
        guard let entity else { return nil }
        return try metadata(entity).etag
    }

    /// An etag for content: FNV-1a (64 bits) over its canonical JSON, in hex.
    static func etag(of content: JSONValue) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in JSONCoding.serialize(content) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Kong's Unix-time stamps (integers, or seconds with a fraction on targets).
    private static func date(_ value: JSONValue?) -> Date {
        Date(timeIntervalSince1970: (value?.doubleValue ?? 0).rounded(.down))
    }

    /// The id of a foreign key object (`"service": {"id": "…"}`), when set.
    static func foreignID(_ value: JSONValue?) -> String? {
        value?["id"]?.stringValue
    }

    /// The user tags of a Kong entity: Tollgate's own bookkeeping tags left out.
    static func userTags(_ entity: JSONValue) -> [String] {
        (entity["tags"]?.strings ?? []).filter { !$0.hasPrefix(KongTags.prefix) }
    }
}
