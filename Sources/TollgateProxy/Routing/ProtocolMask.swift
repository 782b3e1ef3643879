import TollgateCore

/// A set of client protocols as bits, for a one-instruction check.
struct ProtocolMask: Sendable, Equatable {
    private let bits: UInt8

    init(_ protocols: some Sequence<RouteSpec.ClientProtocol>) {
        bits = protocols.reduce(0) { $0 | Self.bit($1) }
    }

    func contains(_ scheme: RouteSpec.ClientProtocol) -> Bool {
        bits & Self.bit(scheme) != 0
    }

    private static func bit(_ scheme: RouteSpec.ClientProtocol) -> UInt8 {
        switch scheme {
        case .http: 1
        case .https: 2
        }
    }
}
