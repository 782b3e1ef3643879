import Foundation
import Testing

@testable import TollgateCore

@Suite("timestamps")
struct TimestampTests {
    @Test("the direct formatter writes what Foundation's ISO 8601 style writes, across leap years and boundaries")
    func matchesFoundation() {
        let style = Date.ISO8601FormatStyle(timeZone: .gmt)
        var generator = SystemRandomNumberGenerator()
        let edges: [TimeInterval] = [0, 59, 86399, 86400, 951_782_400, 951_868_799, 1_709_164_800, 4_102_444_799]
        let random = (0..<5000).map { _ in TimeInterval(Int.random(in: 0...4_102_444_799, using: &generator)) }
        for seconds in edges + random {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.format(date) == date.formatted(style), "\(seconds)")
        }
    }

    @Test("formatted timestamps parse back to the same second")
    func roundTrip() {
        let date = Date(timeIntervalSince1970: 1_795_742_489)
        #expect(Timestamp.format(date) == "2026-11-27T01:21:29Z")
        #expect(Timestamp.parse(Timestamp.format(date)) == date)
    }
}
