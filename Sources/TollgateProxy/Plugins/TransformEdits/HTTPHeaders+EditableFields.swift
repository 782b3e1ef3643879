import NIOHTTP1

/// Header names compare case-insensitively, as `HTTPHeaders` does.
extension HTTPHeaders: EditableFields {
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
        replaceOrAdd(name: name, value: value)
    }

    mutating func appendField(_ name: String, value: String) {
        add(name: name, value: value)
    }
}
