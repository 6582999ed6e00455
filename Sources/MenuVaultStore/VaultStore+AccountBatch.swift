import GRDB
import MenuVaultCore

/// What a batch of accounts does with one of its entries.
package enum AccountWrite: Sendable, Equatable {
  /// Adds a new account.
  case add
  /// Brings back a removed account with the entry's settings.
  case revive
  /// Replaces an active account's settings (its platform stays).
  case update
  /// Leaves the account as it is.
  case skip
}

extension VaultStore {
  /// Adds and updates many accounts in one write transaction: all of them or none.
  ///
  /// `decide` is called for each entry, in order, with the account of that name the vault holds
  /// (active or removed, `nil` when none), inside the transaction; when it throws, nothing is
  /// written and the error is thrown. Then every entry is written as decided.
  ///
  /// - Returns: what was done with each entry, in order.
  /// - Throws: what `decide` throws, ``VaultStoreError/platformMismatch(account:recorded:given:)``
  ///   when an entry decided `.revive` or `.update` names another platform, or a `DatabaseError`.
  package func writeAccounts(
    _ entries: [(name: String, settings: AccountSettings)], at time: Timestamp,
    decide: (_ index: Int, _ existing: Account?) throws -> AccountWrite
  ) throws -> [AccountWrite] {
    try writer.write { db in
      var existing: [Account?] = []
      existing.reserveCapacity(entries.count)
      var writes: [AccountWrite] = []
      writes.reserveCapacity(entries.count)
      for (index, entry) in entries.enumerated() {
        let account = try Self.fetchAccount(db, name: entry.name)
        existing.append(account)
        writes.append(try decide(index, account))
      }
      let insert = try db.cachedStatement(
        sql: """
          INSERT INTO account (name, platform, app_id, label, api_base, secret_env, token_env,
            token_command, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """)
      for (index, entry) in entries.enumerated() {
        let settings = entry.settings
        switch writes[index] {
        case .add:
          guard !entry.name.isEmpty else {
            throw VaultStoreError.invalidAccountName(name: entry.name)
          }
          try insert.execute(arguments: [
            entry.name, settings.platform.rawValue, settings.appID, settings.label,
            settings.apiBaseURL, settings.secretEnvironmentVariable,
            settings.tokenEnvironmentVariable, settings.tokenCommand, time.millisecondsSince1970,
          ])
        case .revive, .update:
          guard let account = existing[index] else {
            throw VaultStoreError.accountNotFound(name: entry.name)
          }
          guard account.platform == settings.platform else {
            throw VaultStoreError.platformMismatch(
              account: entry.name, recorded: account.platform, given: settings.platform)
          }
          try Self.writeSettings(
            db, id: account.id, settings: settings, revive: writes[index] == .revive)
        case .skip:
          break
        }
      }
      return writes
    }
  }
}
