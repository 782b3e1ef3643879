import Hummingbird
import Logging
import NIOCore
import TollgateCore
import TollgateTestSupport

/// A Kong Admin API emulator on 127.0.0.1 (a free port), for the Kong engine's tests.
///
/// Start one with ``withKongEmulator(_:_:)``; ``state`` holds its entities and the
/// log of every request, so tests assert the exact Kong calls made.
struct KongEmulator: Sendable {
    let port: Int
    let state: KongEmulatorState

    /// The Admin URL to give the Kong engine.
    var url: String { "http://127.0.0.1:\(port)" }

    /// The requests received so far.
    func requests() async -> [RecordedKongRequest] {
        await state.requests
    }

    /// The requests that changed something (every method but GET).
    func writes() async -> [RecordedKongRequest] {
        await state.requests.filter(\.isWrite)
    }
}

/// Runs `body` with an emulator started with `options`, then stops it.
func withKongEmulator<Result: Sendable>(
    _ options: KongEmulatorOptions = KongEmulatorOptions(), _ body: (KongEmulator) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "kong-emulator")
    logger.logLevel = .warning
    let state = KongEmulatorState(options: options)
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
        let bytes = try await request.body.collect(upTo: 1 << 20)
        let answer = await state.handle(
            method: request.method.rawValue, target: request.uri.description, body: Array(buffer: bytes),
            adminToken: request.headers[HTTPFields.Element.Name("Kong-Admin-Token")!])
        guard let json = answer.body else { return Response(status: .init(code: answer.status)) }
        return Response(
            status: .init(code: answer.status), headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONCoding.serialize(json))))
    }
    return try await withLoopbackServer(responder, logger: logger) { port in
        try await body(KongEmulator(port: port, state: state))
    }
}
