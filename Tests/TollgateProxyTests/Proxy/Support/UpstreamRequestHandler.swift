import Crypto
import NIOCore
import NIOHTTP1

/// One connection of a ``TestUpstream``: records each request and answers it as its
/// ``UpstreamBehaviour`` says.
final class UpstreamRequestHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let name: String
    private let defaults: UpstreamBehaviour
    private let log: UpstreamLog
    private let connection: Int
    private let upstreamSwitch: UpstreamSwitch?
    private var behaviour = UpstreamBehaviour()
    private var head: HTTPRequestHead?
    private var hasher = SHA256()
    private var bodyLength = 0
    private var readsPaused = false
    private var readPending = false
    private var streamRemaining = 0

    init(name: String, defaults: UpstreamBehaviour, log: UpstreamLog, connection: Int, upstreamSwitch: UpstreamSwitch? = nil) {
        self.name = name
        self.defaults = defaults
        self.log = log
        self.connection = connection
        self.upstreamSwitch = upstreamSwitch
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): receiveHead(head, context: context)
        case .body(let body): receiveBody(body, context: context)
        case .end: receiveEnd(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        log.connectionClosed()
        context.fireChannelInactive()
    }

    func read(context: ChannelHandlerContext) {
        if readsPaused {
            readPending = true
        } else {
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if streamRemaining > 0 { pump(context: context) }
        context.fireChannelWritabilityChanged()
    }

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        self.head = head
        behaviour = defaults.overridden(by: head.headers)
        if let forced = upstreamSwitch?.action { behaviour.action = forced }
        hasher = SHA256()
        bodyLength = 0
        if behaviour.action == .close {
            context.close(promise: nil)
            return
        }
        if head.headers.first(name: "expect")?.lowercased() == "100-continue" {
            context.writeAndFlush(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .continue))), promise: nil)
        }
        if behaviour.action == .echo {
            let headers = HTTPHeaders([("transfer-encoding", "chunked"), ("x-upstream", name)])
            context.writeAndFlush(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil
            )
        }
        if behaviour.pauseReadMilliseconds > 0 {
            readsPaused = true
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(behaviour.pauseReadMilliseconds)) {
                self.readsPaused = false
                if self.readPending {
                    self.readPending = false
                    context.read()
                }
            }
        }
    }

    private func receiveBody(_ body: ByteBuffer, context: ChannelHandlerContext) {
        bodyLength += body.readableBytes
        body.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        if behaviour.action == .echo {
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
    }

    private func receiveEnd(context: ChannelHandlerContext) {
        guard let head else { return }
        let report = UpstreamReport(
            upstream: name, method: head.method.rawValue, uri: head.uri, version: "\(head.version)",
            headers: head.headers.map { [$0.name, $0.value] }, bodyLength: bodyLength,
            bodySHA256: hasher.finalize().hex, connection: connection)
        log.record(report)
        if behaviour.delayMilliseconds > 0 {
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(behaviour.delayMilliseconds)) {
                self.respond(report, isHead: head.method == .HEAD, context: context)
            }
        } else {
            respond(report, isHead: head.method == .HEAD, context: context)
        }
    }

    private func respond(_ report: UpstreamReport, isHead: Bool, context: ChannelHandlerContext) {
        switch behaviour.action {
        case .report, .fail:
            let body = ByteBuffer(bytes: report.encoded())
            var headers = HTTPHeaders([
                ("content-type", "application/json"), ("content-length", String(body.readableBytes)),
                ("x-upstream", name),
            ])
            if behaviour.hopByHopResponse {
                headers.add(contentsOf: [
                    ("connection", "keep-alive, x-upstream-hop"), ("x-upstream-hop", "secret"),
                    ("keep-alive", "timeout=5"), ("proxy-authenticate", "Basic"), ("x-end-to-end", "kept"),
                ])
            }
            context.write(
                wrapOutboundOut(
                    .head(
                        HTTPResponseHead(
                            version: .http1_1, status: behaviour.action == .fail ? .internalServerError : .ok,
                            headers: headers))), promise: nil)
            if !isHead { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .echo:
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .hang, .close:
            break
        case .closeMidResponse:
            let headers = HTTPHeaders([("content-length", "1000"), ("x-upstream", name)])
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil
            )
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(TestPattern.slice(10))))).assumeIsolated()
                .whenComplete { _ in
                    context.close(promise: nil)
                }
        case .switchProtocols:
            let headers = HTTPHeaders([("connection", "upgrade"), ("upgrade", "test"), ("x-upstream", name)])
            let head = HTTPResponseHead(version: .http1_1, status: .switchingProtocols, headers: headers)
            context.write(wrapOutboundOut(.head(head)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .stream:
            let headers = HTTPHeaders([("content-length", String(behaviour.streamBytes)), ("x-upstream", name)])
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil
            )
            streamRemaining = behaviour.streamBytes
            pump(context: context)
        }
    }

    /// Writes pattern chunks while the channel takes them; continues when it becomes writable again.
    private func pump(context: ChannelHandlerContext) {
        while streamRemaining > 0 && context.channel.isWritable {
            let length = min(TestPattern.chunkSize, streamRemaining)
            streamRemaining -= length
            context.write(wrapOutboundOut(.body(.byteBuffer(TestPattern.slice(length)))), promise: nil)
        }
        if streamRemaining == 0 {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            context.flush()
        }
    }
}
