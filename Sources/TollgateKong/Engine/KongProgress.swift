import TollgateCore

/// The Kong calls a multi-call operation has made so far, so that a failure
/// half-way says what was and was not applied.
struct KongProgress {
    /// The operation, as the error names it ("preset 'u'").
    let operation: String
    private(set) var applied: [String] = []

    init(_ operation: String) {
        self.operation = operation
    }

    /// Records that a step was applied in Kong.
    mutating func done(_ step: String) {
        applied.append(step)
    }

    /// Runs one step; on failure throws the error, extended with what was already
    /// applied and what `remaining` steps were not, when anything was applied.
    @discardableResult
    mutating func step<Result>(
        _ description: String, remaining: @autoclosure () -> [String] = [],
        _ body: () async throws(GatewayError) -> Result
    ) async throws(GatewayError) -> Result {
        do {
            let result = try await body()
            applied.append(description)
            return result
        } catch {
            throw failure(error, at: description, remaining: remaining())
        }
    }

    /// The error for a failure at `step`: unchanged when nothing was applied yet,
    /// otherwise a 500 naming the applied and the missing steps.
    func failure(_ error: GatewayError, at step: String, remaining: [String]) -> GatewayError {
        guard !applied.isEmpty else { return error }
        let reason: String =
            switch error {
            case .invalid(let fields): fields.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            case .notFound(let detail), .conflict(let detail), .preconditionFailed(let detail),
                .notImplemented(let detail), .backend(let detail):
                detail
            }
        let missing = ([step] + remaining).joined(separator: ", ")
        return .backend(
            "\(reason). \(operation) was applied only in part; applied in Kong: \(applied.joined(separator: ", ")); "
                + "not applied: \(missing). Kong is consistent; repeat the request to finish it")
    }
}
