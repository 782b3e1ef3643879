import Testing

@testable import TollgateProxy

/// The identity the upstream connection pool keys idle connections by.
@Suite("UpstreamAddress")
struct UpstreamAddressTests {
    @Test("addresses are the same when host, port and TLS are; any of them tells two apart")
    func identity() {
        let address = UpstreamAddress(host: "orders.internal", port: 8080, tls: false)
        let same = UpstreamAddress(host: "orders.internal", port: 8080, tls: false)
        #expect(address == same && address.hashValue == same.hashValue)
        let others = [
            UpstreamAddress(host: "orders.internal", port: 8081, tls: false),
            UpstreamAddress(host: "orders.internal", port: 8080, tls: true),
            UpstreamAddress(host: "billing.internal", port: 8080, tls: false),
        ]
        for other in others { #expect(other != address, "\(other)") }
        let pool = Dictionary(uniqueKeysWithValues: ([address] + others).enumerated().map { ($1, $0) })
        #expect(pool[same] == 0 && pool.count == 4)
    }
}
