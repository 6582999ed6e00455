import Foundation
import Testing

@Suite("where the default vault lives")
struct DefaultVaultTests {
  @Test("with no --db, MENUVAULT_DB or XDG_DATA_HOME, the vault follows $HOME")
  func followsHome() async throws {
    let home = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: home) }
    let imported = try await CommandRunner.run(
      ["import", "-", "--account", "shop"],
      stdin: Array(#"{"button":[{"type":"click","name":"a","key":"k"}]}"#.utf8),
      environment: ["HOME": home.path, "XDG_DATA_HOME": "", "MENUVAULT_DB": ""])
    #expect(imported.status == 0, "\(imported.stderr)")
    let vault = home.appendingPathComponent(".local/share/menuvault/vault.sqlite").path
    #expect(FileManager.default.fileExists(atPath: vault))
    let directory = home.appendingPathComponent(".local/share/menuvault").path
    let mode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions]
    #expect(mode as? Int == 0o700)
  }
}

@Suite("--db before the subcommand")
struct LeadingDatabaseOptionTests {
  @Test("menuvault --db X history reads the same vault as menuvault history --db X")
  func beforeAndAfter() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-leading-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let vault = directory.appendingPathComponent("vault.sqlite").path
    let imported = try await CommandRunner.run(
      ["--db", vault, "import", "-", "--account", "shop"],
      stdin: Array(#"{"button":[{"type":"click","name":"a","key":"k"}]}"#.utf8))
    #expect(imported.status == 0, "\(imported.stderr)")
    let before = try await CommandRunner.run(["--db", vault, "history", "--account", "shop"])
    let after = try await CommandRunner.run(["history", "--account", "shop", "--db", vault])
    let equals = try await CommandRunner.run(["--db=\(vault)", "history", "--account", "shop"])
    #expect(before.status == 0 && !before.stdout.isEmpty)
    #expect(before.stdout == after.stdout && before.stdout == equals.stdout)
    let missing = try await CommandRunner.run([
      "--db", directory.appendingPathComponent("none.sqlite").path, "history", "--account", "shop",
    ])
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("(from --db)"))
  }
}
