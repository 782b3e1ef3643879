import Foundation

/// RFC 3339 timestamps in UTC, as every entity shows them (`2026-11-26T10:00:00Z`).
public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// Formats a date as RFC 3339 in UTC, whole seconds.
    public static func format(_ date: Date) -> String {
        date.formatted(style)
    }

    /// Parses an RFC 3339 timestamp written by ``format(_:)``.
    public static func parse(_ text: String) -> Date? {
        try? style.parse(text)
    }

    /// The current time truncated to whole seconds, so a stored and a formatted time agree.
    public static func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }
}
