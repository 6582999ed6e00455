import MenuVaultStore

/// What an import of accounts did, by account name, in file order.
public struct AccountImportReport: Sendable, Equatable {
  /// Accounts the vault did not have, or had removed (brought back), or had only from imported
  /// snapshots (completed with their settings).
  public var added: [String] = []
  /// Accounts whose settings were replaced (only when updating was asked for).
  public var updated: [String] = []
  /// Accounts the vault already had with the same settings: left as they were.
  public var skipped: [String] = []
}

extension Workflows {
  /// Adds the accounts of `batch` in one transaction: all of them or none.
  ///
  /// A row identical to an account the vault has is skipped; a row for an existing account
  /// with other settings is refused unless `updating` is true, then its settings replace the
  /// account's (its platform never changes). A removed account of the same name is brought back.
  ///
  /// - Throws: ``AccountImportError`` naming the row's line and the column that differs
  ///   (``AccountImportError/Problem/differs(account:field:stored:given:)``,
  ///   ``AccountImportError/Problem/platformMismatch(account:recorded:given:)``): nothing is
  ///   written; `VaultStoreError`.
  public func importAccounts(_ batch: AccountImport, updating: Bool = false) async throws
    -> AccountImportReport
  {
    let time = clock()
    return try await vault { store in
      var report = AccountImportReport()
      _ = try store.writeAccounts(batch.rows.map { ($0.name, $0.settings) }, at: time) {
        index, existing in
        let row = batch.rows[index]
        let write = try batch.write(for: row, existing: existing, updating: updating)
        switch write {
        case .add, .revive: report.added.append(row.name)
        case .update where existing?.settings.appID == nil: report.added.append(row.name)
        case .update: report.updated.append(row.name)
        case .skip: report.skipped.append(row.name)
        }
        return write
      }
      return report
    }
  }
}

extension AccountImport {
  /// What to do with `row` given the account of its name the vault has.
  func write(for row: Row, existing: Account?, updating: Bool) throws(AccountImportError)
    -> AccountWrite
  {
    guard let existing else { return .add }
    guard existing.platform == row.settings.platform else {
      throw error(
        row.line, .platform,
        .platformMismatch(
          account: row.name, recorded: existing.platform, given: row.settings.platform))
    }
    if existing.removedAt != nil { return .revive }
    // An account that only imported snapshots created: completed, as adding it one by one does.
    if existing.settings.appID == nil { return .update }
    if existing.settings == row.settings { return .skip }
    guard updating else {
      let field =
        AccountField.allCases.first {
          $0.value(in: existing.settings) != $0.value(in: row.settings)
        } ?? .appID
      // A token command is never repeated in a message: it may carry a secret of its own.
      let shown =
        field == .tokenCommand
        ? (nil, nil)
        : (
          field.value(in: existing.settings), field.value(in: row.settings)
        )
      throw error(
        row.line, field,
        .differs(account: row.name, field: field, stored: shown.0, given: shown.1))
    }
    return .update
  }
}
