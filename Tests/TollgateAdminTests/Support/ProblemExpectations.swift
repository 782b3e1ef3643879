import Testing
import TollgateCore

/// Expects an RFC 9457 problem document with `status`: the status line and the `status`
/// member agree, the media type is `application/problem+json`, and `type`, `title` and
/// `detail` are filled in. With `fields`, expects a validation problem whose `errors` name
/// exactly those fields, each with a message. A wrong status is one issue showing the body.
func expectProblem(
    _ response: GatewayResponse, status: Int, fields: Set<String>? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard response.expectStatus(status, sourceLocation: sourceLocation) else { return }
    #expect(response.contentType == "application/problem+json", sourceLocation: sourceLocation)
    #expect(response["status"] == .int(status), sourceLocation: sourceLocation)
    #expect(response["type"]?.stringValue?.hasPrefix("https://tollgate.dev/problems/") == true, sourceLocation: sourceLocation)
    #expect(response["title"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(response["detail"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
    guard let fields else { return }
    #expect(response.errorFields == fields, "errors: \(response["errors"] ?? .null)", sourceLocation: sourceLocation)
    let messages = (response["errors"]?.arrayElements ?? []).map { $0["message"]?.stringValue ?? "" }
    #expect(!messages.isEmpty && messages.allSatisfy { !$0.isEmpty }, sourceLocation: sourceLocation)
}
