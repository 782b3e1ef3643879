import Foundation
import NIOCore
import NIOHTTP1

/// A response received through the proxy.
struct ProxiedResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: ByteBuffer

    /// The test upstream's report in the body.
    func report() throws -> UpstreamReport {
        try UpstreamReport.decode(body.readableBytesView)
    }

    /// The problem document in the body.
    func problem() throws -> ProblemBody {
        try JSONDecoder().decode(ProblemBody.self, from: Data(body.readableBytesView))
    }

    /// The `x-upstream` header: which test upstream answered.
    var upstream: String? { headers.first(name: "x-upstream") }
}

/// An RFC 9457 problem document as the proxy writes it.
struct ProblemBody: Decodable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String
}
