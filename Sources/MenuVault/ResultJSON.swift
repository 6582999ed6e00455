import Foundation
import MenuVaultJSON

/// The JSON every frontend prints the library's Codable results as (`--json`, the web pages'
/// `application/json`): keys sorted, two-space indent, `/` not escaped, a final newline, and
/// integers exactly as they are (an id above 2^53 too).
public enum ResultJSON {
  /// `value` encoded and pretty-printed.
  public static func bytes(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try PrettyJSON.reindented(Array(try encoder.encode(value))) + [0x0A]
  }
}
