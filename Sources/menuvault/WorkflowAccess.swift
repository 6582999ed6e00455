import MenuVault

/// Runs a workflow step, turning its errors into one line and the documented exit code, with
/// the command that acts on them where there is one.
enum WorkflowAccess {
  static func run<T>(_ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch let failure as CommandFailure {
      throw failure
    } catch let error as WorkflowError {
      throw failure(for: error)
    } catch let error as PlatformError {
      throw CommandFailure(message: error.description, exitCode: .unavailable)
    } catch let error as VaultStoreError {
      throw CommandFailure(
        message: VaultAccess.message(for: error), exitCode: VaultAccess.exitCode(for: error))
    } catch {
      throw CommandFailure(message: "\(error.localizedDescription)", exitCode: .failure)
    }
  }

  /// The one line and exit code for a workflow error.
  static func failure(for error: WorkflowError) -> CommandFailure {
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
    case .noDefaultMenu, .invalidMediaMap, .mediaMapPathUnused:
      return CommandFailure(message: text, exitCode: .dataError)
    case .notRestorable(let id, _):
      return CommandFailure(
        message: text + ": give `menuvault rollback \(id)` --allow-lossy or --media-map",
        exitCode: .dataError)
    case .liveChangedSincePlan:
      return CommandFailure(
        message: text + "; run the command again to see the new changes", exitCode: .unavailable)
    case .unreadableLive, .readBackMismatch:
      return CommandFailure(message: text, exitCode: .unavailable)
    case .failed(_, _, _, let before, let restore):
      var hint = ""
      switch restore {
      case .notAttempted:
        if let before { hint = ": `menuvault rollback \(before) --yes` puts it back" }
      case .failed(let id, _, _):
        hint = ": `menuvault rollback \(id) --yes` finishes putting it back"
      case .notNeeded, .restored:
        break
      }
      return CommandFailure(message: text + hint, exitCode: .unavailable)
    }
  }
}
