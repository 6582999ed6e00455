import Foundation
import MenuVault
import Testing

/// Menus the reliability runs publish: a good one with a conditional menu (so a publish has
/// several steps to be killed in), and a bad one.
enum ReliabilityMenus {
  static let good = #"""
    {"button":[{"name":"新品","sub_button":[{"type":"view","name":"本周上新","url":"https://shop.example.com/new"}]},
     {"type":"click","name":"营业时间","key":"OPENING_HOURS"}],
     "conditionalmenu":[{"button":[{"type":"view","name":"下载App","url":"https://shop.example.com/android"}],
     "matchrule":{"client_platform_type":"2"}}]}
    """#
  static let bad =
    #"{"button":[{"type":"view","name":"本周上新","url":"https://shop.example.com/nwe"}]}"#
}

/// The synthetic corpus of scripts/gen-corpus.py: COUNT documents, one per line.
enum ReliabilityCorpus {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../scripts/gen-corpus.py").standardized

  /// Writes `count` documents made from `seed` to `path` with python3.
  static func generate(count: Int, seed: Int, to path: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, "\(count)", "\(seed)"]
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "gen-corpus.py failed")
  }
}

extension ReliabilityTests {
  @Suite("Reliability: kill -9 at random moments")
  struct CrashSafety {
    /// Documents per import: each import is one transaction, so the vault holds a multiple.
    static let corpusSize = ReliabilityScale.count("IMPORT_DOCUMENTS", ci: 2000, stress: 20000)
    static let importKills = ReliabilityScale.count("IMPORT_KILLS", ci: 3, stress: 48)
    static let publishKills = ReliabilityScale.count("PUBLISH_KILLS", ci: 2, stress: 24)
    static let creationKills = ReliabilityScale.count("CREATION_KILLS", ci: 1, stress: 10)

    @Test("a killed import leaves all of its documents or none, and every id it printed")
    func killedImport() async throws {
      let directory = try ScratchDirectory("kill-import")
      let vault = directory.path("vault.sqlite")
      let corpus = directory.path("corpus.ndjson")
      try ReliabilityCorpus.generate(count: Self.corpusSize, seed: 7, to: corpus)
      let arguments = ["import", "--db", vault, "--account", "shop", corpus]

      // One import to the end: the vault's first transaction, and how long one takes in all and
      // once the vault is open (the WAL appears: the documents are read, recording begins).
      let started = ContinuousClock.now
      let firstCommand = try BackgroundCommand(arguments, in: directory)
      _ = try await Self.waitForFile(vault + "-wal", while: firstCommand)
      let opened = ContinuousClock.now
      let first = await firstCommand.wait()
      let duration = (ContinuousClock.now - started).platformSeconds
      let recording = max(0.02, (ContinuousClock.now - opened).platformSeconds)
      try #require(first.status == 0, "\(first.stderr)")
      #expect(Reliability.importedIDs(first.stdout).count == Self.corpusSize)
      var expected = try #require(try await Reliability.verify(vault, in: directory)).snapshots
      #expect(expected == Self.corpusSize)

      var kills = 0
      var committed = 0
      var whileRecording = 0
      for round in 0..<Self.importKills {
        let command = try BackgroundCommand(arguments, in: directory)
        if round % 3 == 0 {
          // At any moment of the run.
          try await Reliability.pause(0.02...(duration * 1.15))
        } else {
          // While it records: between opening the vault and printing.
          if try await Self.waitForFile(vault + "-wal", while: command) {
            try await Reliability.pause(0...(recording * 1.1))
          }
        }
        command.kill()
        let result = await command.wait()
        if command.wasKilled {
          kills += 1
          if round % 3 != 0 { whileRecording += 1 }
        }
        let printed = Reliability.importedIDs(result.stdout)
        let counts = try #require(
          try await Reliability.verify(vault, in: directory, "after kill \(round)"))
        let added = counts.snapshots - expected
        #expect(
          added == 0 || added == Self.corpusSize,
          "round \(round): the import added \(added) of \(Self.corpusSize) documents")
        #expect(counts.snapshots % Self.corpusSize == 0)
        if !printed.isEmpty || !command.wasKilled {
          #expect(added == Self.corpusSize, "round \(round): ids were printed, so all are stored")
        }
        if added > 0 && command.wasKilled { committed += 1 }
        expected = counts.snapshots
        try Self.expectStored(printed, vault: vault)
        if let last = printed.last {
          let show = try await BackgroundCommand.run(
            ["show", "\(last)", "--db", vault], in: directory)
          #expect(show.status == 0, "show \(last): \(show.stderr)")
        }
      }
      // The vault still takes writes after all of that.
      let after = try await BackgroundCommand.run(arguments, in: directory)
      #expect(after.status == 0, "\(after.stderr)")
      let final = try await Reliability.verify(vault, in: directory)
      #expect(final?.snapshots == expected + Self.corpusSize)
      ReliabilityFigures.add("kills survived", kills)
      ReliabilityFigures.add("import kills", kills)
      ReliabilityFigures.add("import kills while recording", whileRecording)
      ReliabilityFigures.add("import kills after commit", committed)
    }

    /// Waits until `path` exists; `false` when `command` ended first.
    static func waitForFile(_ path: String, while command: BackgroundCommand) async throws -> Bool {
      while !FileManager.default.fileExists(atPath: path) {
        guard command.process.isRunning else { return false }
        try await Task.sleep(for: .milliseconds(2))
      }
      return true
    }

    @Test("an import killed while it creates the vault leaves a vault that verifies and works")
    func killedWhileCreating() async throws {
      let directory = try ScratchDirectory("kill-create")
      let document = try directory.write("menu.json", ReliabilityMenus.bad)
      var kills = 0
      for round in 0..<Self.creationKills {
        let vault = directory.path("vault-\(round).sqlite")
        let command = try BackgroundCommand(
          ["import", "--db", vault, "--account", "shop", document], in: directory)
        // From the moment the file exists: while its schema is written.
        _ = try await Self.waitForFile(vault, while: command)
        try await Reliability.pause(0...0.04)
        command.kill()
        _ = await command.wait()
        if command.wasKilled { kills += 1 }
        let before = try await Reliability.verify(vault, in: directory, "round \(round)")
        #expect(before?.snapshots ?? 0 <= 1)
        let again = try await BackgroundCommand.run(
          ["import", "--db", vault, "--account", "shop", document], in: directory)
        #expect(again.status == 0, "round \(round): \(again.stderr)")
        let after = try await Reliability.verify(vault, in: directory)
        #expect(after?.snapshots == (before?.snapshots ?? 0) + 1)
      }
      ReliabilityFigures.add("kills survived", kills)
      ReliabilityFigures.add("creation kills", kills)
    }

    @Test(
      "a killed publish or rollback: verify passes, its lock is reported with exit 75, unlock clears it, running it again recovers"
    )
    func killedPublish() async throws {
      let directory = try ScratchDirectory("kill-publish")
      let sandbox = try SandboxProcess(in: directory)
      let vault = directory.path("vault.sqlite")
      let env = ["MENUVAULT_APPSECRET": "sandbox-secret", "MENUVAULT_ACCESS_TOKEN": ""]
      func run(_ arguments: [String]) async throws -> CommandResult {
        try await BackgroundCommand.run(
          arguments + ["--db", vault], environment: env, in: directory)
      }
      let add = try await run([
        "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
        sandbox.baseURL,
      ])
      try #require(add.status == 0, "\(add.stderr)")
      let goodFile = try directory.write("good.json", ReliabilityMenus.good)
      let badFile = try directory.write("bad.json", ReliabilityMenus.bad)
      let good = try await run(["publish", goodFile, "--account", "shop", "--yes"])
      let goodID = try #require(snapshotID(after: "sent snapshot", in: good.stdout))
      let goodHash = try #require(
        good.stdout.firstMatch(of: #/sent snapshot #\d+ ([0-9a-f]{64})/#)?.output.1)
      let delay = ReliabilityScale.isStress ? 900 : 1200

      var kills = 0
      var locksCleared = 0
      for round in 0..<Self.publishKills {
        // Put the bad menu live, then kill a rollback to the good one, or a publish of it.
        let bad = try await run(["publish", badFile, "--account", "shop", "--yes"])
        #expect(bad.status == 0, "round \(round): \(bad.stderr)")
        try await sandbox.fault(#"{"path":"/cgi-bin/menu/create","delay_ms":\#(delay)}"#)
        let creates = try await sandbox.callCount("/cgi-bin/menu/create")
        let arguments =
          round % 2 == 0
          ? ["rollback", "\(goodID)", "--yes"]
          : ["publish", goodFile, "--account", "shop", "--yes"]
        let command = try BackgroundCommand(
          arguments + ["--db", vault], environment: env, in: directory)
        if round == 0 {
          // Once for certain inside the operation: while WeChat takes its time over create.
          while try await sandbox.callCount("/cgi-bin/menu/create") == creates {
            try await Task.sleep(for: .milliseconds(20))
          }
          try await Reliability.pause(0.05...Double(delay) / 2000)
        } else {
          // Any moment from the plan to the read-back (a release build is quicker about it).
          let rest = ReliabilityScale.isStress ? 0.3 : 1.2
          try await Reliability.pause(0.05...(Double(delay) / 1000 + rest))
        }
        command.kill()
        _ = await command.wait()
        if command.wasKilled { kills += 1 }
        _ = try await Reliability.verify(vault, in: directory, "after kill \(round)")

        let pending = try Self.pendingOperation(vault: vault)
        if round == 0 { #expect(pending != nil, "killed during create, the lock stays") }
        let status = try await run(["status", "--account", "shop"])
        let publish = try await run(["publish", goodFile, "--account", "shop", "--yes"])
        if let pending {
          #expect(status.status == 75, "round \(round): \(status.stdout)\(status.stderr)")
          #expect(status.stderr.contains("operation \(pending.id)"), "\(status.stderr)")
          #expect(status.stderr.contains("menuvault unlock --account shop"), "\(status.stderr)")
          #expect(publish.status == 75, "round \(round): \(publish.stderr)")
          #expect(publish.stderr.contains("is locked: \(pending.kind.rawValue) operation"))
          #expect(publish.stderr.contains("menuvault unlock --account shop"), "\(publish.stderr)")
          let unlock = try await run(["unlock", "--account", "shop"])
          #expect(unlock.status == 0)
          #expect(
            unlock.stdout.hasPrefix("cleared \(pending.kind.rawValue) operation \(pending.id)"))
          locksCleared += 1
        } else {
          #expect(status.status != 75, "round \(round): no lock, nothing to report")
          #expect(publish.status == 0, "round \(round): \(publish.stderr)")
        }
        // Running it again recovers: the good menu is live and status agrees.
        let again = try await run(arguments)
        #expect(again.status == 0, "round \(round): \(again.stdout)\(again.stderr)")
        let inSync = try await run(["status", "--account", "shop"])
        #expect(inSync.status == 0, "round \(round): \(inSync.stdout)\(inSync.stderr)")
        #expect(inSync.stdout.contains("in sync"))
        #expect(inSync.stdout.contains(goodHash.prefix(12)))
      }
      _ = try await Reliability.verify(vault, in: directory)
      #expect(locksCleared >= 1)
      ReliabilityFigures.add("kills survived", kills)
      ReliabilityFigures.add("publish kills", kills)
      ReliabilityFigures.add("publish locks cleared", locksCleared)
    }

    /// Every printed id is a stored snapshot.
    static func expectStored(_ ids: [Int], vault: String) throws {
      guard !ids.isEmpty else { return }
      let store = try VaultStore.open(path: vault)
      defer { try? store.close() }
      let missing = try ids.filter { try store.snapshot(id: Int64($0)) == nil }
      #expect(missing.isEmpty, "printed but not stored: \(missing.prefix(10))")
    }

    /// The account's pending operation, read straight from the vault.
    static func pendingOperation(vault: String) throws -> VaultOperation? {
      let store = try VaultStore.open(path: vault)
      defer { try? store.close() }
      return try store.pendingOperation(account: "shop")
    }
  }
}

extension Duration {
  /// The duration in seconds.
  var platformSeconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
