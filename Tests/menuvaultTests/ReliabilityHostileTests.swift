import Foundation
import Testing

extension ReliabilityTests {
  @Suite("Reliability: hostile input through publish")
  struct HostilePublish {
    /// The fuzzer's crashes (Fixtures/fuzz): each must now be refused in one line.
    static let fuzzDirectory = CommandRunner.fixtures.appendingPathComponent("fuzz")
    static var fuzzCases: [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: fuzzDirectory.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test(
      "every hostile input: publish exits 65 with the reason, calls no API, leaves the vault byte-identical"
    )
    func corpusThroughPublish() async throws {
      let directory = try ScratchDirectory("hostile-publish")
      let sandbox = try SandboxProcess(in: directory)
      let vault = directory.path("vault.sqlite")
      let env = ["MENUVAULT_APPSECRET": "sandbox-secret", "MENUVAULT_ACCESS_TOKEN": ""]
      func run(_ arguments: [String], environment: [String: String] = env) async throws
        -> CommandResult
      {
        try await BackgroundCommand.run(
          arguments + ["--db", vault], environment: environment, in: directory)
      }
      #expect(
        try await run([
          "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
          sandbox.baseURL,
        ]).status == 0)
      #expect(
        try await run([
          "account", "add", "fans", "--platform", "weibo", "--appid", "1838358847", "--api-base",
          sandbox.baseURL, "--token-env", "FANS_TOKEN",
        ]).status == 0)
      let seed = CommandRunner.fixtures.appendingPathComponent("api/sample-create.json").path
      #expect(try await run(["import", "--account", "shop", seed]).status == 0)
      let before = HostileInputTests.snapshotOfFiles(URL(fileURLWithPath: vault))
      let environment = env.merging(["FANS_TOKEN": "weibo-sandbox-token"]) { $1 }
      var rejected = 0
      let thorough = ReliabilityScale.isStress

      for hostile in HostileCase.all {
        let path = HostileCase.directory.appendingPathComponent(hostile.file).path
        let account = hostile.platform == "weibo" ? "fans" : "shop"
        let publish = try await run(
          ["publish", path, "--account", account, "--yes"], environment: environment)
        #expect(publish.status == 65, "\(hostile.file): \(publish.stderr)")
        #expect(publish.stdout == "", "\(hostile.file): nothing planned")
        #expect(publish.stderr.contains(hostile.fragment), "\(hostile.file): \(publish.stderr)")
        let lines = publish.stderr.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("menuvault: ") }.count == 1, "\(publish.stderr)")
        if hostile.stage == "parse" {
          #expect(lines.count == 1, "\(hostile.file): one line: \(publish.stderr)")
        }
        if publish.status == 65 { rejected += 1 }
        if thorough {
          // The long run also sends each through lint and (when unreadable) import.
          let lint = try await BackgroundCommand.run(
            ["lint", "--platform", hostile.platform, path], in: directory)
          #expect(lint.status == 65, "\(hostile.file): \(lint.stderr)")
          if lint.status == 65 { rejected += 1 }
          if hostile.stage == "parse" {
            let imported = try await run(["import", "--account", account, path])
            #expect(imported.status == 65, "\(hostile.file): \(imported.stderr)")
            if imported.status == 65 { rejected += 1 }
          }
        }
      }
      for file in Self.fuzzCases {
        let path = Self.fuzzDirectory.appendingPathComponent(file).path
        for arguments in [
          ["normalize", path], ["lint", path], ["import", "--account", "shop", path],
          ["publish", path, "--account", "shop", "--yes"],
        ] {
          let result =
            arguments[0] == "normalize" || arguments[0] == "lint"
            ? try await BackgroundCommand.run(arguments, in: directory) : try await run(arguments)
          #expect(result.status == 65, "\(file) \(arguments[0]): \(result.stderr)")
          #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
          #expect(result.stderr.hasPrefix("menuvault: \(path): "), "\(result.stderr)")
          if result.status == 65 { rejected += 1 }
        }
      }
      let after = HostileInputTests.snapshotOfFiles(URL(fileURLWithPath: vault))
      #expect(after == before)
      let counts = try await Reliability.verify(vault, in: directory)
      #expect(counts?.snapshots == 1, "nothing was recorded")
      #expect(counts?.operations == 0, "no operation was started")
      let (_, calls) = try await sandbox.request("GET", "sandbox/calls")
      #expect(!calls.contains("\"sequence\""), "no API was called: \(calls.prefix(300))")
      ReliabilityFigures.add("inputs rejected cleanly", rejected)
    }

    /// GRDB's `DatabasePool` creates and drops a table `grdb_issue_102` whenever it opens a WAL
    /// database whose `-wal` file is missing or empty (GRDB/Core/Database.swift,
    /// `setUpWALMode`), and SQLite deletes the `-wal` when the last connection closes; so
    /// `VaultStore.open` opens an existing vault with a `DatabaseQueue`, and this proves a read
    /// leaves the file as it was.
    @Test("a read (history, show, verify) leaves the vault file byte-identical")
    func vaultOpenWrites() async throws {
      let directory = try ScratchDirectory("read-only")
      let vault = directory.path("vault.sqlite")
      let seed = CommandRunner.fixtures.appendingPathComponent("api/sample-create.json").path
      let imported = try await BackgroundCommand.run(
        ["import", "--account", "shop", seed, "--db", vault], in: directory)
      #expect(imported.status == 0)
      let before = HostileInputTests.snapshotOfFiles(URL(fileURLWithPath: vault))
      for arguments in [["history", "--account", "shop"], ["show", "1"], ["verify"]] {
        let result = try await BackgroundCommand.run(arguments + ["--db", vault], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
      }
      let after = HostileInputTests.snapshotOfFiles(URL(fileURLWithPath: vault))
      #expect(after == before)
    }
  }
}
