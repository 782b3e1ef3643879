import NIOHTTP1

extension RequestContext {
    /// The request's tenant: the one an authentication plugin (`jwt`, `key-auth`)
    /// set, else the non-empty value of the tenant header the client sent.
    func tenant(header: String) -> String? {
        if let tenant { return tenant }
        guard let value = clientHead.headers.first(name: header), !value.isEmpty else { return nil }
        return value
    }
}
