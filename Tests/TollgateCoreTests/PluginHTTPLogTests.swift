import Testing
import TollgateCore

@Suite("http-log plugin")
struct PluginHTTPLogTests {
    @Test func appliesDefaults() throws {
        #expect(
            try PluginFixture.config("http-log", ["http_endpoint": "http://127.0.0.1:9000/logs"])
                == [
                    "http_endpoint": "http://127.0.0.1:9000/logs", "method": "POST", "timeout_ms": 5000,
                    "queue_size": 10000, "batch_size": 100, "flush_timeout_s": .double(1), "headers": [:],
                ])
    }

    @Test func roundTripsAFullConfig() throws {
        let full: JSONValue = [
            "http_endpoint": "https://logs.example.com/ingest?source=tollgate", "method": "PUT", "timeout_ms": 1000,
            "queue_size": 500, "batch_size": 500, "flush_timeout_s": .double(0.5),
            "headers": ["Authorization": "Bearer abc", "X-Source": "tollgate"],
        ]
        #expect(try PluginFixture.config("http-log", full) == full)
    }

    @Test(
        arguments: [
            ([:], "config.http_endpoint"),
            (["http_endpoint": "ftp://logs.example.com"], "config.http_endpoint"),
            (["http_endpoint": "https://logs.example.com/#frag"], "config.http_endpoint"),
            (["http_endpoint": "https://user:pass@logs.example.com/"], "config.http_endpoint"),
            (["http_endpoint": "https://logs.example.com/?a=b c"], "config.http_endpoint"),
            (["http_endpoint": "https:///logs"], "config.http_endpoint"),
            (["http_endpoint": "http://127.0.0.1:9000", "method": "GET"], "config.method"),
            (["http_endpoint": "http://127.0.0.1:9000", "timeout_ms": 0], "config.timeout_ms"),
            (["http_endpoint": "http://127.0.0.1:9000", "timeout_ms": 600_001], "config.timeout_ms"),
            (["http_endpoint": "http://127.0.0.1:9000", "queue_size": 1_000_001], "config.queue_size"),
            (["http_endpoint": "http://127.0.0.1:9000", "queue_size": 500, "batch_size": 600], "config.batch_size"),
            (["http_endpoint": "http://127.0.0.1:9000", "batch_size": 0], "config.batch_size"),
            (["http_endpoint": "http://127.0.0.1:9000", "flush_timeout_s": 0], "config.flush_timeout_s"),
            (["http_endpoint": "http://127.0.0.1:9000", "flush_timeout_s": 3601], "config.flush_timeout_s"),
            (["http_endpoint": "http://127.0.0.1:9000", "headers": ["X-A"]], "config.headers"),
            (["http_endpoint": "http://127.0.0.1:9000", "headers": ["bad name": "x"]], "config.headers.bad name"),
            (["http_endpoint": "http://127.0.0.1:9000", "headers": ["X-A": 1]], "config.headers.X-A"),
            (["http_endpoint": "http://127.0.0.1:9000", "headers": ["X-A": "a\r\nb"]], "config.headers.X-A"),
            (["http_endpoint": "http://127.0.0.1:9000", "headers": ["X-A": "a", "x-a": "b"]], "config.headers.x-a"),
        ] as [(JSONValue, String)])
    func refuses(config: JSONValue, field: String) {
        #expect(PluginFixture.invalidFields("http-log", config) == [field])
    }
}
