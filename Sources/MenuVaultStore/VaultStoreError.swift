import Foundation
import MenuVaultCore

/// What can go wrong opening, reading or writing a vault. Messages name the file, snapshot,
/// account or line concerned and never include stored content or secrets.
public enum VaultStoreError: Error, Equatable, LocalizedError {
  /// The vault file could not be created or opened.
  case cannotCreate(path: String, reason: String)
  /// The file is not a vault: an SQLite database of another program (its `application_id` is
  /// not MenuVault's; 0 when it has none), or not an SQLite database at all.
  case notAVault(path: String, applicationID: Int32)
  /// The vault was written by a newer MenuVault (its schema version is higher than this one's).
  case newerSchema(path: String, found: String, supported: Int)
  /// The vault was written by an older MenuVault and was opened for reading only, which cannot
  /// upgrade it; opening it for writing upgrades it in one transaction, keeping everything.
  case olderSchema(path: String, found: Int, supported: Int)
  /// No snapshot has this id.
  case snapshotNotFound(id: Int64)
  /// No account has this name.
  case accountNotFound(name: String)
  /// An active account already has this name.
  case accountExists(name: String)
  /// An account name must be a non-empty string.
  case invalidAccountName(name: String)
  /// The account exists on another platform than the one given.
  case platformMismatch(account: String, recorded: Platform, given: Platform)
  /// A menu id cannot be stored (empty, or containing a comma).
  case invalidMenuID(account: String, menuID: String)
  /// A rollback points at a snapshot that does not exist.
  case rollbackTargetNotFound(id: Int64)
  /// An operation is already under way on the account: the lock is held.
  case operationPending(VaultOperation)
  /// No operation has this id.
  case operationNotFound(id: Int64)
  /// The operation has already finished; it cannot change any more.
  case operationFinished(id: Int64, status: VaultOperation.Status)
  /// A line of a restore file is not a snapshot this version can read.
  case restoreLineInvalid(line: Int, problem: String)
  /// A hash on a line of a restore file does not match the bytes on that line: the line was altered.
  case restoreHashMismatch(line: Int, key: String, recorded: String, computed: String)
  /// The backup destination already exists.
  case backupDestinationExists(path: String)
  /// The backup was written but its verification found problems.
  case backupVerificationFailed(path: String, problems: [String])
  /// The vault holds data this version cannot read (an unknown code in a column).
  case corruptRow(table: String, id: Int64, column: String)

  /// A lowercase message that names the thing concerned and what to do, in words that fit any
  /// frontend: it names no command and no option, so a frontend adds its own (a command line
  /// adds `menuvault verify`, a page a button).
  public var errorDescription: String? {
    switch self {
    case .cannotCreate(let path, let reason):
      return "cannot create or open the vault \(path): \(reason)"
    case .notAVault(let path, let applicationID):
      let mark =
        applicationID == 0
        ? "it has no MenuVault mark"
        : "its sqlite application_id is 0x\(String(UInt32(bitPattern: applicationID), radix: 16))"
      return "\(path) is not a MenuVault vault (\(mark)); give the path of a vault or of a new file"
    case .newerSchema(let path, let found, let supported):
      return "the vault \(path) was written by a newer MenuVault (schema \(found), "
        + "this version reads up to \(supported)); open it with a newer version"
    case .olderSchema(let path, let found, let supported):
      return "the vault \(path) was written by an older MenuVault (schema version \(found), "
        + "this version writes \(supported)) and is open for reading only; open it once for "
        + "writing to upgrade it, keeping every snapshot"
    case .snapshotNotFound(let id):
      return "no snapshot has id \(id); check the id against the vault's history"
    case .accountNotFound(let name):
      return "no account is named '\(name)'; check the name against the vault's accounts"
    case .accountExists(let name):
      return "an account named '\(name)' already exists; pick another name or remove it first"
    case .invalidAccountName(let name):
      return "'\(name)' is not a valid account name: give a non-empty name"
    case .platformMismatch(let account, let recorded, let given):
      return "account '\(account)' is a \(recorded.rawValue) account, not \(given.rawValue); "
        + "use another account name or the platform it was created with"
    case .invalidMenuID(let account, let menuID):
      return "menu id '\(menuID)' of account '\(account)' cannot be stored: "
        + "menu ids must be non-empty and contain no comma"
    case .rollbackTargetNotFound(let id):
      return "the rollback target snapshot \(id) does not exist"
    case .operationPending(let operation):
      return operation.lockDescription
        + "; wait for it, or clear the lock if its process died"
    case .operationNotFound(let id):
      return "no operation has id \(id)"
    case .operationFinished(let id, let status):
      return "operation \(id) has already finished (\(status.rawValue)) and cannot change"
    case .restoreLineInvalid(let line, let problem):
      return "restore line \(line): \(problem); nothing was restored"
    case .restoreHashMismatch(let line, let key, let recorded, let computed):
      return "restore line \(line): \(key) is \(recorded) but the line's bytes hash to \(computed) "
        + "(the line was altered); nothing was restored"
    case .backupDestinationExists(let path):
      return "the backup destination \(path) already exists; choose a new file"
    case .backupVerificationFailed(let path, let problems):
      return "the backup \(path) failed verification: " + problems.joined(separator: "; ")
    case .corruptRow(let table, let id, let column):
      return "\(table) row \(id) holds an unknown value in \(column); verify the vault"
    }
  }
}
