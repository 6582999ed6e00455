import Foundation
import MenuVaultCore

extension SnapshotSource {
  /// The shape of the raw bytes a snapshot from this source holds; `nil` for an import, whose
  /// shape is detected.
  public var documentShape: DocumentShape? {
    switch self {
    case .get: .menuGet
    case .selfmenu: .selfmenu
    case .weiboShow: .weiboShow
    case .import: nil
    case .create, .rollback: .create
    }
  }
}

/// A snapshot and its menu.
public struct SnapshotMenu: Sendable {
  /// The snapshot.
  public var info: SnapshotInfo
  /// Its menu, with the fidelity notes and text replies of the response it was read from.
  public var menu: NormalizedMenu
}

extension VaultStore {
  /// Snapshot `id`'s menu, read again from its raw bytes so the fidelity notes and text replies
  /// of a website-set menu come back; from its canonical form when the raw bytes no longer read
  /// to the recorded hash (a normalizer that changed since).
  ///
  /// - Throws: ``VaultStoreError/snapshotNotFound(id:)``, or
  ///   ``VaultStoreError/corruptRow(table:id:column:)`` when neither form can be read.
  public func menu(snapshotID id: Int64) throws -> SnapshotMenu {
    guard let info = try snapshot(id: id) else { throw VaultStoreError.snapshotNotFound(id: id) }
    let raw = try rawBytes(snapshotID: id)
    if let fromRaw = try? Normalizer.normalize(
      raw, platform: info.platform, shape: info.source.documentShape),
      fromRaw.contentHash == info.contentHash
    {
      return SnapshotMenu(info: info, menu: fromRaw)
    }
    do {
      let canonical = try canonicalBytes(snapshotID: id)
      return SnapshotMenu(
        info: info,
        menu: try Normalizer.normalize(canonical, platform: info.platform, shape: .create))
    } catch is NormalizeError {
      throw VaultStoreError.corruptRow(table: "snapshot", id: id, column: "content")
    }
  }
}

extension VaultStore {
  /// Snapshot `id`'s conditional menus that match nobody today (see
  /// ``MenuSet/inactiveConditionalMenus``); a snapshot without conditional menus is answered
  /// without parsing its document.
  public func inactiveConditionalMenus(snapshotID id: Int64) throws -> [InactiveConditionalMenu] {
    guard let info = try snapshot(id: id) else { throw VaultStoreError.snapshotNotFound(id: id) }
    let canonical = try canonicalBytes(snapshotID: id)
    guard canonical.contains(subsequence: Self.matchRuleKey) else { return [] }
    do {
      return try Normalizer.normalize(canonical, platform: info.platform, shape: .create).menuSet
        .inactiveConditionalMenus
    } catch {
      throw VaultStoreError.corruptRow(table: "snapshot", id: id, column: "content")
    }
  }

  private static let matchRuleKey = Array(#""matchrule""#.utf8)
}

extension Array where Element == UInt8 {
  /// Whether `needle` occurs in these bytes.
  func contains(subsequence needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, count >= needle.count else { return needle.isEmpty }
    let first = needle[0]
    var index = startIndex
    while index <= count - needle.count {
      if self[index] == first, self[index..<index + needle.count].elementsEqual(needle) {
        return true
      }
      index += 1
    }
    return false
  }
}
