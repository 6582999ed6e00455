import Foundation
import GRDB
import MenuVaultCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
  package func menu(snapshotID id: Int64) throws -> SnapshotMenu {
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
  package func inactiveConditionalMenus(snapshotID id: Int64) throws -> [InactiveConditionalMenu] {
    guard let info = try snapshot(id: id) else { throw VaultStoreError.snapshotNotFound(id: id) }
    return try inactiveConditionalMenus(of: [info])[0]
  }

  /// The inactive conditional menus of each of `snapshots` (one page of a history), in their
  /// order: one read of the vault for the lot, and one parse per distinct content with
  /// conditional menus (a history repeats contents).
  ///
  /// - Throws: ``VaultStoreError/snapshotNotFound(id:)``,
  ///   ``VaultStoreError/corruptRow(table:id:column:)``, or a `DatabaseError`.
  package func inactiveConditionalMenus(of snapshots: [SnapshotInfo]) throws
    -> [[InactiveConditionalMenu]]
  {
    try writer.read { db in
      let statement = try db.cachedStatement(
        sql: """
          SELECT b.content FROM snapshot AS s JOIN blob AS b ON b.id = s.content_id
          WHERE s.id = ?
          """)
      var byContent: [String: [InactiveConditionalMenu]] = [:]
      return try snapshots.map { info in
        if let known = byContent[info.contentHash] { return known }
        guard let data = try Data.fetchOne(statement, arguments: [info.id]) else {
          throw VaultStoreError.snapshotNotFound(id: info.id)
        }
        let inactive = try Self.inactiveConditionalMenus(
          canonical: [UInt8](data), platform: info.platform, snapshotID: info.id)
        byContent[info.contentHash] = inactive
        return inactive
      }
    }
  }

  /// The inactive conditional menus of canonical bytes; none, without parsing, when they hold no
  /// match rule with a retired field. In canonical JSON a member name is `"name":` with nothing
  /// between, and a string value is never followed by a colon, so looking for those bytes finds
  /// exactly the members of that name.
  private static func inactiveConditionalMenus(
    canonical: [UInt8], platform: Platform, snapshotID id: Int64
  ) throws -> [InactiveConditionalMenu] {
    guard canonical.contains(subsequence: matchRuleKey),
      retiredFieldKeys.contains(where: { canonical.contains(subsequence: $0) })
    else { return [] }
    do {
      return try Normalizer.normalize(canonical, platform: platform, shape: .create).menuSet
        .inactiveConditionalMenus
    } catch {
      throw VaultStoreError.corruptRow(table: "snapshot", id: id, column: "content")
    }
  }

  private static let matchRuleKey = Array(#""matchrule":"#.utf8)
  private static let retiredFieldKeys = MatchRule.Field.allCases.filter(\.isRetiredForPrivacy)
    .map { Array("\"\($0.rawValue)\":".utf8) }
}

extension Array where Element == UInt8 {
  /// Whether `needle` occurs in these bytes.
  func contains(subsequence needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    guard count >= needle.count else { return false }
    return withUnsafeBufferPointer { haystack in
      needle.withUnsafeBufferPointer { needle in
        guard let start = haystack.baseAddress, let wanted = needle.baseAddress else {
          return false
        }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
          if haystack[index] == first, memcmp(start + index, wanted, needle.count) == 0 {
            return true
          }
          index += 1
        }
        return false
      }
    }
  }
}
