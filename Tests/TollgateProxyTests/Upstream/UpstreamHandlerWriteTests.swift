import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import TollgateProxy

@Suite("Writing requests to an upstream")
struct UpstreamHandlerWriteTests {
    /// Each buffer the handler passed to the channel, as text.
    private static func writes(of channel: EmbeddedChannel) throws -> [String] {
        var writes: [String] = []
        while let bytes = try channel.readOutbound(as: ByteBuffer.self) { writes.append(String(buffer: bytes)) }
        return writes
    }

    private static func post(_ headers: [(String, String)]) -> HTTPRequestHead {
        HTTPRequestHead(version: .http1_1, method: .POST, uri: "/orders", headers: HTTPHeaders(headers))
    }

    @Test("a small body and its end leave in the head's write; nothing leaves before the flush")
    func smallRequestIsOneWrite() throws {
        let handler = UpstreamHandler()
        let channel = EmbeddedChannel(handler: handler)
        handler.writeHead(Self.post([("Host", "api"), ("Transfer-Encoding", "chunked")]), host: nil)
        handler.write(.body(.byteBuffer(ByteBuffer(string: "{\"id\":1}"))))
        handler.write(.end(nil))
        #expect(try Self.writes(of: channel).isEmpty)
        handler.flush()
        #expect(
            try Self.writes(of: channel) == [
                "POST /orders HTTP/1.1\r\nHost: api\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n{\"id\":1}\r\n0\r\n\r\n"
            ])
        _ = try channel.finish()
    }

    @Test("a body part too large for the head's spare room follows the head in order")
    func largeBodyFollowsHead() throws {
        let handler = UpstreamHandler()
        let channel = EmbeddedChannel(handler: handler)
        // Larger than the head buffer can be: its capacity is rounded up at most to twice what was asked.
        let large = String(repeating: "x", count: HeadBuffer.maxKeptCapacity + 1)
        handler.writeHead(Self.post([("Host", "api"), ("Content-Length", "\(large.utf8.count + 4)")]), host: nil)
        handler.write(.body(.byteBuffer(ByteBuffer(string: large))))
        handler.write(.body(.byteBuffer(ByteBuffer(string: "tail"))))
        handler.write(.end(nil))
        handler.flush()
        #expect(
            try Self.writes(of: channel) == [
                "POST /orders HTTP/1.1\r\nHost: api\r\nContent-Length: \(large.utf8.count + 4)\r\n\r\n", large, "tail",
            ])
        _ = try channel.finish()
    }
}
