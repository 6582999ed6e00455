import MenuVaultCore
import MenuVaultJSON
import MenuVaultStore

/// One snapshot as a history lists it: the `--json` and web shape (snake_case keys).
public struct HistoryEntry: Sendable, Equatable, Codable {
  /// The snapshot's id.
  public var id: Int64
  /// The account's name.
  public var account: String
  /// When it was taken (in JSON: ISO-8601 UTC with milliseconds).
  public var takenAt: Timestamp
  /// Where it came from (`get`, `selfmenu`, `create`, `rollback`, `import`, ...).
  public var source: SnapshotSource
  /// The content hash.
  public var hash: String
  /// The SHA-256 of the raw bytes.
  public var rawHash: String
  /// The worst fidelity of its buttons.
  public var fidelity: Fidelity
  /// For a rollback: the snapshot it restored.
  public var rollbackOf: Int64?
  /// Its conditional menus that match nobody today.
  public var inactiveConditionalMenus: [InactiveConditionalMenu]

  enum CodingKeys: String, CodingKey {
    case id, account, source, hash, fidelity
    case takenAt = "taken_at"
    case rawHash = "raw_hash"
    case rollbackOf = "rollback_of"
    case inactiveConditionalMenus = "inactive_conditional_menus"
  }

  /// The entry for `info`.
  public init(_ info: SnapshotInfo, inactive: [InactiveConditionalMenu]) {
    id = info.id
    account = info.account
    takenAt = info.takenAt
    source = info.source
    hash = info.contentHash
    rawHash = info.rawHash
    fidelity = info.fidelity
    rollbackOf = info.rollbackOf
    inactiveConditionalMenus = inactive
  }

  /// The entries for `snapshots` (a page of history), their inactive conditional menus read from
  /// `store` in one go.
  package static func entries(_ snapshots: [SnapshotInfo], in store: VaultStore) throws
    -> [HistoryEntry]
  {
    try zip(snapshots, store.inactiveConditionalMenus(of: snapshots)).map {
      HistoryEntry($0, inactive: $1)
    }
  }

  /// Reads an entry as ``encode(to:)`` writes it.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(Int64.self, forKey: .id)
    account = try container.decode(String.self, forKey: .account)
    let time = try container.decode(String.self, forKey: .takenAt)
    guard let takenAt = Timestamp(iso8601: time) else {
      throw DecodingError.dataCorruptedError(
        forKey: .takenAt, in: container, debugDescription: "not an ISO-8601 UTC time: \(time)")
    }
    self.takenAt = takenAt
    source = try container.decode(SnapshotSource.self, forKey: .source)
    hash = try container.decode(String.self, forKey: .hash)
    rawHash = try container.decode(String.self, forKey: .rawHash)
    fidelity = try container.decode(Fidelity.self, forKey: .fidelity)
    rollbackOf = try container.decodeIfPresent(Int64.self, forKey: .rollbackOf)
    inactiveConditionalMenus = try container.decode(
      [InactiveConditionalMenu].self, forKey: .inactiveConditionalMenus)
  }

  /// Encodes every key, `rollback_of` as `null` when there is none.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(account, forKey: .account)
    try container.encode(takenAt.iso8601, forKey: .takenAt)
    try container.encode(source, forKey: .source)
    try container.encode(hash, forKey: .hash)
    try container.encode(rawHash, forKey: .rawHash)
    try container.encode(fidelity, forKey: .fidelity)
    try container.encode(rollbackOf, forKey: .rollbackOf)
    try container.encode(inactiveConditionalMenus, forKey: .inactiveConditionalMenus)
  }
}

/// Two snapshots' menus and the diff between them.
public struct SnapshotComparison: Sendable {
  /// The older snapshot and its menu.
  public var from: SnapshotMenu
  /// The newer snapshot and its menu.
  public var to: SnapshotMenu
  /// From `from` to `to`.
  public var diff: MenuDiff
}

extension Workflows {
  /// The account named `name`.
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)`.
  public func account(named name: String) async throws -> Account {
    try await vault { try Self.account(named: name, in: $0) }
  }

  private static func account(named name: String, in store: VaultStore) throws -> Account {
    guard let account = try store.account(named: name) else {
      throw VaultStoreError.accountNotFound(name: name)
    }
    return account
  }

  /// Adds an account, or completes one an import created (it has no app id yet) with `settings`.
  ///
  /// - Throws: ``AccountSettingsError`` for settings that fail
  ///   ``MenuVaultStore/AccountSettings/check(account:)``, `VaultStoreError.accountExists(name:)`,
  ///   `VaultStoreError.platformMismatch(account:recorded:given:)`.
  public func addAccount(name: String, settings: AccountSettings) async throws -> Account {
    try settings.check(account: name)
    let time = clock()
    return try await vault { store in
      if let existing = try store.account(named: name), existing.settings.appID == nil {
        guard existing.platform == settings.platform else {
          throw VaultStoreError.platformMismatch(
            account: name, recorded: existing.platform, given: settings.platform)
        }
        return try store.updateAccount(name: name, settings: settings)
      }
      return try store.addAccount(name: name, settings: settings, at: time)
    }
  }

  /// An account's snapshots, newest first, as history lists them (changes only unless
  /// `changesOnly` is false).
  public func history(account: String, limit: Int? = nil, changesOnly: Bool = true) async throws
    -> [HistoryEntry]
  {
    try await vault { store in
      try HistoryEntry.entries(
        store.history(account: account, limit: limit, changesOnly: changesOnly), in: store)
    }
  }

  /// One page of an account's snapshots, newest first, as history lists them, found by a
  /// keyset cursor: `before` a snapshot id gives the older page, `after` one the newer page
  /// (see `VaultStore.history(account:before:after:limit:changesOnly:source:)`).
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)`, `VaultStoreError.snapshotNotFound(id:)`
  ///   for a cursor that is no snapshot.
  public func history(
    account: String, before: Int64?, after: Int64? = nil, limit: Int, changesOnly: Bool = true
  ) async throws -> [HistoryEntry] {
    try await vault { store in
      try HistoryEntry.entries(
        store.history(
          account: account, before: before, after: after, limit: limit, changesOnly: changesOnly),
        in: store)
    }
  }

  /// Snapshot `id` and its menu.
  ///
  /// - Throws: `VaultStoreError.snapshotNotFound(id:)`.
  public func snapshot(_ id: Int64) async throws -> SnapshotMenu {
    try await vault { try $0.menu(snapshotID: id) }
  }

  /// Two snapshots' menus and what changed from the first to the second.
  public func compare(from: Int64, to: Int64) async throws -> SnapshotComparison {
    let (old, new) = try await vault { store in
      (try store.menu(snapshotID: from), try store.menu(snapshotID: to))
    }
    return SnapshotComparison(
      from: old, to: new, diff: MenuDiff(from: old.menu.menuSet, to: new.menu.menuSet))
  }

  /// The snapshot whose website text buttons `replies` lists: `id`, else the account's latest
  /// selfmenu snapshot.
  ///
  /// - Throws: `VaultStoreError.accountNotFound(name:)`,
  ///   ``WorkflowError/noSnapshot(account:source:)``.
  public func replies(account: String, snapshotID id: Int64? = nil) async throws -> SnapshotMenu {
    try await vault { store in
      if let id { return try store.menu(snapshotID: id) }
      _ = try Self.account(named: account, in: store)
      guard let latest = try store.latestSnapshot(account: account, source: .selfmenu) else {
        throw WorkflowError.noSnapshot(account: account, source: .selfmenu)
      }
      return try store.menu(snapshotID: latest.id)
    }
  }
}
