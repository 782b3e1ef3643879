import Testing

@testable import TollgateProxy

@Suite("usable cores")
struct UsableCoresTests {
    @Test("CPU lists count single CPUs and ranges", arguments: [("0", 1), ("0-1", 2), ("0-3,8,10-11", 7), (" 1 ", 1)])
    func counting(list: String, expected: Int) {
        #expect(ProxyServer.countCPUs(inList: list[...]) == expected)
    }

    @Test("malformed CPU lists are refused", arguments: ["", "a", "3-1", "1-2-3"])
    func malformed(list: String) {
        #expect(ProxyServer.countCPUs(inList: list[...]) == nil)
    }

    @Test("the process may use at least one core")
    func current() {
        #expect(ProxyServer.usableCores >= 1)
    }
}
