import Foundation
import Testing
import TollgateCore

/// Expects the identity fields every entity carries: a lowercase UUID `id`, RFC 3339 UTC
/// `created_at` / `updated_at` and a non-empty `etag`. (`tags` is checked once per entity
/// kind by `EndpointCommonFieldsTests`.)
func expectEntityMetadata(_ entity: JSONValue?, sourceLocation: SourceLocation = #_sourceLocation) {
    let id = entity?["id"]?.stringValue ?? ""
    #expect(UUID(uuidString: id) != nil && id == id.lowercased(), "id \(id)", sourceLocation: sourceLocation)
    for key in ["created_at", "updated_at"] {
        let text = entity?[key]?.stringValue ?? ""
        #expect(isRFC3339UTC(text), "\(key) \(text)", sourceLocation: sourceLocation)
    }
    #expect(entity?["etag"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
}

/// Expects a JSON entity response: `application/json`, its metadata, and an `ETag`
/// header that is the body's `etag` in quotes. A wrong status is one issue showing the body.
func expectEntityResponse(_ response: GatewayResponse, status: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    guard response.expectStatus(status, sourceLocation: sourceLocation) else { return }
    #expect(response.contentType?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
    expectEntityMetadata(response.json, sourceLocation: sourceLocation)
    let etag = response["etag"]?.stringValue ?? ""
    #expect(response.etagHeader == "\"\(etag)\"", sourceLocation: sourceLocation)
}

/// Whether `text` is `YYYY-MM-DDTHH:MM:SS[.fraction]Z`.
func isRFC3339UTC(_ text: String) -> Bool {
    text.wholeMatch(of: #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/#) != nil
}
