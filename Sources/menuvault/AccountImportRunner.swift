import ArgumentParser
import MenuVault

/// `account add --from FILE`: reads and checks the whole file, then adds it in one go, and says
/// what was added, updated and skipped.
struct AccountImportRunner {
  var path: String
  var updating: Bool
  var vault: VaultOptions

  func run() async throws {
    let input = try InputDocument.read(path)
    // Every row is checked before the vault is opened: a bad file writes nothing, not even a
    // new vault file.
    let batch: AccountImport
    do {
      batch = try AccountImport.read(input.bytes, source: input.name)
    } catch {
      throw Self.failure(for: error)
    }
    let workflows = Workflows(store: try vault.openStore(creatingIfMissing: true))
    let report: AccountImportReport
    do {
      report = try await workflows.importAccounts(batch, updating: updating)
    } catch let error as AccountImportError {
      throw Self.failure(for: error)
    } catch {
      throw WorkflowAccess.failure(for: error)
    }
    Terminal.line(
      "\(input.name): \(report.added.count) added, \(report.updated.count) updated, "
        + "\(report.skipped.count) unchanged (skipped)")
  }

  /// A refused file, with the option that acts on it where there is one.
  static func failure(for error: AccountImportError) -> CommandFailure {
    var message = error.errorDescription ?? "\(error)"
    if case .differs = error.problem { message += "; --update replaces its settings" }
    return CommandFailure(message: message, exitCode: .dataError)
  }

  /// Refused settings, with the option that gives them.
  static func failure(for error: AccountSettingsError) -> CommandFailure {
    let text = error.errorDescription ?? "\(error)"
    let option = error.field == .name ? "NAME" : "--\(error.field.rawValue)"
    return CommandFailure(message: "\(text) (\(option))", exitCode: .dataError)
  }
}
