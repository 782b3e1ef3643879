import Prometheus

/// The names, help texts and buckets of the metrics the `prometheus` plugin exports.
enum MetricNames {
    /// `tollgate_http_requests_total`.
    static var requests: MetricNameDescriptor {
        descriptor(
            "http_requests", unit: "total",
            help: "Requests by service, route, status class, source (upstream: the upstream answered; gateway: "
                + "the gateway did) and tenant (with per_consumer)")
    }

    /// `tollgate_request_duration_seconds`.
    static var requestDuration: MetricNameDescriptor {
        descriptor("request_duration", unit: "seconds", help: "Time from the request head to the end of the response")
    }

    /// `tollgate_upstream_duration_seconds`.
    static var upstreamDuration: MetricNameDescriptor {
        descriptor(
            "upstream_duration", unit: "seconds", help: "Time from sending the request upstream to its response head")
    }

    /// `tollgate_bandwidth_bytes_total`.
    static var bandwidth: MetricNameDescriptor {
        descriptor("bandwidth_bytes", unit: "total", help: "Body bytes by direction: ingress from clients, egress to them")
    }

    /// `tollgate_upstream_target_health`.
    static var targetHealth: MetricNameDescriptor {
        descriptor(
            "upstream_target_health", unit: "",
            help: "1 when the upstream target takes traffic, 0 when health checks or a manual mark took it out")
    }

    /// Latency buckets from 1 ms to 60 s.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10), .seconds(30), .seconds(60),
    ]

    private static func descriptor(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tollgate", metricName: name, unitName: unit, helpText: help)
    }
}
