import Foundation

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
