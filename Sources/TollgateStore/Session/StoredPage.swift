/// One page of a stored list and the cursor of the next page, nil on the last.
public struct StoredPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// The same page with each item transformed.
    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> StoredPage<Other> {
        StoredPage<Other>(items: try items.map(transform), nextCursor: nextCursor)
    }
}
