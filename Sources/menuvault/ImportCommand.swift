import ArgumentParser
import Foundation
import MenuVault

/// `menuvault import`: snapshot menu documents from files, offline.
struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Snapshot menu documents from files into the vault.",
    discussion: """
      Each PATH holds one menu document of any shape normalize reads, or many, one per line. \
      Every document is read before anything is written: one bad document writes nothing. \
      Prints one line per snapshot: its id, its content hash, and whether the content is new \
      or unchanged since the account's previous snapshot.
      """
  )

  @Argument(help: "The files to import; - reads standard input.")
  var paths: [String] = ["-"]

  @Option(help: "The account the snapshots belong to; created on first use.")
  var account: String

  @Option(help: "The account's platform: wechat or weibo (default: the account's, else wechat).")
  var platform: Platform?

  @Option(help: "Read every document as this shape instead of detecting it.")
  var shape: DocumentShape?

  @Option(help: "Record the snapshots as coming from this source (default: import).")
  var source: SnapshotSource = .import

  @Option(help: "Record the snapshots as taken at this UTC time, e.g. 2026-11-21T08:30:00.123Z.")
  var takenAt: String?

  @OptionGroup var vault: VaultOptions

  func validate() throws {
    if let takenAt, Timestamp(iso8601: takenAt) == nil {
      throw ValidationError(
        "--taken-at '\(takenAt)' is not an ISO-8601 UTC time like 2026-11-21T08:30:00.123Z")
    }
    if account.isEmpty { throw ValidationError("--account needs a non-empty name") }
  }

  func run() async throws {
    // Every document is read before the vault is opened: bad input writes nothing, not even
    // a new vault file.
    var inputs: [(name: String, bytes: [UInt8])] = []
    for path in paths {
      let input = try InputDocument.read(path)
      inputs.append((input.name, input.bytes))
    }
    let batch: ImportBatch
    do {
      batch = try ImportBatch.read(inputs, platform: platform ?? .wechat, shape: shape)
    } catch {
      throw CommandFailure(
        message: "\(error.location): \(error.reason.messageWithShapeOption)", exitCode: .dataError)
    }
    inputs = []
    // What a document did not carry over, as normalize says it; the raw bytes keep all of it,
    // and `show` says it again from them.
    for document in batch.documents {
      for note in document.notes { Terminal.note("\(document.location): \(note.line)") }
    }
    let workflows = Workflows(store: try vault.openStore(creatingIfMissing: true))
    let recorded = try await VaultAccess.run {
      try await workflows.record(
        batch, account: account, platform: platform, source: source,
        takenAt: takenAt.flatMap(Timestamp.init(iso8601:)))
    }
    var output: [UInt8] = []
    output.reserveCapacity(recorded.count * 86)
    for snapshot in recorded {
      output.append(contentsOf: String(snapshot.id).utf8)
      output.append(0x20)
      output.append(contentsOf: snapshot.contentHash.utf8)
      output.append(contentsOf: snapshot.isChange ? Self.newSuffix : Self.unchangedSuffix)
    }
    Terminal.write(bytes: output)
  }

  private static let newSuffix = Array(" new\n".utf8)
  private static let unchangedSuffix = Array(" unchanged\n".utf8)
}
