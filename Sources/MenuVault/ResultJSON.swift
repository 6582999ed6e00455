import Foundation
import MenuVaultJSON

/// The JSON every frontend prints the library's Codable results as (`--json`, the web pages'
/// `application/json`): keys sorted, two-space indent, `/` not escaped, a final newline.
public enum ResultJSON {
  /// `value` encoded and pretty-printed.
  public static func bytes(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let document = try JSONParser.parse(Array(try encoder.encode(value)))
    return Array((PrettyJSON.string(document) + "\n").utf8)
  }
}
