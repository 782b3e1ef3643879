import Foundation
import Testing

/// The README's configuration reference tells the same story as `tollgate serve --help`.
@Suite("README")
struct ReadmeTests {
    private static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    @Test("every serve flag is in the configuration reference with its environment twin, and nothing else is")
    func configurationReference() async throws {
        let help = try await GatewayProcess.run(["serve", "--help"])
        #expect(help.status == 0)
        let helpFlags = Set(help.stdout.matches(of: /--([a-z][a-z-]+)/).map { "--" + String($0.output.1) })
            .subtracting(["--help"])
        let readme = try String(contentsOf: Self.readme, encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `--") }
        var documented: [String: String] = [:]
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            documented[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[1]
        }
        #expect(Set(documented.keys) == helpFlags)
        for (flag, environment) in documented {
            let expected = "TOLLGATE_" + flag.dropFirst(2).uppercased().replacingOccurrences(of: "-", with: "_")
            #expect(environment == "`\(expected)`", "\(flag)")
            #expect(help.stdout.contains(expected), "\(flag) help names its environment twin")
        }
    }

    @Test("the README starts with the command that runs the gateway and the one that runs the tests")
    func twoCommands() throws {
        let readme = try String(contentsOf: Self.readme, encoding: .utf8)
        let firstBlock = try #require(readme.components(separatedBy: "```sh").dropFirst().first)
        #expect(firstBlock.contains("swift run tollgate serve"))
        #expect(firstBlock.contains("swift test"))
        let ci = try String(contentsOf: Self.readme.deletingLastPathComponent().appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("swift test"))
    }
}
