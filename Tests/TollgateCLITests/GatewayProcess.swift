import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A `tollgate` process started by a test: its output captured as it arrives,
/// and helpers to wait for lines and to call its management API.
final class GatewayProcess: Sendable {
    /// The `tollgate` binary built beside the test bundle.
    static let binary: URL = {
        if let override = ProcessInfo.processInfo.environment["TOLLGATE_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tollgate")
    }()

    private let process: Process
    private let output = CapturedOutput()

    /// Starts `tollgate` with `arguments` and extra environment variables.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TOLLGATE_") }
            .merging(environment) { _, new in new }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        stdout.fileHandleForReading.readabilityHandler = { [output] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.text.withLock { $0.stdout += text }
        }
        stderr.fileHandleForReading.readabilityHandler = { [output] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.text.withLock { $0.stderr += text }
        }
        try process.run()
    }

    /// Runs `tollgate` to completion (at most `timeout`) and returns its status and output.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(30))
        async throws -> (status: Int32, stdout: String, stderr: String)
    {
        let gateway = try GatewayProcess(arguments, environment: environment)
        let status = try await gateway.waitForExit(timeout: timeout)
        return (status, gateway.stdout, gateway.stderr)
    }

    var stdout: String { output.text.withLock { $0.stdout } }
    var stderr: String { output.text.withLock { $0.stderr } }
    var processIdentifier: Int32 { process.processIdentifier }

    /// Waits until standard output has a line containing `text`, and returns that line.
    func waitForLine(containing text: String, timeout: Duration = .seconds(60)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = stdout.split(separator: "\n").first(where: { $0.contains(text) }) {
                return String(line)
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw GatewayProcessError("no line containing '\(text)'; stdout: \(stdout) stderr: \(stderr)")
    }

    /// The management API's base URL, read from the start-up banner.
    func adminBaseURL() async throws -> String {
        let line = try await waitForLine(containing: "management API:")
        guard let url = line.split(separator: " ").last else { throw GatewayProcessError("bad banner line \(line)") }
        return String(url)
    }

    /// The proxy's base URL, read from the start-up banner.
    func proxyBaseURL() async throws -> String {
        let line = try await waitForLine(containing: "proxy:")
        guard let url = line.split(separator: " ").last else { throw GatewayProcessError("bad banner line \(line)") }
        return String(url)
    }

    /// Waits for the process to exit and returns its status.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw GatewayProcessError("tollgate did not exit within \(timeout); stderr: \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Sends a signal (SIGTERM, SIGKILL) to the process.
    func send(signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// What a process wrote, shared with the pipes' readability handlers.
private final class CapturedOutput: Sendable {
    let text = Mutex<(stdout: String, stderr: String)>(("", ""))
}

struct GatewayProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A small JSON client for the management API.
struct AdminClient {
    let baseURL: String
    let token: String

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), String(buffer: body))
    }
}

/// A fresh temporary directory for one test's data.
func temporaryDataDirectory() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tollgate-cli-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
