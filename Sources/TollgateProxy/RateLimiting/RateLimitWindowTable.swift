import TollgateCore

/// One optional value per rate-limiting window, stored inline (no allocation), so
/// a limiter's limits, counters and reports can be copied on the hot path.
public struct RateLimitWindowTable<Value> {
    private var second: Value?
    private var minute: Value?
    private var hour: Value?
    private var day: Value?

    /// An empty table.
    public init() {}

    /// The value of `window`, or nil when it has none.
    public subscript(window: RateLimitWindows.Window) -> Value? {
        get {
            switch window {
            case .second: second
            case .minute: minute
            case .hour: hour
            case .day: day
            }
        }
        set {
            switch window {
            case .second: second = newValue
            case .minute: minute = newValue
            case .hour: hour = newValue
            case .day: day = newValue
            }
        }
    }

    /// Calls `body` with each window that has a value, shortest window first.
    public func forEach(_ body: (RateLimitWindows.Window, Value) throws -> Void) rethrows {
        if let second { try body(.second, second) }
        if let minute { try body(.minute, minute) }
        if let hour { try body(.hour, hour) }
        if let day { try body(.day, day) }
    }
}

extension RateLimitWindowTable: Sendable where Value: Sendable {}
extension RateLimitWindowTable: Equatable where Value: Equatable {}
extension RateLimitWindowTable: Hashable where Value: Hashable {}
