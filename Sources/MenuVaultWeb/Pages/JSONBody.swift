import Foundation
import MenuVault

/// The JSON the pages answer `Accept: application/json` with, written as the command line's
/// `--json` writes it: the library's Codable results, keys sorted, two-space indent, a final
/// newline.
enum JSONBody {
  /// `value` as pretty JSON with sorted keys and a final newline.
  static func bytes(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let document = try JSONParser.parse(Array(try encoder.encode(value)))
    return Array((PrettyJSON.string(document) + "\n").utf8)
  }

  /// A normalized document as `menuvault show --json` prints it: each conditional menu that
  /// matches nobody today carries `"inactive_fields"` (not content: the hash is unchanged).
  static func bytes(document: JSONValue, inactive: [InactiveConditionalMenu]) -> [UInt8] {
    Array((PrettyJSON.string(document.markingInactive(inactive)) + "\n").utf8)
  }
}

extension JSONValue {
  /// This normalized document with `"inactive_fields": [...]` added to each conditional menu that
  /// matches nobody today. Normalizing ignores the extra member, so the hash stays the same.
  fileprivate func markingInactive(_ inactive: [InactiveConditionalMenu]) -> JSONValue {
    guard !inactive.isEmpty, case .object(var members) = self,
      let at = members.firstIndex(where: { $0.key == "conditionalmenu" }),
      case .array(var menus) = members[at].value
    else { return self }
    for menu in inactive where menus.indices.contains(menu.index) {
      if case .object(var fields) = menus[menu.index] {
        fields.append(JSONMember("inactive_fields", .array(menu.fields.map { .string($0) })))
        menus[menu.index] = .object(fields)
      }
    }
    members[at] = JSONMember("conditionalmenu", .array(menus))
    return .object(members)
  }
}
