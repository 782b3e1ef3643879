import Foundation
import Testing
import TollgateCore
import TollgateEmbedded

@Suite("ZZMeasure2") struct ZZMeasure2 {
    @Test func parts() throws {
        let spec = try Fixture.service("orders-service")
        let body = JSONCoding.string(spec.json)
        var start = ContinuousClock.now
        var values: [JSONValue] = []
        for _ in 0..<10_000 { values.append(try JSONCoding.parse(Array(body.utf8))) }
        print("MEASURE2 JSONCoding.parse x10k: \(ContinuousClock.now - start)")
        start = ContinuousClock.now
        for _ in 0..<10_000 { _ = try JSONSerialization.jsonObject(with: Data(body.utf8)) }
        print("MEASURE2 JSONSerialization x10k: \(ContinuousClock.now - start)")
        start = ContinuousClock.now
        for value in values { _ = try ServiceSpec.parse(value) }
        print("MEASURE2 ServiceSpec.parse x10k: \(ContinuousClock.now - start)")
    }
}
