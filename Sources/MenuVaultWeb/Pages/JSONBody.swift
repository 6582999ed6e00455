import Foundation
import MenuVault

/// The JSON the pages answer `Accept: application/json` with, written as the command line's
/// `--json` writes it: the library's Codable results, keys sorted, two-space indent, a final
/// newline.
enum JSONBody {
  /// `value` as pretty JSON with sorted keys and a final newline.
  static func bytes(_ value: some Encodable) throws -> [UInt8] {
    try ResultJSON.bytes(value)
  }

  /// A normalized document as `menuvault show --json` prints it: each conditional menu that
  /// matches nobody today carries `"inactive_fields"` (not content: the hash is unchanged).
  static func bytes(document: JSONValue, inactive: [InactiveConditionalMenu]) -> [UInt8] {
    Array((PrettyJSON.string(document.markingInactive(inactive)) + "\n").utf8)
  }
}
