import ArgumentParser
import MenuVault

/// `menuvault lint`: is this menu publishable on a platform?
struct LintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Check a menu against the platform's documented rules.",
    discussion: "Exits 0 when the menu is publishable, else 65 with one line per finding."
  )

  @OptionGroup var input: MenuInputOptions

  func run() throws {
    let (document, menu) = try input.normalizedMenu()
    let findings = MenuValidator(platform: input.platform).findings(in: menu.readMenuSet)
    guard findings.isEmpty else {
      for finding in findings {
        Terminal.line("\(document.name): \(finding.line)")
      }
      throw CommandFailure(
        message:
          "\(document.name): \(findings.count) finding(s): not publishable on \(input.platform.rawValue)",
        exitCode: .dataError)
    }
    Terminal.line("\(document.name): publishable on \(input.platform.rawValue)")
  }
}
