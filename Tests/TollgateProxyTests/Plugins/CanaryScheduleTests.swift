import Foundation
import NIOCore
import Testing
import TollgateCore

@testable import TollgateProxy

/// The canary's percentage over time (an injected clock), the even split, and the
/// path rewrite, without traffic.
@Suite("Canary schedule and split")
struct CanaryScheduleTests {
    static let spec = CanarySpec(
        destination: .upstream("v2"), percentage: 10, steps: CanarySpec.Steps(increment: 25, intervalS: 60, until: 80))

    @Test("the data plane's percentage matches the API's at every instant, before and after a restart")
    func agreesWithTheAPI() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let uptime = NIODeadline.uptimeNanoseconds(5_000_000_000)
        for compiledAfter in [0.0, 30, 59, 61, 200, 100_000] {
            let compiledAt = start + compiledAfter
            let schedule = CanarySchedule(spec: Self.spec, start: start, now: compiledAt, uptime: uptime)
            for later in [0.0, 1, 59, 60, 119, 120, 180, 181, 3600] {
                let instant = uptime + .nanoseconds(Int64(later * 1_000_000_000))
                #expect(
                    schedule.percentage(at: instant) == Self.spec.percentage(at: compiledAt + later, since: start),
                    "compiled \(compiledAfter) s in, asked \(later) s later")
            }
        }
    }

    @Test("steps climb by the increment and stop at until; without steps the percentage is fixed")
    func climbsAndStops() {
        let start = Date()
        let uptime = NIODeadline.now()
        let schedule = CanarySchedule(spec: Self.spec, start: start, now: start, uptime: uptime)
        let percentages = [0, 59, 60, 120, 180, 240, 100_000].map { schedule.percentage(at: uptime + .seconds($0)) }
        #expect(percentages == [10, 10, 35, 60, 80, 80, 80])
        let fixed = CanarySchedule(
            spec: CanarySpec(destination: .upstream("v2"), percentage: 30), start: start, now: start, uptime: uptime)
        #expect(fixed.isFixed && fixed.percentage(at: uptime + .hours(10)) == 30)
    }

    @Test("an even selector picks exactly its share, spread out", arguments: [0, 1, 20, 33, 50, 99, 100])
    func evenSelector(percent: Int) {
        let selector = EvenSelector()
        let perMillion = EvenSelector.perMillion(percent: Double(percent))
        var picked = 0
        for n in 1...1000 {
            if selector.next(perMillion: perMillion) { picked += 1 }
            #expect(abs(Double(picked) - Double(n * percent) / 100) <= 1)
        }
        #expect(picked == percent * 10)
    }

    @Test("the canary path replaces the service path, keeping the rest and the query")
    func pathRewrite() {
        let rewrite = CanaryPathRewrite(servicePath: "/v1/", canaryPath: "/v2")
        #expect(rewrite.apply(to: "/v1/orders?x=1") == "/v2/orders?x=1")
        #expect(rewrite.apply(to: "/v1") == "/v2")
        #expect(CanaryPathRewrite(servicePath: nil, canaryPath: "/next/").apply(to: "/orders") == "/next/orders")
    }
}
