import Foundation
import MenuVault

/// The JSON of a page that is not one of the library's Codable results (those are written with
/// `ResultJSON`, as the command line's `--json` writes them).
enum JSONBody {
  /// A normalized document as `menuvault show --json` prints it: each conditional menu that
  /// matches nobody today carries `"inactive_fields"` (not content: the hash is unchanged).
  static func bytes(document: JSONValue, inactive: [InactiveConditionalMenu]) -> [UInt8] {
    Array((PrettyJSON.string(document.markingInactive(inactive)) + "\n").utf8)
  }
}
