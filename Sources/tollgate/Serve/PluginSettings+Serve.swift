import TollgateCore
import TollgateProxy

extension PluginSettings {
    /// The settings of `--tenant-header`.
    init(_ command: ServeCommand) throws {
        let header = Setting.tenantHeader.resolve(command.tenantHeader) ?? "X-Tenant-ID"
        if let problem = Syntax.headerName(header) {
            throw UsageError("--tenant-header \(problem), got '\(header)'")
        }
        self.init(tenantHeader: header)
    }
}
