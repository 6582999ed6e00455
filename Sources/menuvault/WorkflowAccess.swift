import MenuVault

/// Runs a workflow step, turning its errors into one line and the documented exit code, with
/// the command that acts on them where there is one.
enum WorkflowAccess {
  ///
  /// - Parameter context: the account and vault a failed operation's hint names, so the command
  ///   it gives can be run as it is.
  static func run<T>(context: AccountContext? = nil, _ body: () async throws -> T) async throws
    -> T
  {
    do {
      return try await body()
    } catch {
      throw failure(for: error, context: context)
    }
  }

  /// The one line and exit code for any error a workflow throws: the library's words, with the
  /// command that acts on them where there is one.
  static func failure(for error: any Error, context: AccountContext? = nil) -> CommandFailure {
    switch error {
    case let failure as CommandFailure:
      return failure
    case let error as WorkflowError:
      return failure(for: error, context: context)
    case let error as PlatformError:
      return CommandFailure(message: error.description, exitCode: .unavailable)
    case let error as VaultStoreError:
      return CommandFailure(
        message: VaultAccess.message(for: error), exitCode: VaultAccess.exitCode(for: error))
    case let error as AccountClientError:
      return failure(for: error)
    case let error as AccountSettingsError:
      return AccountImportRunner.failure(for: error)
    case let error as AccountImportError:
      return AccountImportRunner.failure(for: error)
    default:
      return CommandFailure(message: "\(error.localizedDescription)", exitCode: .failure)
    }
  }

  /// The one line and exit code for a workflow error.
  static func failure(for error: WorkflowError, context: AccountContext? = nil) -> CommandFailure {
    let text = error.errorDescription ?? "\(error)"
    switch error {
    case .notPublishable(let findings):
      for finding in findings { Terminal.note(finding.line) }
      let refusals = findings.filter(\.isRefusal).count
      let warnings = findings.count - refusals
      let counted =
        warnings == 0
        ? "\(findings.count) finding(s)"
        : "\(refusals) finding(s) and \(warnings) warning(s) (--strict)"
      return CommandFailure(message: "not publishable: \(counted)", exitCode: .dataError)
    case .lossyRefused:
      return CommandFailure(
        message: text + ": pass --allow-lossy to publish anyway", exitCode: .dataError)
    case .noSnapshot(let account, let source):
      return CommandFailure(
        message: "account \(account) has no \(source.rawValue) snapshot: run `menuvault pull "
          + "--account \(account)`, or give a snapshot id",
        exitCode: .noInput)
    case .noDefaultMenu, .invalidMediaMap, .mediaMapPathUnused:
      return CommandFailure(message: text, exitCode: .dataError)
    case .liveChangedSincePlan, .liveChangedSinceConfirmation:
      return CommandFailure(
        message: text + "; run the command again to see the new changes", exitCode: .unavailable)
    case .unreadableLive, .readBackMismatch:
      return CommandFailure(message: text, exitCode: .unavailable)
    case .failed(let failure):
      return CommandFailure(
        message: text + hint(for: failure, context: context), exitCode: .unavailable)
    }
  }
}

extension WorkflowAccess {
  /// The command that acts on a failed operation, as the user can run it.
  static func hint(for failure: OperationFailure, context: AccountContext?) -> String {
    let db = context?.vault.databasePath.map { " --db \(Terminal.shellWord($0))" } ?? ""
    var hint = ""
    switch failure.restore {
    case .notAttempted:
      if let before = failure.beforeSnapshotID {
        hint = ": `menuvault rollback \(before) --yes\(db)` puts it back"
      }
    case .failed(let id, .checkRestorable, _, _):
      hint =
        ": it needs a decision first: `menuvault rollback \(id) --dry-run\(db)` shows what, "
        + "and --allow-lossy or --media-map settle it"
    case .failed(let id, _, _, let platformError):
      let wait =
        platformError?.wechatErrorCode == WeChatErrorCode.dailyQuotaReached
        ? " once the daily quota resets (midnight Beijing time)" : ""
      hint = ": `menuvault rollback \(id) --yes\(db)` finishes putting it back\(wait)"
    case .notNeeded, .restored:
      break
    }
    if failure.lockStillHeld, let account = context?.account.name {
      hint += "; `menuvault unlock --account \(account)\(db)` releases the lock"
    }
    return hint
  }
}
