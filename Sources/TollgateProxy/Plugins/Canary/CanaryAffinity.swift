import NIOHTTP1
import TollgateCore

/// What keeps a client on one side of a canary (`hash_on`), and how its key is
/// turned into one of 100 fixed buckets: a request goes to the canary when its
/// bucket is below the percentage, so raising the percentage only ever moves
/// keys from the stable side to the canary.
enum CanaryAffinity: Sendable {
    /// No affinity: an exact share of requests, evenly spread.
    case none
    case header(String)
    case cookie(String)
    case clientAddress

    init(_ spec: CanarySpec) {
        switch spec.hashOn {
        case .none: self = .none
        case .header: self = spec.hashOnHeader.map(CanaryAffinity.header) ?? .none
        case .cookie: self = spec.hashOnCookie.map(CanaryAffinity.cookie) ?? .none
        case .ip: self = .clientAddress
        }
    }

    /// The request's bucket (0…99) with hash `seed`; nil when the request has no key
    /// (then it is split like a request without affinity).
    func bucket(of context: RequestContext, seed: UInt32) -> Int? {
        switch self {
        case .none:
            return nil
        case .header(let name):
            return context.clientHead.headers.first(name: name).map { Self.bucket($0.utf8, seed: seed) }
        case .cookie(let name):
            return RequestHashing.cookie(named: name, in: context.clientHead.headers).map { Self.bucket($0.utf8, seed: seed) }
        case .clientAddress:
            return Self.bucket(context.client.address.utf8, seed: seed)
        }
    }

    private static func bucket(_ key: some Collection<UInt8>, seed: UInt32) -> Int {
        Int(XXHash32.hash(key, seed: seed) % 100)
    }
}
