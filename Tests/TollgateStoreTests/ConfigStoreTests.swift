import Foundation
import SQLKit
import Testing
import TollgateCore

@testable import TollgateStore

@Suite("ConfigStore")
struct ConfigStoreTests {
    private struct Refused: Error {}

    private func service(_ name: String, host: String = "backend.internal") -> ServiceSpec {
        ServiceSpec(name: name, host: host)
    }

    @Test("a new store starts at version 0 with the schema applied once, also after reopening")
    func migrationsAreIdempotent() async throws {
        try await TemporaryStore.withPath { path in
            for _ in 0..<3 {
                let store = try await ConfigStore.sqlite(path: path, logger: TemporaryStore.logger)
                let applied = try await store.read { session in
                    try await session.database.raw("SELECT number FROM schema_migrations ORDER BY number").all()
                        .map { try $0.decode(column: "number", as: Int.self) }
                }
                #expect(applied == Migration.all.map(\.number))
                #expect(try await store.version() == 0)
                await store.close()
            }
        }
    }

    @Test("a database with a migration this build does not know is refused")
    func newerSchemaIsRefused() async throws {
        try await TemporaryStore.withPath { path in
            let store = try await ConfigStore.sqlite(path: path, logger: TemporaryStore.logger)
            _ = try await store.write { transaction in
                try await transaction.session.database.raw(
                    "INSERT INTO schema_migrations (number, name, applied_at) VALUES (999, 'future', 0)"
                ).run()
            }
            await store.close()
            await #expect(throws: StoreError.schemaTooNew(found: 999, known: Migration.all.count)) {
                _ = try await ConfigStore.sqlite(path: path, logger: TemporaryStore.logger)
            }
        }
    }

    @Test("connections run in WAL mode with foreign keys on, synchronous as the durability asks", arguments: [
        (SQLiteDurability.powerLoss, 2), (SQLiteDurability.processCrash, 1),
    ])
    func durabilitySettings(durability: SQLiteDurability, synchronous: Int) async throws {
        try await TemporaryStore.withPath { path in
            let store = try await ConfigStore.sqlite(path: path, durability: durability, logger: TemporaryStore.logger)
            let settings = try await store.read { session in
                let database = session.database
                return (
                    try await database.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self),
                    try await database.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self),
                    try await database.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self)
                )
            }
            await store.close()
            #expect(settings.0 == "wal")
            #expect(settings.1 == synchronous)
            #expect(settings.2 == 1)
        }
    }

    @Test("committed writes survive closing and reopening the store")
    func persistence() async throws {
        try await TemporaryStore.withPath { path in
            let first = try await ConfigStore.sqlite(path: path, logger: TemporaryStore.logger)
            let written = try await first.write { try await $0.insertService(service("orders")) }
            await first.close()

            let second = try await ConfigStore.sqlite(path: path, logger: TemporaryStore.logger)
            let read = try await second.read { try await $0.service(named: "orders") }
            #expect(read == written)
            #expect(try await second.version() == 1)
            await second.close()
        }
    }

    @Test("every write bumps the version by exactly one and tags what it writes with it")
    func versionBumpsOncePerWrite() async throws {
        try await TemporaryStore.with { store in
            #expect(try await store.version() == 0)
            let first = try await store.write { try await $0.insertService(service("a")) }
            #expect(first.metadata.etag == "1")
            let many = try await store.write { transaction in
                try await [transaction.insertService(service("b")), transaction.insertService(service("c"))]
            }
            #expect(many.map(\.metadata.etag) == ["2", "2"])
            #expect(try await store.version() == 2)
        }
    }

    @Test("a write that throws keeps nothing, not even the version bump")
    func failedWriteRollsBack() async throws {
        try await TemporaryStore.with { store in
            _ = try await store.write { try await $0.insertService(service("kept")) }
            await #expect(throws: Refused.self) {
                try await store.write { transaction in
                    _ = try await transaction.insertService(service("lost"))
                    throw Refused()
                }
            }
            #expect(try await store.read { try await $0.service(named: "lost") } == nil)
            #expect(try await store.read { try await $0.service(named: "kept") } != nil)
            #expect(try await store.version() == 1)
            // The writer is usable again after the rollback.
            _ = try await store.write { try await $0.insertService(service("after")) }
            #expect(try await store.version() == 2)
        }
    }

    @Test("a write failing inside the database (a unique constraint) rolls back too")
    func databaseErrorRollsBack() async throws {
        try await TemporaryStore.with { store in
            _ = try await store.write { try await $0.insertService(service("dup")) }
            await #expect(throws: (any Error).self) {
                try await store.write { transaction in
                    _ = try await transaction.insertService(service("other"))
                    _ = try await transaction.insertService(service("dup"))
                }
            }
            #expect(try await store.read { try await $0.service(named: "other") } == nil)
            #expect(try await store.version() == 1)
        }
    }

    @Test("concurrent writes queue on the single writer: all succeed, one version each")
    func concurrentWrites() async throws {
        try await TemporaryStore.with { store in
            let count = 40
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask {
                        _ = try await store.write { try await $0.insertService(service("svc-\(index)")) }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.version() == count)
            let all = try await store.read { try await $0.services(PageRequest(size: 1000)) }
            #expect(all.items.count == count)
        }
    }

    @Test("concurrent writes that fail are undone alone: the others commit with contiguous versions")
    func concurrentFailuresAreIsolated() async throws {
        try await TemporaryStore.with { store in
            let count = 60
            let outcomes = try await withThrowingTaskGroup(of: (Int, Int?).self) { group in
                for index in 0..<count {
                    group.addTask {
                        do {
                            let written = try await store.write { transaction in
                                let written = try await transaction.insertService(service("svc-\(index)"))
                                if index % 3 == 0 { throw Refused() }
                                return written
                            }
                            return (index, Int(written.metadata.etag))
                        } catch is Refused {
                            return (index, nil)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Int?]()) { $0[$1.0] = $1.1 }
            }
            let committed = outcomes.compactMapValues { $0 }
            #expect(committed.count == count - count / 3)
            #expect(Set(committed.values) == Set(1...committed.count))
            #expect(try await store.version() == committed.count)
            let names = try await store.read { try await $0.services(PageRequest(size: 1000)) }.items.map(\.spec.name)
            #expect(Set(names) == Set(committed.keys.map { "svc-\($0)" }))
        }
    }

    @Test("the change feed delivers each committed version and ends when the store closes")
    func changeFeed() async throws {
        try await TemporaryStore.withPath { path in
            let store = try await ConfigStore.sqlite(path: path, logger: TemporaryStore.logger)
            var changes = store.changes().makeAsyncIterator()
            for expected in 1...3 {
                _ = try await store.write { try await $0.insertService(service("svc-\(expected)")) }
                #expect(await changes.next() == expected)
            }
            await #expect(throws: Refused.self) { try await store.write { _ in throw Refused() } }
            _ = try await store.write { try await $0.insertService(service("svc-4")) }
            #expect(await changes.next() == 4)
            await store.close()
            #expect(await changes.next() == nil)
        }
    }

    @Test("a subscriber that falls behind gets the newest version")
    func slowSubscriberGetsNewest() async throws {
        try await TemporaryStore.with { store in
            var changes = store.changes().makeAsyncIterator()
            for index in 1...5 {
                _ = try await store.write { try await $0.insertService(service("svc-\(index)")) }
            }
            #expect(await changes.next() == 5)
        }
    }

    @Test("keyset pages follow the name order, with an opaque cursor, until the last page")
    func paging() async throws {
        try await TemporaryStore.with { store in
            let names = (0..<25).map { String(format: "svc-%02d", $0) }
            _ = try await store.write { transaction in
                for name in names.shuffled() { _ = try await transaction.insertService(service(name)) }
            }
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await store.read { try await $0.services(PageRequest(size: 10, cursor: cursor)) }
                seen += page.items.map(\.spec.name)
                cursor = page.nextCursor
                pages += 1
                if let cursor { #expect(!cursor.contains("svc")) }
            } while cursor != nil && pages < 10
            #expect(seen == names)
            #expect(pages == 3)

            let exact = try await store.read { try await $0.services(PageRequest(size: 25)) }
            #expect(exact.items.count == 25)
            #expect(exact.nextCursor == nil)
        }
    }

    @Test("a cursor that is not one is refused on the offset field")
    func invalidCursor() async throws {
        try await TemporaryStore.with { store in
            for cursor in ["!!!", "bm90LWEtbnVtYmVy"] {
                await #expect(throws: GatewayError.invalid(field: "offset", "is not a cursor from this list's 'next'; start again without offset")) {
                    // Plugins are ordered by a number, so any text that is not one is refused.
                    _ = try await store.read { try await $0.plugins(PageRequest(size: 10, cursor: cursor)) }
                }
            }
        }
    }

    @Test("a row whose body was damaged outside Tollgate is reported, not guessed at")
    func unreadableRow() async throws {
        try await TemporaryStore.with { store in
            let orders = try await store.write { try await $0.insertService(service("orders")) }
            _ = try await store.write { transaction in
                try await transaction.session.database.raw("UPDATE services SET body = '{\"name\": 1}'").run()
            }
            await #expect {
                _ = try await store.read { try await $0.service(named: "orders") }
            } throws: { error in
                guard case StoreError.unreadableRow(let table, let id, _) = error else { return false }
                return table == "services" && id == orders.metadata.id.uuidString.lowercased()
            }
        }
    }

    @Test("the configuration snapshot holds every entity with its owner")
    func configurationSnapshot() async throws {
        try await TemporaryStore.with { store in
            _ = try await store.write { transaction in
                let orders = try await transaction.insertService(service("orders"))
                let route = try await transaction.insertRoute(RouteSpec(name: "orders-api", paths: ["/orders"]), service: orders.metadata.id)
                let upstream = try await transaction.insertUpstream(UpstreamSpec(name: "pool"))
                _ = try await transaction.insertTarget(TargetSpec(target: "10.0.0.2:80"), upstream: upstream.metadata.id)
                _ = try await transaction.insertTarget(TargetSpec(target: "10.0.0.1:80"), upstream: upstream.metadata.id)
                _ = try await transaction.insertCanary(
                    CanarySpec(destination: .upstream("pool"), percentage: 10), service: orders.metadata.id)
                _ = try await transaction.insertMirror(MirrorSpec(destination: .upstream("pool")), route: route.metadata.id)
                _ = try await transaction.insertTenantRateLimit(
                    TenantRateLimitSpec(windows: RateLimitWindows(limits: [.minute: 10])), tenant: "acme", service: nil)
            }
            let config = try await store.configuration()
            #expect(config.version == 1)
            #expect(config.services.map(\.spec.name) == ["orders"])
            #expect(config.routes.map(\.owner.name) == ["orders"])
            #expect(config.targets.map(\.entity.spec.target) == ["10.0.0.1:80", "10.0.0.2:80"])
            #expect(config.targets.allSatisfy { $0.owner.name == "pool" })
            #expect(config.canaries.map(\.owner.name) == ["orders"])
            #expect(config.mirrors.map(\.owner.name) == ["orders-api"])
            #expect(config.tenantRateLimits.map(\.tenant) == ["acme"])
        }
    }

    @Test("deleting an owner cascades to what it owns")
    func cascades() async throws {
        try await TemporaryStore.with { store in
            let orders = try await store.write { transaction in
                let orders = try await transaction.insertService(service("orders"))
                let route = try await transaction.insertRoute(RouteSpec(name: "r", paths: ["/"]), service: orders.metadata.id)
                _ = try await transaction.insertPlugin(
                    PluginSpec(name: "correlation-id", config: [:]), service: nil, route: route.metadata.id)
                return orders
            }
            _ = try await store.write { try await $0.deleteService(id: orders.metadata.id) }
            let config = try await store.configuration()
            #expect(config.routes.isEmpty)
            #expect(config.plugins.isEmpty)
        }
    }
}
