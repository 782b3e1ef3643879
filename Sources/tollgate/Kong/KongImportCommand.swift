import ArgumentParser
import Foundation
import Logging
import TollgateCore
import TollgateEmbedded
import TollgateKong

/// `tollgate kong import FILE`: a Kong declarative configuration written into the
/// embedded engine's store; whatever Tollgate does not support is listed.
struct KongImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a Kong declarative configuration (YAML or JSON, _format_version 3.0) into the embedded engine's store.")

    @Argument(help: "The declarative configuration file, YAML (kong.yml) or JSON")
    var file: String

    @Option(name: .customLong(Setting.dataDir.rawValue), help: Setting.dataDir.helpText)
    var dataDir: String?

    @Option(name: .customLong(Setting.store.rawValue), help: Setting.store.helpText)
    var store: String?

    func run() async throws {
        let plan = try readPlan()
        let dataDirectory = Setting.dataDir.resolve(dataDir) ?? "./tollgate-data"
        guard case .sqlite(let path) = try StoreLocation(parsing: Setting.store.resolve(store), dataDirectory: dataDirectory)
        else {
            throw UsageError("--store postgres:// (cluster mode) is not available in this version; use sqlite:PATH")
        }
        var logger = Logger(label: "tollgate")
        logger.logLevel = .warning
        let engine: EmbeddedEngine
        do {
            engine = try await EmbeddedEngine.open(sqlitePath: path, logger: logger)
        } catch {
            throw StartupError("cannot open the configuration store at \(path): \(error)")
        }
        let report = await KongImportWriter(engine: engine).write(plan)
        await engine.shutdown()
        FileHandle.standardOutput.write(Data(report.text(store: path).utf8))
        if report.failed > 0 {
            throw StartupError("\(report.failed) entities could not be written; see the list above")
        }
    }

    /// Reads and parses the file; a bad file is a usage error (exit status 2).
    private func readPlan() throws -> KongImportPlan {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw UsageError("cannot read \(file)")
        }
        let bytes: [UInt8]
        do {
            bytes = try DeclarativeFile.json(from: Array(data))
        } catch {
            throw UsageError("\(file) is neither JSON nor YAML: \(error)")
        }
        do {
            return try KongDeclarativeConfig.plan(from: bytes)
        } catch {
            throw UsageError("\(file): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: GatewayError) -> String {
        if case .invalid(let fields) = error {
            return fields.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        }
        return "\(error)"
    }
}
