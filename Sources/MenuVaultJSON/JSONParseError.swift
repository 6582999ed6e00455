import Foundation

/// Why ``JSONParser`` refused a document, and the byte offset where it noticed.
///
/// The message is one lowercase line, e.g. `byte 42: duplicate key "name"`.
public struct JSONParseError: Error, Equatable, LocalizedError, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Sendable, Equatable {
    /// No value at all: empty input, or only a byte order mark and whitespace.
    case emptyInput
    /// A byte that cannot start or continue a value here.
    case unexpectedByte(UInt8)
    /// The document ended inside a value.
    case unexpectedEnd
    /// An object with the same key twice (compared after unescaping).
    case duplicateKey(String)
    /// A `\u` escape of a surrogate without its pair.
    case loneSurrogate
    /// Bytes in a string that are not well-formed UTF-8 (overlong, encoded surrogate, above
    /// U+10FFFF, or truncated).
    case invalidUTF8
    /// A raw control character (U+0000-U+001F) inside a string.
    case controlCharacterInString
    /// A number that breaks the JSON grammar: a leading zero (`01`), a missing digit (`1.`,
    /// `-`, `1e`), or a sign after `-`. A leading `+` is an ``unexpectedByte(_:)``.
    case invalidNumber
    /// A number too large in magnitude for a double (I-JSON); underflow to zero is accepted.
    case numberOutOfRange
    /// A backslash escape JSON does not have.
    case invalidEscape
    /// Something after the value.
    case trailingContent
    /// Arrays and objects nested deeper than the limit.
    case tooDeep(limit: Int)
  }

  /// The byte offset of the problem, from 0, counting a leading byte order mark; equal to the
  /// input's length when it ended too soon. Number errors point at the number's first byte,
  /// escape and surrogate errors at the backslash, duplicate keys at the key's opening quote.
  public let offset: Int
  /// What was wrong.
  public let reason: Reason

  /// Creates an error.
  public init(offset: Int, reason: Reason) {
    self.offset = offset
    self.reason = reason
  }

  /// One lowercase line: `byte 42: duplicate key "name"`, `byte 0: empty input`.
  public var description: String {
    let what: String
    switch reason {
    case .emptyInput: what = "empty input"
    case .unexpectedByte(let byte):
      if (0x21...0x7E).contains(byte) {
        what = "unexpected character '\(Character(Unicode.Scalar(byte)))'"
      } else {
        what = "unexpected byte 0x\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16))"
      }
    case .unexpectedEnd: what = "unexpected end of input"
    case .duplicateKey(let key):
      // Quoted and escaped as JSON, so a name with a quote or a newline stays on one line.
      var quoted: [UInt8] = []
      JSONWriter.appendQuoted(key, to: &quoted)
      what = "duplicate key \(String(decoding: quoted, as: UTF8.self))"
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
