import NIOHTTP1

/// Headers as plugins read and edit them, names compared ASCII case-insensitively:
/// a request's `HTTPHeaders`, a response's ``ResponseHeaders``.
protocol HeaderCollection: EditableFields {
    /// Every value of the header `name`, in order.
    subscript(name: String) -> [String] { get }
    /// Calls `body` with every value of the header `name`, in order, collecting none.
    func forEachValue(of name: String, _ body: (String) -> Void)
    /// The first value of the header `name`.
    func first(name: String) -> String?
    func contains(name: String) -> Bool
    /// Makes room for `count` more headers, so that adding them allocates once.
    mutating func reserveCapacity(adding count: Int)
    mutating func add(name: String, value: String)
    /// Replaces every header `name` with one of `value`, or adds it when there is none.
    mutating func set(name: String, value: String)
    mutating func remove(name: String)
}

extension HeaderCollection {
    func hasField(_ name: String) -> Bool {
        contains(name: name)
    }

    mutating func removeField(_ name: String) {
        remove(name: name)
    }

    mutating func renameField(_ old: String, to new: String) {
        let values = self[old]
        remove(name: old)
        remove(name: new)
        for value in values { add(name: new, value: value) }
    }

    mutating func replaceField(_ name: String, with value: String) {
        set(name: name, value: value)
    }

    mutating func appendField(_ name: String, value: String) {
        add(name: name, value: value)
    }
}

extension HTTPHeaders: HeaderCollection {
    /// NIO's `replaceOrAdd(name:value:)`, looking first: most headers a plugin sets are absent,
    /// and NIO's `remove(name:)` takes its mutating path (a partition, an empty replacement)
    /// even when nothing matches.
    mutating func set(name: String, value: String) {
        if contains(name: name) {
            replaceOrAdd(name: name, value: value)
        } else {
            add(name: name, value: value)
        }
    }

    mutating func reserveCapacity(adding count: Int) {
        reserveCapacity(self.count + count)
    }

    func forEachValue(of name: String, _ body: (String) -> Void) {
        for (fieldName, value) in self where fieldName.equalsCaseInsensitively(name) { body(value) }
    }
}
