import TollgateCore

/// What an import wrote, and what it did not write and why.
struct KongImportReport {
    var upstreams = 0
    var targets = 0
    var services = 0
    var routes = 0
    var plugins = 0
    /// Entities the plan could not import, with reasons.
    var skipped: [String]
    /// Entities the engine refused, with reasons.
    var refused: [String] = []

    init(skipped: [String]) {
        self.skipped = skipped
    }

    /// The number of entities the engine refused.
    var failed: Int { refused.count }

    /// Runs one write; counts it when it succeeds, lists it when the engine refuses it.
    mutating func attempt(
        _ entity: String, counting counter: WritableKeyPath<KongImportReport, Int>,
        _ write: () async throws(GatewayError) -> Void
    ) async {
        do {
            try await write()
            self[keyPath: counter] += 1
        } catch {
            refused.append("\(entity): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: GatewayError) -> String {
        switch error {
        case .invalid(let fields): fields.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        case .notFound(let detail), .conflict(let detail), .preconditionFailed(let detail), .notImplemented(let detail),
            .backend(let detail):
            detail
        }
    }

    /// The report printed after an import.
    func text(store: String) -> String {
        var lines = [
            "Imported into \(store): \(services) services, \(routes) routes, \(upstreams) upstreams "
                + "(\(targets) targets), \(plugins) plugins."
        ]
        if !skipped.isEmpty {
            lines.append("Not imported (Tollgate does not support them):")
            lines += skipped.map { "  - \($0)" }
        }
        if !refused.isEmpty {
            lines.append("Refused by Tollgate:")
            lines += refused.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
