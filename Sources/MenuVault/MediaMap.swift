import MenuVaultCore
import MenuVaultJSON

/// Permanent media ids for unpublishable entries, by button path (`button[2]`,
/// `button[0].sub_button[1]`, `conditionalmenu[0].button[1]`): the `--media-map` file is a JSON
/// object of path -> media id.
public struct MediaMap: Sendable, Equatable {
  /// Media id by button path.
  public var mediaIDs: [String: String]

  /// Creates a map.
  public init(_ mediaIDs: [String: String] = [:]) { self.mediaIDs = mediaIDs }

  /// Reads a media map file.
  public init(jsonBytes: [UInt8]) throws {
    let value: JSONValue
    do {
      value = try JSONParser.parse(jsonBytes)
    } catch {
      throw WorkflowError.invalidMediaMap(reason: error.description)
    }
    guard case .object(let members) = value else {
      throw WorkflowError.invalidMediaMap(reason: "expected an object of button path -> media id")
    }
    var ids: [String: String] = [:]
    for member in members {
      guard case .string(let id) = member.value, !id.isEmpty else {
        throw WorkflowError.invalidMediaMap(reason: "\(member.key): expected a non-empty string")
      }
      ids[member.key] = id
    }
    mediaIDs = ids
  }

  /// `set` with every mapped unpublishable entry turned into a `media_id` button.
  public func apply(to set: MenuSet) throws -> MenuSet {
    var result = set
    var used = Set<String>()
    func map(_ buttons: inout [Button], prefix: String) {
      for index in buttons.indices {
        let path = "\(prefix)button[\(index)]"
        for child in buttons[index].subButtons.indices {
          let childPath = "\(path).sub_button[\(child)]"
          if let id = mediaIDs[childPath], buttons[index].subButtons[child].isUnpublishable {
            buttons[index].subButtons[child] = .leaf(
              buttons[index].subButtons[child].name ?? "", .mediaId, [.mediaID: id])
            used.insert(childPath)
          }
        }
        if let id = mediaIDs[path], buttons[index].isUnpublishable {
          buttons[index] = .leaf(buttons[index].name ?? "", .mediaId, [.mediaID: id])
          used.insert(path)
        }
      }
    }
    map(&result.defaultMenu.buttons, prefix: "")
    for index in result.conditionalMenus.indices {
      map(&result.conditionalMenus[index].buttons, prefix: "conditionalmenu[\(index)].")
    }
    if let unused = mediaIDs.keys.sorted().first(where: { !used.contains($0) }) {
      throw WorkflowError.mediaMapPathUnused(path: unused)
    }
    return result
  }
}
