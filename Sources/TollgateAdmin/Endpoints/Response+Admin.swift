import Hummingbird
import TollgateCore

extension Response {
    /// A JSON response with `body`, and an `ETag` header when given.
    static func json(_ body: JSONValue, status: HTTPResponse.Status = .ok, etag: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let etag { headers[.eTag] = "\"\(etag)\"" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONCoding.serialize(body))))
    }

    /// One entity, with its `ETag`.
    static func record(_ record: some APIRepresentable, status: HTTPResponse.Status = .ok) -> Response {
        json(record.json, status: status, etag: record.etag)
    }

    /// 201 for a new entity, 200 for a replaced one.
    static func upserted(_ result: Upserted<some APIRepresentable>) -> Response {
        record(result.record, status: result.created ? .created : .ok)
    }

    /// A page of a list: `data`, and `next` (the path of the next page) with its `offset` cursor.
    static func page(_ page: Page<some APIRepresentable>, request: Request, size: Int) -> Response {
        let next: JSONValue = page.nextCursor.map { cursor in
            .string("\(request.uri.path)?size=\(size)&offset=\(cursor)")
        } ?? .null
        return json(["data": .array(page.data.map(\.json)), "next": next, "offset": JSONValue(page.nextCursor)])
    }

    /// 204 with no body.
    static let noContent = Response(status: .noContent)
}
