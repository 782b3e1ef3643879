import TollgateCore

/// The part of a Kong entity schema the emulator enforces: defaults (re-applied by
/// PUT), known fields (others are `unknown field`), required fields, the endpoint
/// key that paths may use instead of the id, and number ranges.
struct EmulatedSchema: Sendable {
    let collection: String
    /// The field a path may name the entity by (`name`, `username`); nil when only ids work.
    let endpointKey: String?
    let defaults: [String: JSONValue]
    let required: [String]
    /// Integer fields and their accepted range.
    let ranges: [String: ClosedRange<Int>]
    /// One-of fields and their accepted values.
    let choices: [String: [String]]

    /// Every field an entity of this schema may carry.
    var known: Set<String> { Set(defaults.keys).union(required).union(["id", "created_at", "updated_at"]) }

    static let services = EmulatedSchema(
        collection: "services", endpointKey: "name",
        defaults: [
            "name": nil, "protocol": "http", "port": 80, "path": nil, "retries": 5, "connect_timeout": 60000,
            "write_timeout": 60000, "read_timeout": 60000, "tags": nil, "enabled": true, "client_certificate": nil,
            "tls_verify": nil, "tls_verify_depth": nil, "ca_certificates": nil, "url": nil,
        ],
        required: ["host"],
        ranges: ["port": 0...65535, "retries": 0...32767, "connect_timeout": 1...2_147_483_646,
                 "write_timeout": 1...2_147_483_646, "read_timeout": 1...2_147_483_646],
        choices: ["protocol": ["http", "https", "grpc", "grpcs", "tcp", "tls", "udp", "ws", "wss"]])

    static let routes = EmulatedSchema(
        collection: "routes", endpointKey: "name",
        defaults: [
            "name": nil, "protocols": ["http", "https"], "methods": nil, "hosts": nil, "paths": nil, "headers": nil,
            "snis": nil, "sources": nil, "destinations": nil, "https_redirect_status_code": 426,
            "regex_priority": 0, "strip_path": true, "path_handling": "v0", "preserve_host": false,
            "request_buffering": true, "response_buffering": true, "tags": nil, "service": nil,
        ],
        required: [], ranges: ["regex_priority": -2_147_483_648...2_147_483_647], choices: [:])

    static let upstreams = EmulatedSchema(
        collection: "upstreams", endpointKey: "name",
        defaults: [
            "algorithm": "round-robin", "hash_on": "none", "hash_fallback": "none", "hash_on_header": nil,
            "hash_fallback_header": nil, "hash_on_cookie": nil, "hash_on_cookie_path": "/", "hash_on_query_arg": nil,
            "hash_fallback_query_arg": nil, "hash_on_uri_capture": nil, "hash_fallback_uri_capture": nil,
            "slots": 10000, "healthchecks": defaultHealthchecks, "tags": nil, "host_header": nil,
            "client_certificate": nil, "use_srv_name": false,
        ],
        required: ["name"], ranges: ["slots": 10...65536],
        choices: [
            "algorithm": ["round-robin", "consistent-hashing", "least-connections", "latency"],
            "hash_on": ["none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture"],
        ])

    static let targets = EmulatedSchema(
        collection: "targets", endpointKey: "target", defaults: ["weight": 100, "tags": nil, "upstream": nil],
        required: ["target"], ranges: ["weight": 0...65535], choices: [:])

    static let plugins = EmulatedSchema(
        collection: "plugins", endpointKey: nil,
        defaults: [
            "config": [:], "enabled": true, "protocols": ["grpc", "grpcs", "http", "https"], "service": nil,
            "route": nil, "consumer": nil, "tags": nil, "instance_name": nil,
        ],
        required: ["name"], ranges: [:], choices: [:])

    static let consumers = EmulatedSchema(
        collection: "consumers", endpointKey: "username", defaults: ["username": nil, "custom_id": nil, "tags": nil],
        required: [], ranges: [:], choices: [:])

    /// Kong's default health checks (all off).
    static let defaultHealthchecks: JSONValue = [
        "threshold": 0,
        "active": [
            "type": "http", "timeout": 1, "concurrency": 10, "http_path": "/", "https_verify_certificate": true,
            "https_sni": nil, "headers": nil,
            "healthy": ["interval": 0, "http_statuses": [200, 302], "successes": 0],
            "unhealthy": [
                "interval": 0, "http_statuses": [429, 404, 500, 501, 502, 503, 504, 505], "tcp_failures": 0,
                "timeouts": 0, "http_failures": 0,
            ],
        ],
        "passive": [
            "type": "http",
            "healthy": [
                "http_statuses": [200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308],
                "successes": 0,
            ],
            "unhealthy": ["http_statuses": [429, 500, 503], "tcp_failures": 0, "timeouts": 0, "http_failures": 0],
        ],
    ]

    /// The field errors of an entity (after defaults): unknown fields, missing required ones, ranges, choices.
    func violations(_ entity: [String: JSONValue]) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        for key in entity.keys where !known.contains(key) && key != "name" {
            fields[key] = "unknown field"
        }
        for key in required where entity[key] == nil || entity[key] == .null {
            fields[key] = "required field missing"
        }
        for (key, range) in ranges {
            guard let value = entity[key], value != .null else { continue }
            guard let number = value.intValue else {
                fields[key] = "expected an integer"
                continue
            }
            if !range.contains(number) {
                fields[key] = .string("value should be between \(range.lowerBound) and \(range.upperBound)")
            }
        }
        for (key, accepted) in choices {
            guard let value = entity[key], value != .null else { continue }
            if let text = value.stringValue, !accepted.contains(text) {
                fields[key] = .string("expected one of: \(accepted.joined(separator: ", "))")
            }
        }
        return fields
    }
}
