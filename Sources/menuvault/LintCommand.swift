import ArgumentParser
import MenuVault

/// `menuvault lint`: is this menu publishable on a platform?
struct LintCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract: "Check a menu against the platform's documented rules.",
    discussion: """
      Exits 0 when the menu is publishable, else 65 with one line per finding. Warnings (where \
      WeChat's own pages disagree, and buttons or members carried over lossily, which publish \
      sends only with --allow-lossy) are printed but keep exit 0 unless --strict.
      """
  )

  @OptionGroup var input: MenuInputOptions

  @Flag(help: "Treat warnings as findings: exit 65 when there is any.")
  var strict = false

  func run() throws {
    let (document, menu) = try input.normalizedMenu()
    let findings = MenuValidator(platform: input.platform).findings(in: menu)
    for finding in findings {
      Terminal.line("\(document.name): \(finding.line)")
    }
    let refusals = findings.filter { $0.isRefusal || strict }
    let warnings = findings.count - findings.filter(\.isRefusal).count
    guard refusals.isEmpty else {
      throw CommandFailure(
        message:
          "\(document.name): \(refusals.count) finding(s): not publishable on \(input.platform.rawValue)",
        exitCode: .dataError)
    }
    let warned = warnings == 0 ? "" : " with \(warnings) warning(s)"
    Terminal.line("\(document.name): publishable on \(input.platform.rawValue)\(warned)")
  }
}
