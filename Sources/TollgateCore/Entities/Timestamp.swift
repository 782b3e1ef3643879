import Foundation

/// RFC 3339 timestamps in UTC, as every entity shows them (`2026-11-26T10:00:00Z`).
public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(timeZone: .gmt)

    /// Formats a date as RFC 3339 in UTC, whole seconds.
    ///
    /// Written directly (civil date from the day count) rather than through a
    /// format style: every entity in every list response formats two timestamps.
    public static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let (year, month, day) = civilDate(fromDaysSinceEpoch: days)
        var text = ""
        text.reserveCapacity(20)
        append(year, digits: 4, to: &text)
        text += "-"
        append(month, digits: 2, to: &text)
        text += "-"
        append(day, digits: 2, to: &text)
        text += "T"
        append(secondOfDay / 3600, digits: 2, to: &text)
        text += ":"
        append(secondOfDay / 60 % 60, digits: 2, to: &text)
        text += ":"
        append(secondOfDay % 60, digits: 2, to: &text)
        text += "Z"
        return text
    }

    /// Parses an RFC 3339 timestamp written by ``format(_:)``.
    public static func parse(_ text: String) -> Date? {
        try? style.parse(text)
    }

    /// The current time truncated to whole seconds, so a stored and a formatted time agree.
    public static func now() -> Date {
        Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    }

    /// Year, month and day of a day count since 1970-01-01 in the proleptic
    /// Gregorian calendar (the days-to-civil algorithm over 400-year eras).
    static func civilDate(fromDaysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func append(_ number: Int, digits: Int, to text: inout String) {
        let written = String(number)
        if written.count < digits { text += String(repeating: "0", count: digits - written.count) }
        text += written
    }
}
