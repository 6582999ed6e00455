import ArgumentParser
import MenuVault

/// `menuvault normalize`: any menu shape -> the normalized create-API document.
struct NormalizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "normalize",
    abstract: "Print a menu document in normalized create-API form.",
    discussion:
      "Fidelity notes go to stderr, one line per button that did not pass through exactly, "
      + "naming every member that was ignored."
  )

  @OptionGroup var input: MenuInputOptions

  @Flag(help: "Print exactly the RFC 8785 canonical bytes that are hashed, plus one newline.")
  var canonical = false

  @Flag(help: "Exit 65 when any button or member is not carried over exactly.")
  var strict = false

  @Flag(name: .shortAndLong, help: "Say on stderr which shape the document was read as.")
  var verbose = false

  func run() throws {
    let (document, menu) = try input.normalizedMenu()
    if verbose {
      let how = input.shape == nil ? "detected" : "as asked"
      Terminal.note("\(document.name): read as \(menu.shape.rawValue) (\(how))")
    }
    if canonical {
      Terminal.write(bytes: menu.canonicalBytes + [0x0A])
    } else {
      Terminal.line(PrettyJSON.string(menu.document))
    }
    for note in menu.notes {
      Terminal.note("\(document.name): \(note.line)")
    }
    if strict && !menu.notes.isEmpty {
      throw CommandFailure(
        message:
          "\(document.name): \(menu.notes.count) button(s) not exact, worst \(menu.fidelity.rawValue) (--strict)",
        exitCode: .dataError)
    }
  }
}
