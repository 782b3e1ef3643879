import Foundation
import TollgateCore

/// A service's canary as the Kong engine keeps it: the spec and its timestamps in a
/// bookkeeping tag of the Kong service, and how it is carried out in Kong.
struct CanaryState: Sendable, Hashable {
    /// How Kong carries the canary out.
    enum Mode: Sendable, Hashable {
        /// Kong Enterprise's `canary` plugin on the service, with this id.
        case plugin(id: String)
        /// Weights shifted between stable and canary targets of the service's upstream (Kong OSS).
        case weights(upstream: String)
    }

    /// The tag key on the service.
    static let tagKey = "canary"

    var spec: CanarySpec
    var mode: Mode
    var createdAt: Date
    var updatedAt: Date
    /// The service's id: the canary's id in records.
    var serviceID: UUID

    init(spec: CanarySpec, mode: Mode, createdAt: Date, updatedAt: Date, serviceID: UUID) {
        self.spec = spec
        self.mode = mode
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.serviceID = serviceID
    }

    /// The canary kept on a Kong service, nil when it has none (or the tag is unreadable).
    init?(service: JSONValue) {
        guard let payload = KongTags.payload(Self.tagKey, in: service["tags"]?.strings ?? []),
            let json = try? JSONCoding.parse(Array(payload.utf8)), let specJSON = json["spec"],
            let spec = try? CanarySpec.parse(specJSON), let serviceID = service["id"]?.stringValue.flatMap(UUID.init)
        else { return nil }
        let mode: Mode
        if let id = json["plugin_id"]?.stringValue {
            mode = .plugin(id: id)
        } else if let upstream = json["upstream"]?.stringValue {
            mode = .weights(upstream: upstream)
        } else {
            return nil
        }
        self.init(
            spec: spec, mode: mode, createdAt: Date(timeIntervalSince1970: json["created_at"]?.doubleValue ?? 0),
            updatedAt: Date(timeIntervalSince1970: json["updated_at"]?.doubleValue ?? 0), serviceID: serviceID)
    }

    /// The bookkeeping tag that stores this canary.
    var tag: String {
        var members: [String: JSONValue] = [
            "spec": .object(spec.members.filter { $0.value != .null }),
            "created_at": .int(Int(createdAt.timeIntervalSince1970)), "updated_at": .int(Int(updatedAt.timeIntervalSince1970)),
        ]
        switch mode {
        case .plugin(let id): members["plugin_id"] = .string(id)
        case .weights(let upstream): members["upstream"] = .string(upstream)
        }
        return KongTags.tag(Self.tagKey, payload: JSONCoding.string(.object(members)))
    }

    /// The record the API shows, saying how Kong carries the canary out.
    func record(service: String) -> CanaryRecord {
        let metadata = EntityMetadata(id: serviceID, createdAt: createdAt, updatedAt: updatedAt, etag: KongEntity.etag(of: .string(tag)))
        return CanaryRecord(
            service: service, entity: Entity(metadata: metadata, spec: spec), currentPercentage: spec.percentage,
            implementation: implementation)
    }

    private var implementation: String {
        switch mode {
        case .plugin:
            "kong-enterprise-canary-plugin"
        case .weights(let upstream):
            "kong-target-weights: traffic is shifted by target weights in upstream '\(upstream)'; stickiness follows "
                + "that upstream's hash_on, not the canary's hash_on"
        }
    }
}
