import TollgateCore

/// Turns Kong's error answers into the ``GatewayError`` the management API reports.
///
/// Kong's field errors (`{"name": "schema violation", "fields": {...}}`) keep their
/// messages under Tollgate's field names; a DB-less Kong's 405 and an RBAC refusal
/// say what to do about them.
struct KongErrorTranslator {
    /// Kong field names that Tollgate spells differently, by the last path segment.
    let renamedFields: [String: String]
    /// The 404 reported when Kong answers 404.
    let notFound: String

    init(renamedFields: [String: String] = [:], notFound: String) {
        self.renamedFields = renamedFields
        self.notFound = notFound
    }

    /// The error for a Kong answer that is not a success.
    func error(for response: KongResponse, call: String) -> GatewayError {
        switch response.status {
        case 400:
            let fields = fieldErrors(response.body["fields"], at: "")
            if !fields.isEmpty { return .invalid(fields) }
            return .invalid(field: "body", "was refused by Kong: \(response.message ?? "400 without a message")")
        case 404:
            return .notFound(notFound)
        case 409:
            return .conflict("Kong refused \(call): \(response.message ?? "unique constraint violation")")
        case 405:
            return .notImplemented(
                "Kong refused \(call) with 405: a DB-less Kong (database = off) accepts no configuration changes through "
                    + "its Admin API. Run Kong with a database, or change its declarative configuration file")
        case 401, 403:
            return .backend(
                "Kong refused \(call) with \(response.status): give an Admin API token with --kong-admin-token that may "
                    + "make this call")
        default:
            return .backend("Kong answered \(call) with \(response.status): \(response.message ?? "no message")")
        }
    }

    /// Flattens Kong's nested `fields` object into dotted Tollgate field errors.
    private func fieldErrors(_ value: JSONValue?, at path: String) -> [FieldError] {
        switch value {
        case .string(let message)?:
            return [FieldError(field: path.isEmpty ? "body" : path, message: message)]
        case .array(let items)?:
            if items.count == 1 { return fieldErrors(items[0], at: path) }
            return items.enumerated().flatMap { index, item in
                item == .null ? [] : fieldErrors(item, at: "\(path)[\(index)]")
            }
        case .object(let members)?:
            return members.sorted { $0.key < $1.key }.flatMap { key, item in
                let name = key == "@entity" ? "" : renamedFields[key] ?? key
                let child = path.isEmpty ? name : name.isEmpty ? path : "\(path).\(name)"
                return fieldErrors(item, at: child)
            }
        default:
            return []
        }
    }
}
