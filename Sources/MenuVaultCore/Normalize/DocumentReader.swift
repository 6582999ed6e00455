import MenuVaultJSON

/// Path-aware typed access to a parsed document, so every type error names where it happened.
///
/// A reader keeps its path as the enclosing container's path plus one step, spelled out only when
/// a message or a child container needs it: almost every value read is fine, and building a path
/// string for each one used to cost more than the reading itself.
struct DocumentReader {
  let value: JSONValue
  /// The spelled-out path of the container holding this value (for the root: its own path).
  private let containerPath: String
  /// How this value is reached from its container.
  private let step: Step

  private enum Step {
    /// The value is the root; `containerPath` is its own path.
    case root
    /// The value of member `key`.
    case member(String)
    /// Element `index` of an array.
    case element(Int)
  }

  /// A reader for `value`, whose path is `path` (`""` for the top level).
  init(value: JSONValue, path: String) {
    self.init(value: value, containerPath: path, step: .root)
  }

  private init(value: JSONValue, containerPath: String, step: Step) {
    self.value = value
    self.containerPath = containerPath
    self.step = step
  }

  /// Where the value is, e.g. `menu.button[0].sub_button[1]` (`""` for the top level).
  var path: String {
    switch step {
    case .root: return containerPath
    case .member(let key): return Self.join(containerPath, key)
    case .element(let index): return "\(containerPath)[\(index)]"
    }
  }

  /// The members of an object, or a type error.
  func object() throws(NormalizeError) -> [JSONMember] {
    guard case .object(let members) = value else {
      throw .wrongType(path: displayPath, expected: "an object", found: value.kindDescription)
    }
    return members
  }

  /// A child reader for member `key`, or `nil` when absent or `null`.
  func member(_ key: String) -> DocumentReader? {
    guard let child = memberValue(key) else { return nil }
    return DocumentReader(value: child, containerPath: path, step: .member(key))
  }

  /// A child reader for member `key` whose value `child` the caller has already looked up.
  func child(_ key: String, _ child: JSONValue) -> DocumentReader {
    DocumentReader(value: child, containerPath: path, step: .member(key))
  }

  /// The value of member `key`, or `nil` when absent or `null`.
  func memberValue(_ key: String) -> JSONValue? {
    guard let child = value[key] else { return nil }
    if case .null = child { return nil }
    return child
  }

  /// The elements of an array as readers, or a type error.
  func elements() throws(NormalizeError) -> [DocumentReader] {
    guard case .array(let items) = value else {
      throw .wrongType(path: displayPath, expected: "an array", found: value.kindDescription)
    }
    if items.isEmpty { return [] }
    let base = path
    var readers: [DocumentReader] = []
    readers.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      readers.append(DocumentReader(value: item, containerPath: base, step: .element(index)))
    }
    return readers
  }

  /// An optional string member; empty strings read as `nil`.
  func string(_ key: String) throws(NormalizeError) -> String? {
    try string(memberValue(key), key: key)
  }

  /// Member `key`'s value, already looked up (`nil` when absent or `null`), as an optional
  /// string; empty strings read as `nil`.
  func string(_ child: JSONValue?, key: String) throws(NormalizeError) -> String? {
    guard let child else { return nil }
    guard case .string(let text) = child else {
      throw .wrongType(path: memberPath(key), expected: "a string", found: child.kindDescription)
    }
    return text.isEmpty ? nil : text
  }

  /// An optional string-or-number member rendered as a string (match-rule values).
  func scalarString(_ key: String) throws(NormalizeError) -> String? {
    guard let child = memberValue(key) else { return nil }
    switch child {
    case .string(let text): return text.isEmpty ? nil : text
    case .number(let number): return ECMAScriptNumber.format(number)
    default:
      throw .wrongType(
        path: memberPath(key), expected: "a string or a number", found: child.kindDescription)
    }
  }

  /// The path shown in messages: `top level` for the root.
  var displayPath: String {
    let path = self.path
    return path.isEmpty ? "top level" : path
  }

  /// The path of member `key` of this value.
  func memberPath(_ key: String) -> String { Self.join(path, key) }

  private static func join(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : "\(path).\(key)"
  }
}
