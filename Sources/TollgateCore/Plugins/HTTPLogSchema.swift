/// `http-log`: sends request logs in batches to an HTTP endpoint.
public enum HTTPLogSchema: PluginSchema {
    public static let name = "http-log"

    /// The methods a batch can be sent with.
    public enum Method: String, CaseIterable, Sendable {
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
    }

    public static func read(_ config: ObjectReader) -> JSONValue? {
        let endpoint = config.string("http_endpoint", required: true, check: Syntax.webURL)
        let method = config.choice("method", default: Method.post)
        let timeout = config.int("timeout_ms", in: 1...600_000, default: 5000)
        let queueSize = config.int("queue_size", in: 1...1_000_000, default: 10_000)
        let batchSize = config.int("batch_size", in: 1...1_000_000, default: 100)
        if let queueSize, let batchSize, batchSize > queueSize {
            config.fail("batch_size", "cannot be greater than queue_size (\(queueSize))")
        }
        let flushTimeout = config.double("flush_timeout_s", in: 0...3600, default: 1)
        if flushTimeout == 0 { config.fail("flush_timeout_s", "must be greater than 0") }
        let headers = readHeaders(config)
        guard let endpoint, let method, let timeout, let queueSize, let batchSize, batchSize <= queueSize,
            let flushTimeout, flushTimeout > 0, let headers
        else { return nil }
        return [
            "http_endpoint": .string(endpoint), "method": .string(method.rawValue), "timeout_ms": .int(timeout),
            "queue_size": .int(queueSize), "batch_size": .int(batchSize), "flush_timeout_s": .double(flushTimeout),
            "headers": .object(headers),
        ]
    }

    /// Reads `headers`, an object of header names to values (default empty); names
    /// are case-insensitive, so two spellings of one name are refused.
    private static func readHeaders(_ config: ObjectReader) -> [String: JSONValue]? {
        guard let raw = config.raw("headers") else { return [:] }
        guard case .object(let members) = raw else {
            config.fail("headers", "must be an object of header names to values, got \(raw.typeName)")
            return nil
        }
        var valid = true
        var spellings: [String: String] = [:]
        for (name, value) in members.sorted(by: { $0.key < $1.key }) {
            let path = "\(config.path(of: "headers")).\(name)"
            var problem: String?
            if let earlier = spellings.updateValue(name, forKey: name.lowercased()) {
                problem = "repeats header \(earlier); header names are case-insensitive"
            } else if let nameProblem = Syntax.headerName(name) {
                problem = nameProblem
            } else if let text = value.stringValue {
                problem = Syntax.headerValue(text)
            } else {
                problem = "must be a string, got \(value.typeName)"
            }
            if let problem {
                config.validator.fail(path, problem)
                valid = false
            }
        }
        return valid ? members : nil
    }
}
