import ArgumentParser
import MenuVault

/// `menuvault hash`: the content hash of a menu document.
struct HashCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hash",
    abstract: "Print the content hash of a menu: SHA-256 of its normalized canonical JSON."
  )

  @OptionGroup var input: MenuInputOptions

  func run() throws {
    Terminal.line(try input.normalizedMenu().menu.contentHash)
  }
}
