import NIOHTTP1
import TollgateCore

/// The Kong node's version and edition, detected from `GET /` on first use and
/// again after Kong was unreachable (it may have been upgraded meanwhile).
actor KongNode {
    private var detected: KongNodeInfo?

    /// The node's description, asking Kong when it is not known.
    func info(using client: KongAdminClient) async throws(GatewayError) -> KongNodeInfo {
        if let detected { return detected }
        let response = try await client.send(.GET, "/")
        guard response.isSuccess else {
            throw KongErrorTranslator(notFound: "Kong's Admin API has no root document").error(for: response, call: "GET /")
        }
        let info = KongNodeInfo(root: response.body)
        detected = info
        return info
    }

    /// Forgets what was detected, so the next call asks Kong again.
    func forget() {
        detected = nil
    }
}
