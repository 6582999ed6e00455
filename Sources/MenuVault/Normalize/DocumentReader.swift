/// Path-aware typed access to a parsed document, so every type error names where it happened.
struct DocumentReader {
  let value: JSONValue
  let path: String

  /// The members of an object, or a type error.
  func object() throws(NormalizeError) -> [JSONMember] {
    guard case .object(let members) = value else {
      throw .wrongType(path: displayPath, expected: "an object", found: value.kindDescription)
    }
    return members
  }

  /// A child reader for member `key`, or `nil` when absent or `null`.
  func member(_ key: String) -> DocumentReader? {
    guard let child = value[key], child != .null else { return nil }
    return DocumentReader(value: child, path: join(key))
  }

  /// The elements of an array as readers, or a type error.
  func elements() throws(NormalizeError) -> [DocumentReader] {
    guard case .array(let items) = value else {
      throw .wrongType(path: displayPath, expected: "an array", found: value.kindDescription)
    }
    return items.enumerated().map {
      DocumentReader(value: $0.element, path: "\(path)[\($0.offset)]")
    }
  }

  /// An optional string member; empty strings read as `nil`.
  func string(_ key: String) throws(NormalizeError) -> String? {
    guard let child = member(key) else { return nil }
    guard case .string(let text) = child.value else {
      throw .wrongType(path: child.path, expected: "a string", found: child.value.kindDescription)
    }
    return text.isEmpty ? nil : text
  }

  /// An optional string-or-number member rendered as a string (match-rule values).
  func scalarString(_ key: String) throws(NormalizeError) -> String? {
    guard let child = member(key) else { return nil }
    switch child.value {
    case .string(let text): return text.isEmpty ? nil : text
    case .number(let number): return ECMAScriptNumber.format(number)
    default:
      throw .wrongType(
        path: child.path, expected: "a string or a number", found: child.value.kindDescription)
    }
  }

  /// The path shown in messages: `top level` for the root.
  var displayPath: String { path.isEmpty ? "top level" : path }

  private func join(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
