import MenuVaultCore

/// A menu to record: what was sent or received, with its normalized document and metadata.
package struct NewSnapshot: Sendable, Equatable {
  /// The account's name; the account is created (with `platform`) the first time it is used.
  package var accountName: String
  /// The account's platform; must match the platform the account was created with.
  package var platform: Platform
  /// When the menu was sent or received.
  package var takenAt: Timestamp
  /// How the menu came in.
  package var source: SnapshotSource
  /// The exact bytes as sent or received; stored under their SHA-256 (the raw hash).
  package var rawBytes: [UInt8]
  /// The normalized document's RFC 8785 canonical bytes; stored under their SHA-256 (the content
  /// hash), which the vault computes.
  package var canonicalBytes: [UInt8]
  /// How faithfully the document can be published again.
  package var fidelity: Fidelity
  /// The server's `menuid`s (default and conditional menus), in the order the server gave them.
  package var menuIDs: [String]
  /// The server's `is_menu_open`, when the response reports it.
  package var isMenuOpen: Bool?
  /// The snapshot whose menu this one put back, for a rollback.
  package var rollbackOf: Int64?

  /// Creates a snapshot to record.
  package init(
    accountName: String, platform: Platform, takenAt: Timestamp, source: SnapshotSource,
    rawBytes: [UInt8], canonicalBytes: [UInt8], fidelity: Fidelity, menuIDs: [String] = [],
    isMenuOpen: Bool? = nil, rollbackOf: Int64? = nil
  ) {
    self.accountName = accountName
    self.platform = platform
    self.takenAt = takenAt
    self.source = source
    self.rawBytes = rawBytes
    self.canonicalBytes = canonicalBytes
    self.fidelity = fidelity
    self.menuIDs = menuIDs
    self.isMenuOpen = isMenuOpen
    self.rollbackOf = rollbackOf
  }
}

/// What recording one snapshot did.
public struct RecordedSnapshot: Sendable, Equatable {
  /// The new snapshot's id.
  public var id: Int64
  /// The content hash: lowercase hex SHA-256 of the canonical bytes.
  public var contentHash: String
  /// The raw hash: lowercase hex SHA-256 of the raw bytes.
  public var rawHash: String
  /// Whether the content differs from the account's previous snapshot (always `true` for an
  /// account's first snapshot): "new" rather than "unchanged".
  public var isChange: Bool
  /// Whether the normalized document was stored now (`false`: the vault already held it).
  public var contentBlobIsNew: Bool
  /// Whether the raw bytes were stored now (`false`: the vault already held them).
  public var rawBlobIsNew: Bool
}

/// A recorded snapshot's metadata, as history, show and export present it.
public struct SnapshotInfo: Sendable, Equatable {
  /// The snapshot id.
  public var id: Int64
  /// The account's name.
  public var account: String
  /// The account's platform.
  public var platform: Platform
  /// When the menu was sent or received.
  public var takenAt: Timestamp
  /// How the menu came in.
  public var source: SnapshotSource
  /// The content hash: lowercase hex SHA-256 of the canonical bytes.
  public var contentHash: String
  /// The raw hash: lowercase hex SHA-256 of the raw bytes.
  public var rawHash: String
  /// How faithfully the document can be published again.
  public var fidelity: Fidelity
  /// Whether the content differed from the account's previous snapshot when it was recorded.
  public var isChange: Bool
  /// The server's `menuid`s, in the order the server gave them.
  public var menuIDs: [String]
  /// The server's `is_menu_open`, when the response reported it.
  public var isMenuOpen: Bool?
  /// The snapshot whose menu this one put back, for a rollback.
  public var rollbackOf: Int64?
}
