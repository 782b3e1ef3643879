import ArgumentParser
import Foundation
import TollgateCore

/// `tollgate`: the gateway's command line.
@main
struct TollgateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tollgate",
        abstract: "An API gateway: a management API in front of an embedded proxy or a Kong cluster.",
        subcommands: [ServeCommand.self, TokenCommand.self, KongCommand.self, VersionCommand.self]
    )

    /// Runs the command; a bad flag or value prints one line and exits with status 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as UsageError {
            fail(error.message, status: 2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return
            }
            if error is StartupError {
                fail("\(error)", status: 1)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            fail(message, status: 2)
        }
    }

    private static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("tollgate: \(message)\n".utf8))
        Foundation.exit(status)
    }
}

/// A bad flag or value: reported on one line, exit status 2, nothing started.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// A failure while starting with valid flags (a port in use, an unreadable store): exit status 1.
struct StartupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `tollgate version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print Tollgate's version.")

    func run() {
        print(TollgateVersion.current)
    }
}
