import Foundation
import MenuVaultJSON

/// Why a document could not be read as a menu. Every case names where in the document.
public enum NormalizeError: Error, Equatable, LocalizedError, CustomStringConvertible {
  /// The bytes are not strict JSON.
  case invalidJSON(JSONParseError)
  /// A field holds the wrong kind of value.
  case wrongType(path: String, expected: String, found: String)
  /// The top-level keys match no known shape.
  case unknownShape(keys: [String])
  /// The document is an API error response rather than a menu.
  case apiError(code: Int, message: String)
  /// The document does not fit the shape that was asked for.
  case shapeMismatch(shape: DocumentShape, reason: String)

  /// One lowercase line saying what is wrong and where; it names no command and no option, so
  /// a frontend adds its own (a command line adds `--shape`).
  public var description: String {
    switch self {
    case .invalidJSON(let error):
      return "not valid JSON: \(error.description)"
    case .wrongType(let path, let expected, let found):
      return "\(path): expected \(expected), found \(found)"
    case .unknownShape(let keys):
      let shown =
        keys.isEmpty ? "no keys" : "keys " + keys.map { "\"\($0)\"" }.joined(separator: ", ")
      return "unknown document shape (\(shown)): expected a create payload (\"button\"), "
        + "a menu/get response (\"menu\"), a get_current_selfmenu_info response "
        + "(\"selfmenu_info\") or a Weibo show response; read it with an explicit shape"
    case .apiError(let code, let message):
      return "the document is an API error response (errcode \(code): \(message)), not a menu"
    case .shapeMismatch(let shape, let reason):
      return "not a \(shape.rawValue) document: \(reason)"
    }
  }

  /// Same as ``description``.
  public var errorDescription: String? { description }
}
