import Foundation
import GRDB
import MenuVaultCore

extension VaultStore {
  /// Adds an account, or brings back a removed one of the same name with the new settings.
  ///
  /// - Throws: ``VaultStoreError/accountExists(name:)`` when an active account has the name,
  ///   ``VaultStoreError/platformMismatch(account:recorded:given:)`` when a removed account of
  ///   that name was on another platform, ``VaultStoreError/invalidAccountName(name:)``.
  @discardableResult
  package func addAccount(name: String, settings: AccountSettings, at time: Timestamp = .now())
    throws -> Account
  {
    guard !name.isEmpty else { throw VaultStoreError.invalidAccountName(name: name) }
    return try writer.write { db in
      if let existing = try Self.fetchAccount(db, name: name) {
        guard existing.removedAt != nil else { throw VaultStoreError.accountExists(name: name) }
        guard existing.platform == settings.platform else {
          throw VaultStoreError.platformMismatch(
            account: name, recorded: existing.platform, given: settings.platform)
        }
        try Self.writeSettings(db, id: existing.id, settings: settings, revive: true)
      } else {
        try db.execute(
          sql: "INSERT INTO account (name, platform, created_at) VALUES (?, ?, ?)",
          arguments: [name, settings.platform.rawValue, time.millisecondsSince1970])
        try Self.writeSettings(db, id: db.lastInsertedRowID, settings: settings, revive: false)
      }
      let account = try Self.requireAccount(db, name: name)
      try Self.refreshAccountState(db, accountID: account.id, pulledAt: nil)
      return account
    }
  }

  /// Changes an account's settings (app id, label, API base, where credentials are found).
  ///
  /// - Throws: ``VaultStoreError/accountNotFound(name:)``, or
  ///   ``VaultStoreError/platformMismatch(account:recorded:given:)``: the platform never changes,
  ///   because the account's snapshots were taken on it.
  @discardableResult
  package func updateAccount(name: String, settings: AccountSettings) throws -> Account {
    try writer.write { db in
      let existing = try Self.requireAccount(db, name: name)
      guard existing.platform == settings.platform else {
        throw VaultStoreError.platformMismatch(
          account: name, recorded: existing.platform, given: settings.platform)
      }
      try Self.writeSettings(db, id: existing.id, settings: settings, revive: false)
      return try Self.requireAccount(db, name: name)
    }
  }

  /// The account with this name (active or removed), or `nil` when there is none.
  package func account(named name: String) throws -> Account? {
    try writer.read { db in try Self.fetchAccount(db, name: name) }
  }

  /// All accounts in name order; removed ones only when `includeRemoved` is true.
  package func accounts(includeRemoved: Bool = false) throws -> [Account] {
    try writer.read { db in
      let filter = includeRemoved ? "" : "WHERE removed_at IS NULL"
      return try Row.fetchAll(db, sql: "\(Self.accountSelect) \(filter) ORDER BY name")
        .map(Self.account)
    }
  }

  /// Removes an account from the list; its snapshots and operations stay in the vault, and
  /// adding an account of the same name later brings it back.
  ///
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` when no active account has the name.
  package func removeAccount(name: String, at time: Timestamp = .now()) throws {
    try writer.write { db in
      try db.execute(
        sql: "UPDATE account SET removed_at = ? WHERE name = ? AND removed_at IS NULL",
        arguments: [time.millisecondsSince1970, name])
      guard db.changesCount == 1 else { throw VaultStoreError.accountNotFound(name: name) }
    }
  }

  // MARK: - Rows

  /// The account columns, in the order ``account(_:)`` reads them (the first eleven of a row).
  static let accountColumns = """
    account.id, name, platform, app_id, label, api_base, secret_env, token_env, token_command,
      created_at, removed_at
    """

  private static let accountSelect = "SELECT \(accountColumns) FROM account"

  static func fetchAccount(_ db: Database, name: String) throws -> Account? {
    try Row.fetchOne(db, sql: "\(accountSelect) WHERE name = ?", arguments: [name]).map(account)
  }

  static func requireAccount(_ db: Database, name: String) throws -> Account {
    guard let account = try fetchAccount(db, name: name) else {
      throw VaultStoreError.accountNotFound(name: name)
    }
    return account
  }

  /// The account in the first eleven columns of `row` (``accountColumns``).
  static func account(_ row: Row) throws -> Account {
    let id: Int64 = row[0]
    let platformName: String = row[2]
    guard let platform = Platform(rawValue: platformName) else {
      throw VaultStoreError.corruptRow(table: "account", id: id, column: "platform")
    }
    let removedAt: Int64? = row[10]
    return Account(
      id: id, name: row[1],
      settings: AccountSettings(
        platform: platform, appID: row[3], label: row[4], apiBaseURL: row[5],
        secretEnvironmentVariable: row[6], tokenEnvironmentVariable: row[7],
        tokenCommand: row[8]),
      createdAt: Timestamp(millisecondsSince1970: row[9]),
      removedAt: removedAt.map(Timestamp.init(millisecondsSince1970:)))
  }

  static func writeSettings(
    _ db: Database, id: Int64, settings: AccountSettings, revive: Bool
  ) throws {
    let removed = revive ? ", removed_at = NULL" : ""
    try db.execute(
      sql: """
        UPDATE account SET app_id = ?, label = ?, api_base = ?, secret_env = ?, token_env = ?,
          token_command = ?\(removed)
        WHERE id = ?
        """,
      arguments: [
        settings.appID, settings.label, settings.apiBaseURL, settings.secretEnvironmentVariable,
        settings.tokenEnvironmentVariable, settings.tokenCommand, id,
      ])
  }
}
