import Hummingbird
import NIOCore
import TollgateCore

extension Request {
    /// The JSON body, after the media type (415) and size (413) checks.
    func jsonBody(context: AdminRequestContext) async throws -> JSONValue {
        guard let type = headers[.contentType]?.lowercased(),
            type.hasPrefix("application/json") || type.split(separator: ";").first?.hasSuffix("+json") == true
        else {
            throw Problem(.unsupportedMediaType, detail: "Send the body as application/json")
        }
        let bytes: ByteBuffer
        do {
            bytes = try await body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw Problem(httpError: HTTPError(.contentTooLarge))
        }
        return try JSONCoding.parse(bytes.readableBytesView)
    }

    /// The raw `If-Match` header, when sent.
    var ifMatch: String? { headers[.ifMatch] }

    /// The page requested with `?size=` and `?offset=`.
    func pageRequest() throws(GatewayError) -> PageRequest {
        var page = PageRequest()
        if let size = uri.queryParameters.get("size") {
            guard let number = Int(size), PageRequest.sizes.contains(number) else {
                throw .invalid(field: "size", "must be an integer between 1 and 1000")
            }
            page.size = number
        }
        page.cursor = uri.queryParameters.get("offset")
        return page
    }
}

extension AdminRequestContext {
    /// A path parameter, percent-decoded (`%5B%3A%3A1%5D%3A8080` → `[::1]:8080`).
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}

extension String {
    /// Decodes `%XX` escapes; nil when an escape is malformed or the result is not UTF-8.
    var removingPercentEncoding: String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
