import ArgumentParser
import MenuVault

/// `menuvault canonicalize`: any JSON document -> its RFC 8785 bytes.
struct CanonicalizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "canonicalize",
    abstract: "Print any JSON document as its exact RFC 8785 canonical bytes, plus one newline."
  )

  @Argument(help: "The JSON document to read, or - for standard input.")
  var path: String = "-"

  func run() throws {
    let input = try InputDocument.read(path)
    do {
      let value = try JSONParser.parse(input.bytes)
      Terminal.write(bytes: CanonicalJSON.bytes(value) + [0x0A])
    } catch {
      throw CommandFailure(
        message: "\(input.name): not valid JSON: \(error.description)", exitCode: .dataError)
    }
  }
}
