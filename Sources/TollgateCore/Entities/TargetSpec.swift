/// A target of an upstream: an address and its weight.
public struct TargetSpec: EntitySpec {
    /// The port a target without one gets (as in Kong).
    public static let defaultPort = 8000
    /// Accepted weights; 0 takes a target out of rotation.
    public static let weights = 0...65535

    /// Canonical `host:port` (`[v6]:port` for IPv6).
    public var target: String
    public var weight: Int
    public var tags: [String]

    public init(target: String, weight: Int = 100, tags: [String] = []) {
        self.target = target
        self.weight = weight
        self.tags = tags
    }

    /// Canonicalises a `host[:port]` address; nil when it is not one.
    public static func canonicalAddress(_ text: String) -> String? {
        HostPort.split(text[...], defaultPort: defaultPort).map { HostPort.join($0.host, $0.port) }
    }

    static func checkAddress(_ text: String) -> String? {
        canonicalAddress(text) == nil ? "must be host:port (IPv6 as [::1]:8080)" : nil
    }

    public static func read(_ reader: ObjectReader) -> TargetSpec? {
        let target = reader.string("target", required: true, check: checkAddress)
        let weight = reader.int("weight", in: weights, default: 100)
        let tags = reader.tags()
        guard let target = target.flatMap(canonicalAddress), let weight, let tags else { return nil }
        return TargetSpec(target: target, weight: weight, tags: tags)
    }

    /// Reads a list of targets written as objects (`{"target", "weight"}`) or as
    /// plain `host:port` strings (weight 100); duplicates are refused.
    public static func readList(_ reader: ObjectReader, key: String, allowStrings: Bool = true, allowObjects: Bool = true)
        -> [TargetSpec]?
    {
        let expected = allowStrings && allowObjects ? "a host:port string or a target object" : allowStrings ? "a host:port string" : "a target object"
        let targets = reader.elements(key, required: false, default: nil, expected: expected) { path, value -> TargetSpec?? in
            switch value {
            case .string(let text) where allowStrings:
                if let address = canonicalAddress(text) { return .some(TargetSpec(target: address)) }
                reader.validator.fail(path, "must be host:port (IPv6 as [::1]:8080)")
                return .some(nil)
            case .object where allowObjects:
                guard let object = reader.validator.object(value, at: path) else { return .some(nil) }
                let spec = read(object)
                object.rejectUnknown()
                return .some(spec)
            default:
                return nil
            }
        }
        guard let targets, targets.allSatisfy({ $0 != nil }) else { return nil }
        let list = targets.compactMap { $0 }
        var seen = Set<String>()
        for (index, spec) in list.enumerated() where !seen.insert(spec.target).inserted {
            reader.validator.fail("\(reader.path(of: key))[\(index)]", "repeats target \(spec.target)")
            return nil
        }
        return list
    }

    public var members: [String: JSONValue] {
        ["target": .string(target), "weight": .int(weight), "tags": JSONValue(tags)]
    }
}
