import ArgumentParser

/// The exit codes `menuvault` uses (documented in the README).
extension ExitCode {
  /// The live menu differs from what the vault last published or recorded (`status`).
  static let drifted = ExitCode(3)
  /// A usage error: a missing option, no credentials, no --yes where nobody can confirm (EX_USAGE).
  static let usage = ExitCode(64)
  /// The platform failed or refused: an API error, a timeout, a failed publish step (EX_UNAVAILABLE).
  static let unavailable = ExitCode(69)
  /// Bad input data: not JSON, an unknown shape, wrong field types, lint findings (EX_DATAERR).
  static let dataError = ExitCode(65)
  /// An input file that cannot be read (EX_NOINPUT).
  static let noInput = ExitCode(66)
  /// The vault file or its directory cannot be created or opened (EX_CANTCREAT).
  static let cannotCreate = ExitCode(73)
  /// Another publish or rollback holds the account's lock (EX_TEMPFAIL).
  static let locked = ExitCode(75)
  /// `pull --all`: some accounts could not be pulled this time, the others were (EX_TEMPFAIL).
  static let someFailed = ExitCode(75)
}

/// A failure the command explains in one line before exiting with `exitCode`.
struct CommandFailure: Error {
  /// The line printed on stderr after `menuvault: `.
  var message: String
  /// The process exit code.
  var exitCode: ExitCode
}
