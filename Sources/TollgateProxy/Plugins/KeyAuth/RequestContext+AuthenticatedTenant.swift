import NIOHTTP1

extension RequestContext {
    /// Records the tenant an authentication plugin (`key-auth`, `jwt`) proved, and
    /// tells the upstream in `header`, replacing whatever the client sent there.
    func authenticate(tenant: String, header: String) {
        self.tenant = tenant
        head.headers.set(name: header, value: tenant)
    }
}
