import Foundation
import MenuVault

/// Writing to stdout and stderr without buffering surprises.
enum Terminal {
  /// Writes `text` to stdout as is.
  static func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Writes bytes to stdout as is.
  static func write(bytes: [UInt8]) {
    FileHandle.standardOutput.write(Data(bytes))
  }

  /// Writes one line to stdout.
  static func line(_ text: String) { write(text + "\n") }

  /// `text` as one word for a POSIX shell, to paste into a command a message suggests: as is
  /// when it holds only letters, digits and `/._-+=:@`, else single-quoted.
  static func shellWord(_ text: String) -> String {
    let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+=:@".contains($0) }
    return plain ? text : "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
  }

  /// Writes `menuvault: ` and one line to stderr.
  static func error(_ text: String) {
    FileHandle.standardError.write(Data("menuvault: \(text)\n".utf8))
  }

  /// Writes one line to stderr as is.
  static func note(_ text: String) {
    FileHandle.standardError.write(Data("\(text)\n".utf8))
  }

  /// Writes `value` as pretty JSON (keys sorted, two-space indent) and a newline to stdout: the
  /// `--json` output of every command, encoded from the library's result types.
  static func json(_ value: some Encodable) throws {
    do {
      write(bytes: try ResultJSON.bytes(value))
    } catch {
      throw CommandFailure(message: "cannot write JSON: \(error)", exitCode: .failure)
    }
  }
}
