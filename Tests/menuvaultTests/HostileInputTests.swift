import Foundation
import Testing

/// One case of the hostile-input corpus (Fixtures/hostile/manifest.tsv, written by
/// scripts/gen-hostile.py).
struct HostileCase: CustomTestStringConvertible, Sendable {
  var file: String
  var stage: String
  var platform: String
  var fragment: String

  var testDescription: String { file }

  static let directory = CommandRunner.fixtures.appendingPathComponent("hostile")

  static let all: [HostileCase] = {
    let url = directory.appendingPathComponent("manifest.tsv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return HostileCase(
        file: fields[0], stage: fields[1], platform: fields[2], fragment: fields[3])
    }
  }()
}

@Suite("hostile input: one clear line, the documented exit code, the vault untouched")
struct HostileInputTests {
  /// A vault holding one snapshot, copied for each case.
  static func seededVault() async throws -> URL {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let vault = directory.appendingPathComponent("vault.sqlite")
    let seed = try await CommandRunner.run([
      "import", "--db", vault.path, "--account", "shop",
      CommandRunner.fixtures.appendingPathComponent("api/sample-create.json").path,
    ])
    #expect(seed.status == 0, "\(seed.stderr)")
    return vault
  }

  /// The bytes of the vault and of its WAL, if any.
  static func snapshotOfFiles(_ vault: URL) -> [Data?] {
    ["", "-wal"].map { try? Data(contentsOf: URL(fileURLWithPath: vault.path + $0)) }
  }

  @Test("the corpus holds at least 60 cases")
  func corpusSize() {
    #expect(HostileCase.all.count >= 60)
  }

  @Test(
    "unreadable input: import and lint refuse it in one line with exit 65",
    arguments: HostileCase.all.filter { $0.stage == "parse" })
  func unreadable(_ hostile: HostileCase) async throws {
    let path = HostileCase.directory.appendingPathComponent(hostile.file).path
    let vault = try await Self.seededVault()
    defer { try? FileManager.default.removeItem(at: vault.deletingLastPathComponent()) }
    let before = Self.snapshotOfFiles(vault)
    let result = try await CommandRunner.run([
      "import", "--db", vault.path, "--account", "shop", path,
    ])
    #expect(result.status == 65)
    #expect(result.stdout == "")
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1] == "", "exactly one line: \(result.stderr)")
    #expect(result.stderr.hasPrefix("menuvault: \(path)"))
    #expect(result.stderr.contains(hostile.fragment), "\(result.stderr)")
    #expect(Self.snapshotOfFiles(vault) == before)
    let lint = try await CommandRunner.run(["lint", "--platform", hostile.platform, path])
    #expect(lint.status == 65)
    #expect(lint.stderr.contains(hostile.fragment))
  }

  @Test(
    "readable but unpublishable: lint names the path and rule, exit 65",
    arguments: HostileCase.all.filter { $0.stage == "lint" })
  func unpublishable(_ hostile: HostileCase) async throws {
    let path = HostileCase.directory.appendingPathComponent(hostile.file).path
    let result = try await CommandRunner.run(["lint", "--platform", hostile.platform, path])
    #expect(result.status == 65)
    #expect(result.stdout.contains(hostile.fragment), "\(result.stdout)")
    #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("\(path): ") })
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test(
    "a 10 MB name is stored but fails lint; 100,000 levels of nesting are refused, the vault untouched"
  )
  func hugeInputs() async throws {
    let vault = try await Self.seededVault()
    defer { try? FileManager.default.removeItem(at: vault.deletingLastPathComponent()) }
    let before = Self.snapshotOfFiles(vault)
    let longName =
      Array(#"{"button":[{"type":"click","key":"k","name":""#.utf8)
      + [UInt8](repeating: 0x61, count: 10_000_000) + Array(#""}]}"#.utf8)
    let long = try await CommandRunner.run(
      ["import", "--db", vault.path, "--account", "shop", "-"], stdin: longName)
    // Readable, so it is a snapshot; lint refuses it.
    #expect(long.status == 0)
    let lint = try await CommandRunner.run(["lint", "-"], stdin: longName)
    #expect(lint.status == 65)
    #expect(lint.stdout.contains("button[0].name: name-length"))
    #expect(lint.stdout.contains("actual 10000000 bytes"))
    let afterLong = Self.snapshotOfFiles(vault)
    let deep = [UInt8](repeating: 0x5B, count: 100_000)
    let nested = try await CommandRunner.run(
      ["import", "--db", vault.path, "--account", "shop", "-"], stdin: deep)
    #expect(nested.status == 65)
    #expect(
      nested.stderr
        == "menuvault: <stdin>: not valid JSON: byte 256: nesting deeper than 256 levels\n")
    #expect(Self.snapshotOfFiles(vault) == afterLong)
    #expect(afterLong != before)
  }
}
