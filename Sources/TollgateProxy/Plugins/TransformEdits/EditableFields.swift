/// Named, possibly repeated fields a transformer edits: message headers or query parameters.
protocol EditableFields {
    /// Whether a field named `name` is present.
    func hasField(_ name: String) -> Bool
    /// Removes every field named `name`.
    mutating func removeField(_ name: String)
    /// Gives every field named `old` the name `new`, dropping fields already named `new`.
    mutating func renameField(_ old: String, to new: String)
    /// Replaces every field named `name` with one holding `value`.
    mutating func replaceField(_ name: String, with value: String)
    /// Adds a field, keeping those of the same name.
    mutating func appendField(_ name: String, value: String)
}
