import Foundation
import SQLKit
import TollgateCore

/// The opaque `next` cursor of a list: the base64url text of the last row's sort key.
enum PageCursor {
    /// The cursor that continues after `key`.
    static func encode(_ key: String) -> String {
        Data(key.utf8).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    /// The sort key a cursor carries; nil when the text is not a cursor.
    static func decode(_ cursor: String) -> String? {
        var base64 = cursor.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// The condition selecting the rows after the cursor in a list ordered by `order`.
    /// - Throws: ``GatewayError/invalid(_:)`` on `offset` when the cursor was not made by ``encode(_:)`` for such a list.
    static func filter(after cursor: String, on order: SortColumn) throws(GatewayError) -> Filter {
        let invalid = GatewayError.invalid(
            field: "offset", "is not a cursor from this list's 'next'; start again without offset")
        guard let key = decode(cursor) else { throw invalid }
        switch order {
        case .text(let column):
            return Filter(condition: "t.\(ident: column) > \(bind: key)")
        case .integer(let column):
            guard let number = Int(key) else { throw invalid }
            return Filter(condition: "t.\(ident: column) > \(bind: number)")
        }
    }
}
