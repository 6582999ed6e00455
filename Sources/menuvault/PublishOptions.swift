import ArgumentParser
import Foundation
import MenuVault

/// Options shared by publish and rollback.
struct PublishOptions: ParsableArguments {
  @Flag(help: "Check, snapshot what is live and show the diff, but change nothing.")
  var dryRun = false

  @Flag(
    help:
      "Publish even though some buttons were converted lossily (text -> click, old news -> view).")
  var allowLossy = false

  @Option(help: "A JSON file mapping button paths of unpublishable entries to permanent media ids.")
  var mediaMap: String?

  @Flag(help: "Do not ask for confirmation.")
  var yes = false

  @Flag(
    help:
      "Refuse the menu when validation warns (types WeChat's conditional-menu page does not list).")
  var strict = false

  @Flag(
    help:
      "When a step fails after the first write, leave the account as it is instead of putting the previous menu back."
  )
  var noRestore = false

  func loadMediaMap() throws -> MediaMap {
    guard let mediaMap else { return MediaMap() }
    let input = try InputDocument.read(mediaMap)
    do {
      return try MediaMap(jsonBytes: input.bytes)
    } catch let error as WorkflowError {
      throw CommandFailure(
        message: "\(input.name): \(error.errorDescription ?? "")", exitCode: .dataError)
    }
  }
}
