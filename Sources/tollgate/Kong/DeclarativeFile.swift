import Foundation
import Yams

/// A declarative configuration file as Kong accepts it: JSON, or YAML (what
/// `deck` and `kong config db_export` write), turned into JSON for the importer.
enum DeclarativeFile {
    /// The file's bytes when they are a JSON object, else its YAML converted to JSON
    /// (the importer then checks that the document is a declarative configuration).
    ///
    /// YAML timestamps stay strings: the importer reads JSON values only.
    static func json(from bytes: [UInt8]) throws -> [UInt8] {
        if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{") { return bytes }
        let document = try Yams.load(yaml: String(decoding: bytes, as: UTF8.self), Resolver.default.removing(.timestamp))
        guard let document, JSONSerialization.isValidJSONObject(document) else {
            throw NotJSONCompatible()
        }
        return Array(try JSONSerialization.data(withJSONObject: document))
    }

    /// The document is empty, a lone scalar, or holds values JSON cannot (binary, NaN).
    struct NotJSONCompatible: Error, CustomStringConvertible {
        var description: String { "the document holds no mapping of JSON-compatible values" }
    }
}
