import Testing
import TollgateCore

@Suite("IPNetwork parsing")
struct PluginIPNetworkTests {
    @Test func parsesIPv4AddressesAndBlocks() {
        #expect(IPNetwork.parse("192.0.2.7") == IPNetwork(address: [192, 0, 2, 7], prefixLength: 32))
        #expect(IPNetwork.parse("10.0.0.0/8") == IPNetwork(address: [10, 0, 0, 0], prefixLength: 8))
        #expect(IPNetwork.parse("0.0.0.0/0") == IPNetwork(address: [0, 0, 0, 0], prefixLength: 0))
    }

    @Test func expandsIPv6Compression() {
        #expect(IPNetwork.parse("::") == IPNetwork(address: Array(repeating: 0, count: 16), prefixLength: 128))
        #expect(IPNetwork.parse("::1")?.address == Array(repeating: 0, count: 15) + [1])
        #expect(
            IPNetwork.parse("2001:db8::ff00:42/64")
                == IPNetwork(
                    address: [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 8) + [0xff, 0, 0, 0x42],
                    prefixLength: 64))
        #expect(IPNetwork.parse("1:2:3:4:5:6:7::")?.address.suffix(2) == [0, 0])
        #expect(IPNetwork.parse("1:2:3:4:5:6:7:8")?.address.suffix(2) == [0, 8])
    }

    @Test func readsADottedIPv4Tail() {
        #expect(
            IPNetwork.parse("::ffff:192.0.2.1")?.address == Array(repeating: 0, count: 10) + [0xff, 0xff, 192, 0, 2, 1])
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "1.2.3.-4", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/1/2", "1..2.3", ":", ":::", "1::2::3",
        ":1::", "1::2:", "12345::", "1.2.3.4::", "1:2:3:4:5:6:7:8::", "::1.2.3", "g::1", "1:2:3:4:5:6:7",
        "::ffff:1.2.3.4:5", " 1.2.3.4", "1.2.3.4 ",
    ])
    func refusesMalformedText(_ text: String) {
        #expect(IPNetwork.parse(text) == nil)
    }
}
