import ArgumentParser
import Foundation
import MenuVault

extension SnapshotSource: ExpressibleByArgument {}

extension VaultOptions {
  /// Opens the vault, or fails with its one-line reason. Only the commands that put something
  /// in a vault (`import`, `restore`, `account add`) create a missing one: a mistyped `--db`
  /// must not leave an empty vault behind and then report "no account". `readOnly` opens it so
  /// that SQLite refuses every write (`serve`).
  func openStore(creatingIfMissing: Bool = false, readOnly: Bool = false) throws -> VaultStore {
    let path = try resolvedPath()
    if !creatingIfMissing, !FileManager.default.fileExists(atPath: path) {
      throw CommandFailure(
        message:
          "no vault at \(path) (from \(origin)): check the path, or start one with "
          + "`menuvault account add` or `menuvault import`",
        exitCode: .noInput)
    }
    return try VaultAccess.run {
      try readOnly ? VaultStore.openForReading(path: path) : VaultStore.open(path: path)
    }
  }

  /// Where the vault's path came from, for messages.
  private var origin: String {
    if databasePath != nil || Self.leading.withLock({ $0 }) != nil { return "--db" }
    if let path = ProcessInfo.processInfo.environment["MENUVAULT_DB"], !path.isEmpty {
      return "$MENUVAULT_DB"
    }
    return "the default location"
  }
}

/// Runs vault calls and turns their errors into one line and the documented exit code.
enum VaultAccess {
  /// Runs `body`, mapping ``VaultStoreError`` and SQLite errors to ``CommandFailure``.
  static func run<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let failure as CommandFailure {
      throw failure
    } catch let error as VaultStoreError {
      throw CommandFailure(message: message(for: error), exitCode: exitCode(for: error))
    } catch {
      throw CommandFailure(
        message: "vault error: \(error.localizedDescription)", exitCode: .failure)
    }
  }

  /// The error's line, with the command that acts on it where there is one: the library's
  /// messages say what to do in words that fit any frontend, and this adds the command.
  static func message(for error: VaultStoreError) -> String {
    let text = error.errorDescription ?? "\(error)"
    switch error {
    case .operationPending(let operation):
      return "\(text): `menuvault unlock --account \(operation.account)`"
    case .snapshotNotFound:
      return "\(text): `menuvault history --account NAME --all` lists them"
    case .accountNotFound:
      return "\(text): `menuvault account list` lists them"
    case .corruptRow:
      return "\(text): `menuvault verify`"
    case .newerSchema:
      return "\(text): upgrade menuvault"
    case .olderSchema(let path, _, _):
      return "\(text): `menuvault --db \(path) verify` upgrades and checks it"
    case .cannotCreate, .notAVault, .accountExists, .invalidAccountName, .platformMismatch,
      .invalidMenuID, .rollbackTargetNotFound, .operationNotFound, .operationFinished,
      .restoreLineInvalid, .restoreHashMismatch, .backupDestinationExists,
      .backupVerificationFailed:
      return text
    }
  }

  /// The line `status` and `publish` print for an account's pending operation.
  static func lockMessage(_ operation: VaultOperation) -> String {
    message(for: .operationPending(operation))
  }

  static func exitCode(for error: VaultStoreError) -> ExitCode {
    switch error {
    case .snapshotNotFound, .accountNotFound, .operationNotFound, .rollbackTargetNotFound:
      return .noInput
    case .cannotCreate, .notAVault, .newerSchema, .olderSchema, .backupDestinationExists:
      return .cannotCreate
    case .restoreLineInvalid, .restoreHashMismatch, .platformMismatch, .invalidAccountName,
      .invalidMenuID, .accountExists:
      return .dataError
    case .operationPending:
      return .locked
    case .operationFinished, .backupVerificationFailed, .corruptRow:
      return .failure
    }
  }
}
