import ArgumentParser
import Foundation

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
    if let databasePath { return databasePath }
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

  /// `menuvault --db X history ...` means `menuvault history ... --db X`: a `--db` given before
  /// the subcommand is moved after it, where every vault command reads it.
  static func movingLeadingDatabaseOption(_ arguments: ArraySlice<String>) -> [String] {
    var leading: [String] = []
    var rest = Array(arguments)
    while let first = rest.first, first.hasPrefix("--db") {
      if first == "--db", rest.count >= 2 {
        leading += rest.prefix(2)
        rest.removeFirst(2)
      } else if first.hasPrefix("--db=") {
        leading.append(rest.removeFirst())
      } else {
        break
      }
    }
    return rest + leading
  }
}
