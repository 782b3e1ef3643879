/// The class of a response status, as the request counter labels it.
enum StatusClass: String, CaseIterable, Sendable {
    case informational = "1xx"
    case success = "2xx"
    case redirection = "3xx"
    case clientError = "4xx"
    case serverError = "5xx"
    /// The exchange ended before any response head was sent.
    case none = "none"

    init(status: Int?) {
        switch status {
        case (100..<200)?: self = .informational
        case (200..<300)?: self = .success
        case (300..<400)?: self = .redirection
        case (400..<500)?: self = .clientError
        case (500..<600)?: self = .serverError
        default: self = .none
        }
    }
}
