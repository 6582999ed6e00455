import Foundation

/// Why the strict parser refused a document, and the byte offset where it did.
public struct JSONParseError: Error, Equatable, LocalizedError, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Sendable, Equatable {
    /// No bytes at all (or only whitespace).
    case emptyInput
    /// A byte that cannot start or continue a value here.
    case unexpectedByte(UInt8)
    /// The document ended inside a value.
    case unexpectedEnd
    /// An object with the same key twice (compared after unescaping).
    case duplicateKey(String)
    /// A `\u` escape of a surrogate without its pair.
    case loneSurrogate
    /// Bytes that are not well-formed UTF-8.
    case invalidUTF8
    /// A raw control character (U+0000-U+001F) inside a string.
    case controlCharacterInString
    /// A number that breaks the JSON grammar (leading zero, missing digits, `+`).
    case invalidNumber
    /// A number too large for a double (I-JSON).
    case numberOutOfRange
    /// A backslash escape JSON does not have.
    case invalidEscape
    /// Something after the value.
    case trailingContent
    /// Arrays and objects nested deeper than the limit.
    case tooDeep(limit: Int)
  }

  /// The byte offset of the problem, from 0.
  public let offset: Int
  /// What was wrong.
  public let reason: Reason

  /// Creates an error.
  public init(offset: Int, reason: Reason) {
    self.offset = offset
    self.reason = reason
  }

  /// `byte 42: duplicate key "name"`.
  public var description: String {
    let what: String
    switch reason {
    case .emptyInput: what = "empty input"
    case .unexpectedByte(let byte):
      if (0x21...0x7E).contains(byte) {
        what = "unexpected character '\(Character(Unicode.Scalar(byte)))'"
      } else {
        what = "unexpected byte 0x\(String(byte, radix: 16, uppercase: true))"
      }
    case .unexpectedEnd: what = "unexpected end of input"
    case .duplicateKey(let key): what = "duplicate key \"\(key)\""
    case .loneSurrogate: what = "lone surrogate in a \\u escape"
    case .invalidUTF8: what = "invalid UTF-8"
    case .controlCharacterInString: what = "unescaped control character in a string"
    case .invalidNumber: what = "invalid number"
    case .numberOutOfRange: what = "number out of range for a double"
    case .invalidEscape: what = "invalid escape"
    case .trailingContent: what = "unexpected content after the document"
    case .tooDeep(let limit): what = "nesting deeper than \(limit) levels"
    }
    return "byte \(offset): \(what)"
  }

  /// Same as ``description``.
  public var errorDescription: String? { description }
}
