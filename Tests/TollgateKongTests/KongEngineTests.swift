import Logging
import NIOCore
import Testing
import TollgateCore
import TollgateKong

@Suite("Kong engine (first version)")
struct KongEngineTests {
    @Test("health reports kong_admin unreachable when nothing listens")
    func unreachable() async throws {
        let engine = KongEngine(adminURL: "http://127.0.0.1:1", timeout: .seconds(2), logger: Logger(label: "test"))
        let health = await engine.health()
        #expect(health.checks["kong_admin"] == "unreachable")
        #expect(!health.isServing)
        await engine.shutdown()
    }

    @Test("configuration endpoints answer 501 with a reason")
    func notImplemented() async throws {
        let engine = KongEngine(adminURL: "http://127.0.0.1:1", logger: Logger(label: "test"))
        await #expect(throws: GatewayError.self) { try await engine.listServices(PageRequest()) }
        do {
            _ = try await engine.upstream(named: "u")
        } catch {
            guard case .notImplemented(let reason) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reason.contains("Kong engine"))
        }
        await engine.shutdown()
    }
}
