import Hummingbird
import TollgateCore

/// `GET /metrics`: the data plane's metrics in the Prometheus text format, as
/// collected by the `prometheus` plugin.
///
/// Behind the `ADMIN` token like every management endpoint: metrics name
/// services, routes, upstream targets and (with `per_consumer`) tenants. A
/// Prometheus scrape job sends the token as its bearer credentials.
struct MetricsEndpoint {
    /// The `Content-Type` of the Prometheus text exposition format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Renders the metrics; nil when the engine has no data plane of its own.
    let source: AdminAPI.MetricsSource?

    func register(on group: RouterGroup<AdminRequestContext>) {
        group.get("metrics") { _, _ in
            guard let source else {
                throw Problem(
                    .notImplemented,
                    detail: "this engine exports no metrics here; with the Kong engine, scrape Kong's own "
                        + "Status API (its prometheus plugin)")
            }
            let text = await source()
            return Response(
                status: .ok, headers: [.contentType: Self.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
