import Testing

extension GatewayResponse {
    /// Whether the status is `expected`; when not, records one issue showing the whole exchange,
    /// so that callers can skip the checks that would only repeat the failure.
    func expectStatus(_ expected: Int, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        guard status == expected else {
            Issue.record("expected \(expected): \(summary)", sourceLocation: sourceLocation)
            return false
        }
        return true
    }
}
