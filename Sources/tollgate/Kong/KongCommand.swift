import ArgumentParser

/// `tollgate kong`: tools for Kong users.
struct KongCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kong", abstract: "Tools for moving from Kong.", subcommands: [KongImportCommand.self])
}
