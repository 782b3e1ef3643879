/// `request-size-limiting`: refuses request bodies over a size.
public enum RequestSizeLimitingSchema: PluginSchema {
    public static let name = "request-size-limiting"

    /// The unit of `allowed_payload_size`.
    public enum SizeUnit: String, CaseIterable, Sendable {
        case bytes, kilobytes, megabytes
    }

    public static func read(_ config: ObjectReader) -> JSONValue? {
        let size = config.int("allowed_payload_size", in: 1...Int(Int32.max), default: 128)
        let unit = config.choice("size_unit", default: SizeUnit.megabytes)
        let requireLength = config.bool("require_content_length", default: false)
        guard let size, let unit, let requireLength else { return nil }
        return [
            "allowed_payload_size": .int(size), "size_unit": .string(unit.rawValue),
            "require_content_length": .bool(requireLength),
        ]
    }
}
