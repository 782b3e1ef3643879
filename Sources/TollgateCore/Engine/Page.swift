/// Which page of a list to return.
public struct PageRequest: Sendable, Hashable {
    /// Accepted page sizes.
    public static let sizes = 1...1000
    /// The size when the client gives none.
    public static let defaultSize = 100

    public var size: Int
    /// The opaque cursor of the previous page's `next`, nil for the first page.
    public var cursor: String?

    public init(size: Int = PageRequest.defaultSize, cursor: String? = nil) {
        self.size = size
        self.cursor = cursor
    }
}

/// One page of a list, and the cursor of the next page when there is one.
public struct Page<Record: APIRepresentable>: Sendable {
    public var data: [Record]
    /// Opaque; pass it back as `offset` to get the next page. Nil on the last page.
    public var nextCursor: String?

    public init(data: [Record], nextCursor: String?) {
        self.data = data
        self.nextCursor = nextCursor
    }
}
