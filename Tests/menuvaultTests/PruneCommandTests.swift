import Foundation
import MenuVault
import Testing

@testable import menuvault

@Suite("menuvault prune")
struct PruneCommandTests {
  /// A vault of six reads of one menu an hour apart on 1 January 2026, the third
  /// with raw bytes of its own (the same menu, written out differently).
  static func vault(in directory: URL) async throws -> String {
    let vault = directory.appendingPathComponent("vault.sqlite").path
    let menu = CommandRunner.fixtures.appendingPathComponent("api/sample-menu-get.json")
    let variant = directory.appendingPathComponent("variant.json")
    // A space after the opening brace: other raw bytes, the same document.
    try (Data("{ ".utf8) + (try Data(contentsOf: menu)).dropFirst()).write(to: variant)
    for read in 0..<6 {
      let result = try await CommandRunner.run([
        "import", "--db", vault, "--account", "shop", "--source", "get",
        "--taken-at", "2026-01-01T0\(read):00:00.000Z",
        read == 2 ? variant.path : menu.path,
      ])
      try #require(result.status == 0, "\(result.stderr)")
    }
    return vault
  }

  static func scratch() throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-prune-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  static func files(_ vault: String) -> [Data?] {
    ["", "-wal"].map { try? Data(contentsOf: URL(fileURLWithPath: vault + $0)) }
  }

  @Test("prints what it removed by account and in total, then the verify line, and exits 0")
  func prunes() async throws {
    let directory = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    let vault = try await Self.vault(in: directory)
    let result = try await CommandRunner.run(["prune", "--db", vault])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr == "")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    // Reads 2-4 go (read 5 is the reference, read 6 live); the third read's raw bytes with it.
    #expect(lines.count == 4)
    #expect(lines[0] == "shop: removed 3 snapshot(s), 1 blob(s), 628 bytes")
    #expect(lines[1].hasPrefix("total: removed 3 snapshot(s), 1 blob(s), 628 bytes (unchanged "))
    #expect(lines[1].hasSuffix("Z, the first and last of each run kept)"))
    #expect(lines[2].hasPrefix("ok: 3 snapshot(s), 2 blob(s) ("))
    #expect(lines[2].hasSuffix(" bytes), 1 account(s), 0 operation(s)"))
    let history = try await CommandRunner.run([
      "history", "--all", "--account", "shop", "--db", vault,
    ])
    #expect(history.stdout.split(separator: "\n").map { $0.prefix(2) } == ["6 ", "5 ", "1 "])

    let again = try await CommandRunner.run(["prune", "--db", vault])
    #expect(again.status == 0)
    #expect(again.stdout.hasPrefix("total: removed 0 snapshot(s), 0 blob(s), 0 bytes ("))
  }

  @Test("--dry-run prints the same numbers and leaves the vault byte for byte")
  func dryRun() async throws {
    let directory = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    let vault = try await Self.vault(in: directory)
    let before = Self.files(vault)
    let result = try await CommandRunner.run(["prune", "--dry-run", "--db", vault])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first == "shop: would remove 3 snapshot(s), 1 blob(s), 628 bytes")
    #expect(
      lines.dropFirst().first?.hasPrefix("total: would remove 3 snapshot(s), 1 blob(s), ") == true)
    #expect(lines.dropFirst(2).first == "dry run: the vault was not changed")
    #expect(lines.last?.hasPrefix("ok: 6 snapshot(s), 3 blob(s) (") == true)
    let after = Self.files(vault)
    #expect(after[0] == before[0])
    #expect((after[1]?.count ?? 0) == 0 && (before[1]?.count ?? 0) == 0)
  }

  @Test("--keep-within keeps what is recent; --account only that account; errors exit 64 and 66")
  func optionsAndErrors() async throws {
    let directory = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    let vault = try await Self.vault(in: directory)
    // Everything is younger than a thousand days.
    let recent = try await CommandRunner.run(["prune", "--keep-within", "1000d", "--db", vault])
    #expect(recent.status == 0)
    #expect(recent.stdout.hasPrefix("total: removed 0 snapshot(s), 0 blob(s), 0 bytes ("))
    let bad = try await CommandRunner.run(["prune", "--keep-within", "30 days", "--db", vault])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("'30 days' is invalid for '--keep-within <duration>'"))
    let nobody = try await CommandRunner.run(["prune", "--account", "nobody", "--db", vault])
    #expect(nobody.status == 66)
    #expect(
      nobody.stderr.hasPrefix("menuvault: ")
        && nobody.stderr.hasSuffix(": `menuvault account list` lists them\n"))
    let shop = try await CommandRunner.run([
      "prune", "--account", "shop", "--keep-within", "90m", "--db", vault,
    ])
    #expect(shop.status == 0)
    #expect(shop.stdout.hasPrefix("shop: removed 3 snapshot(s)"))
  }

  @Test(
    "durations: a whole number and s, m, h or d",
    arguments: [
      ("45s", 45), ("90m", 5400), ("12h", 43200), ("30d", 2_592_000), ("0d", 0),
    ] as [(String, Int64)])
  func durations(text: String, seconds: Int64) {
    #expect(DurationArgument(argument: text)?.duration == .seconds(seconds))
    #expect(DurationArgument(argument: text)?.description == text)
  }

  @Test(
    "what is not a duration",
    arguments: ["", "d", "30", "-1d", "1.5h", "30 d", "3w", "99999999999999999d"])
  func notDurations(text: String) {
    #expect(DurationArgument(argument: text) == nil)
  }

  @Test("the command's default window is the library's")
  func defaultWindow() {
    #expect(PruneCommand.defaultKeepWithin.duration == PruneRequest.defaultKeepWithin)
    #expect(PruneCommand.defaultKeepWithin == DurationArgument(argument: "30d"))
  }
}
