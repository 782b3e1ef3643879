import AsyncHTTPClient

/// Reads a mirror's answer and throws it away: only whether it came matters.
final class MirrorResponseDiscarder: HTTPClientResponseDelegate, Sendable {
    typealias Response = Void

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {}
}
