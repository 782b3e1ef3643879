/// Which response statuses a check counts as healthy and which as unhealthy
/// (others count as neither), as a table built once per configuration.
struct HealthStatusClasses: Sendable {
    private static let lowest = 100
    private static let neither: UInt8 = 0
    private static let healthy: UInt8 = 1
    private static let unhealthy: UInt8 = 2

    /// One entry per status from 100 to 999.
    private let table: [UInt8]

    /// A status in both lists counts as healthy.
    init(healthy: [Int], unhealthy: [Int]) {
        var table = [UInt8](repeating: Self.neither, count: 900)
        for status in unhealthy where (100...999).contains(status) { table[status - Self.lowest] = Self.unhealthy }
        for status in healthy where (100...999).contains(status) { table[status - Self.lowest] = Self.healthy }
        self.table = table
    }

    /// What a response with `status` tells, or nil when it counts as neither.
    @inline(__always)
    func observation(for status: Int) -> HealthObservation? {
        let index = status &- Self.lowest
        guard index >= 0 && index < table.count else { return nil }
        switch table[index] {
        case Self.healthy: return .success
        case Self.unhealthy: return .httpFailure(status: status)
        default: return nil
        }
    }
}
