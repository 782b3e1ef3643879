import TollgateCore

/// One answer of Kong's Admin API: its status and its body as JSON (null when empty or not JSON).
struct KongResponse: Sendable {
    let status: Int
    let body: JSONValue

    /// Whether Kong accepted the call (2xx).
    var isSuccess: Bool { (200..<300).contains(status) }

    /// Kong's `message`, when its body has one.
    var message: String? { body["message"]?.stringValue }
}
