/// One member of a JSON object: a key and its value, in the order the document gave them.
public struct JSONMember: Sendable, Equatable {
  /// The member's name.
  public var key: String
  /// The member's value.
  public var value: JSONValue

  /// Creates a member from a key and a value.
  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}

/// A JSON value as the strict parser reads it: objects keep their members in document order
/// (the parser has already refused duplicate keys), numbers are IEEE-754 doubles as I-JSON requires.
public enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A finite number.
  case number(Double)
  /// A string of Unicode scalars (never a lone surrogate).
  case string(String)
  /// An array of values.
  case array([JSONValue])
  /// An object whose members keep document order; keys are unique.
  case object([JSONMember])

  /// The value of the member named `key` when this is an object, else `nil`.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first(where: { $0.key == key })?.value
  }

  /// A short English name of the value's kind for error messages ("a string", "an object").
  public var kindDescription: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}
