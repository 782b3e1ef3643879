/// Where the configuration lives, from `--store`.
enum StoreLocation: Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    /// Parses `sqlite:PATH` or `postgres://…`; the default is the SQLite file in the data directory.
    init(parsing text: String?, dataDirectory: String) throws {
        guard let text else {
            self = .sqlite(path: dataDirectory + "/tollgate.sqlite")
            return
        }
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw UsageError("--store sqlite: needs a file path (sqlite:/var/lib/tollgate/tollgate.sqlite)") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else {
            throw UsageError("--store must be sqlite:PATH or postgres://user:pass@host:port/db, got '\(text)'")
        }
    }
}
