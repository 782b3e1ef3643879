import Foundation

/// The fields every entity carries beside its own: identity, timestamps, version tag.
public struct EntityMetadata: Sendable, Hashable {
    /// Server-assigned, stable across updates.
    public var id: UUID
    public var createdAt: Date
    public var updatedAt: Date
    /// Opaque version tag; changes with every update (compared with `If-Match`).
    public var etag: String

    public init(id: UUID, createdAt: Date, updatedAt: Date, etag: String) {
        self.id = id
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.etag = etag
    }

    /// The metadata fields as JSON members.
    public var members: [String: JSONValue] {
        [
            "id": .string(id.uuidString.lowercased()),
            "created_at": .string(Timestamp.format(createdAt)),
            "updated_at": .string(Timestamp.format(updatedAt)),
            "etag": .string(etag),
        ]
    }
}

/// The configuration of one kind of entity, as clients write it.
///
/// A spec is read from a body with full validation and written back as JSON;
/// the stored form of an entity is its spec's JSON.
public protocol EntitySpec: Sendable, Hashable {
    /// Reads the spec from a body object, recording every problem; nil when invalid.
    static func read(_ reader: ObjectReader) -> Self?
    /// The spec's fields as JSON members, defaults included.
    var members: [String: JSONValue] { get }
}

extension EntitySpec {
    /// Parses and validates a whole body, rejecting unknown fields.
    public static func parse(_ body: JSONValue) throws(GatewayError) -> Self {
        try Validator.parse(body, read)
    }

    /// The spec as a JSON object.
    public var json: JSONValue { .object(members) }
}

/// A stored entity: its metadata and its spec.
public struct Entity<Spec: EntitySpec>: Sendable, Hashable {
    public var metadata: EntityMetadata
    public var spec: Spec

    public init(metadata: EntityMetadata, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }

    /// Spec and metadata members together, plus `extra` (e.g. the owning service's name).
    public func json(adding extra: [String: JSONValue] = [:]) -> JSONValue {
        .object(spec.members.merging(metadata.members) { spec, _ in spec }.merging(extra) { _, extra in extra })
    }
}

/// Something the management API answers with: a JSON body and, for single
/// entities, the `etag` sent as the `ETag` header.
public protocol APIRepresentable: Sendable {
    var json: JSONValue { get }
    var etag: String? { get }
}

/// The result of a create-or-update: the entity and whether it was new (201) or replaced (200).
public struct Upserted<Record: APIRepresentable>: Sendable {
    public var record: Record
    public var created: Bool

    public init(_ record: Record, created: Bool) {
        self.record = record
        self.created = created
    }
}
