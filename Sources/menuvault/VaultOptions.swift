import ArgumentParser
import Foundation
import Synchronization

/// Where the vault lives; accepted by every vault command, before or after the subcommand.
struct VaultOptions: ParsableArguments {
  @Option(
    name: .customLong("db"),
    help: ArgumentHelp(
      "The vault file to use. Default: $MENUVAULT_DB, else menuvault/vault.sqlite in the per-user data directory ($XDG_DATA_HOME, else $HOME/.local/share).",
      valueName: "path"))
  var databasePath: String?

  /// The vault path: `--db`, else `MENUVAULT_DB`, else the per-user data directory (created
  /// with mode 0700 when missing).
  func resolvedPath() throws -> String {
    if let path = databasePath ?? Self.leading.withLock({ $0 }) { return path }
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["MENUVAULT_DB"], !path.isEmpty { return path }
    // `$HOME` first, as every program that follows the XDG layout does: NSHomeDirectory()
    // answers from the password database whatever `HOME` says.
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    let dataHome =
      environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home + "/.local/share")
    let directory = dataHome + "/menuvault"
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw CommandFailure(
        message: "cannot create the vault directory \(directory): \(error.localizedDescription)",
        exitCode: .cannotCreate)
    }
    return directory + "/vault.sqlite"
  }

  /// The `--db` given before the subcommand, which the root command records as it validates
  /// (the parser validates the root before the subcommand runs).
  static let leading = Mutex<String?>(nil)
}
