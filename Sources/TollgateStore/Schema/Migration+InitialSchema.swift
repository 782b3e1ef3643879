extension Migration {
    /// The first schema: one table per entity and the configuration version.
    ///
    /// Each entity row keeps the spec's JSON in `body`, the columns lookups and
    /// joins need, the common metadata, and `seq`, its insertion order.
    static let initialSchema = Migration(
        number: 1, name: "initial schema",
        statements: [
            """
            CREATE TABLE config_state (
                id BIGINT PRIMARY KEY,
                config_version BIGINT NOT NULL
            )
            """,
            "INSERT INTO config_state (id, config_version) VALUES (1, 0)",
            """
            CREATE TABLE services (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                host TEXT NOT NULL,
                \(metadataColumns)
            )
            """,
            "CREATE INDEX services_host ON services (host)",
            """
            CREATE TABLE routes (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
                \(metadataColumns)
            )
            """,
            "CREATE INDEX routes_service_id ON routes (service_id)",
            """
            CREATE TABLE plugins (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                service_id TEXT REFERENCES services (id) ON DELETE CASCADE,
                route_id TEXT REFERENCES routes (id) ON DELETE CASCADE,
                \(metadataColumns)
            )
            """,
            "CREATE INDEX plugins_name ON plugins (name)",
            "CREATE INDEX plugins_service_id ON plugins (service_id)",
            "CREATE INDEX plugins_route_id ON plugins (route_id)",
            """
            CREATE TABLE upstreams (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                \(metadataColumns)
            )
            """,
            """
            CREATE TABLE targets (
                id TEXT PRIMARY KEY,
                upstream_id TEXT NOT NULL REFERENCES upstreams (id) ON DELETE CASCADE,
                target TEXT NOT NULL,
                \(metadataColumns),
                UNIQUE (upstream_id, target)
            )
            """,
            """
            CREATE TABLE tenant_rate_limits (
                id TEXT PRIMARY KEY,
                tenant TEXT NOT NULL UNIQUE,
                service_id TEXT REFERENCES services (id) ON DELETE CASCADE,
                \(metadataColumns)
            )
            """,
            "CREATE INDEX tenant_rate_limits_service_id ON tenant_rate_limits (service_id)",
            """
            CREATE TABLE canaries (
                id TEXT PRIMARY KEY,
                service_id TEXT NOT NULL UNIQUE REFERENCES services (id) ON DELETE CASCADE,
                upstream TEXT,
                \(metadataColumns)
            )
            """,
            "CREATE INDEX canaries_upstream ON canaries (upstream)",
            """
            CREATE TABLE mirrors (
                id TEXT PRIMARY KEY,
                route_id TEXT NOT NULL UNIQUE REFERENCES routes (id) ON DELETE CASCADE,
                upstream TEXT,
                \(metadataColumns)
            )
            """,
            "CREATE INDEX mirrors_upstream ON mirrors (upstream)",
        ])

    /// The columns every entity table has; timestamps are Unix seconds.
    private static let metadataColumns = """
        body TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                etag TEXT NOT NULL,
                seq BIGINT NOT NULL UNIQUE
        """
}
