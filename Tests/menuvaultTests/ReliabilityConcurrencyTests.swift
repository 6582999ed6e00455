import Foundation
import Testing

extension ReliabilityTests {
  @Suite("Reliability: 8 processes on one vault")
  struct Concurrency {
    static let workers = 8
    static let operationsPerWorker = ReliabilityScale.count("OPERATIONS", ci: 30, stress: 300)

    /// What one operation did.
    struct Outcome: Sendable {
      var command: String
      var status: Int32
      var stderr: String
      /// The snapshot ids it printed as written.
      var written: [Int]
    }

    @Test(
      "pull, import and history at once: every operation succeeds, no lock error, counts add up")
    func eightProcesses() async throws {
      let directory = try ScratchDirectory("concurrency")
      let sandbox = try SandboxProcess(in: directory)
      let vault = directory.path("vault.sqlite")
      let env = ["MENUVAULT_APPSECRET": "sandbox-secret", "MENUVAULT_ACCESS_TOKEN": ""]
      let add = try await BackgroundCommand.run(
        [
          "account", "add", "shop", "--platform", "wechat", "--appid", "wxsandbox", "--api-base",
          sandbox.baseURL, "--db", vault,
        ], environment: env, in: directory)
      try #require(add.status == 0, "\(add.stderr)")
      try await sandbox.control("sandbox/website-menu", Self.websiteMenu)

      let count = Self.operationsPerWorker
      let started = ContinuousClock.now
      let outcomes = try await withThrowingTaskGroup(of: [Outcome].self) { group in
        for worker in 0..<Self.workers {
          group.addTask {
            var outcomes: [Outcome] = []
            for step in 0..<count {
              outcomes.append(
                try await Self.operation(
                  worker: worker, step: step, vault: vault, environment: env, in: directory))
            }
            return outcomes
          }
        }
        return try await group.reduce(into: []) { $0 += $1 }
      }
      let elapsed = (ContinuousClock.now - started).platformSeconds

      #expect(outcomes.count == Self.workers * count)
      let failed = outcomes.filter { $0.status != 0 }
      #expect(
        failed.isEmpty,
        "\(failed.count) failed, e.g. \(failed.first.map { "\($0.command): \($0.stderr)" } ?? "")")
      let busy = outcomes.filter { Reliability.mentionsBusy($0.stderr) }
      #expect(busy.isEmpty, "a lock error reached a user: \(busy.first?.stderr ?? "")")
      let written = outcomes.flatMap(\.written)
      #expect(Set(written).count == written.count, "every snapshot id was handed out once")
      let counts = try await Reliability.verify(vault, in: directory)
      #expect(counts?.snapshots == written.count, "the vault holds exactly what was reported")
      #expect(counts?.accounts == 1 + Self.workers)
      ReliabilityFigures.add("operations completed", outcomes.filter { $0.status == 0 }.count)
      ReliabilityFigures.add("concurrent seconds", Int(elapsed.rounded()))
    }

    /// Operation `step` of `worker`: a pull, an import of 1-4 documents into the worker's own
    /// account or the history of the shared one, in turn.
    static func operation(
      worker: Int, step: Int, vault: String, environment: [String: String],
      in directory: ScratchDirectory
    ) async throws -> Outcome {
      let arguments: [String]
      switch (worker + step) % 3 {
      case 0:
        arguments = ["pull", "--account", "shop"]
      case 1:
        let documents = (0...(step % 4)).map { index in
          #"{"button":[{"type":"click","name":"w\#(worker)-\#(step)-\#(index)","key":"K\#(index)"}]}"#
        }
        let file = try directory.write(
          "w\(worker)-\(step).ndjson", documents.joined(separator: "\n") + "\n")
        arguments = ["import", "--account", "worker\(worker)", file]
      default:
        arguments = ["history", "--account", "shop", "--limit", "5"]
      }
      let result = try await BackgroundCommand.run(
        arguments + ["--db", vault], environment: environment, in: directory)
      return Outcome(
        command: arguments.joined(separator: " "), status: result.status, stderr: result.stderr,
        written: Self.writtenIDs(arguments[0], result.stdout))
    }

    /// The snapshot ids a pull (`shop  get       #12  ...`) or an import (`12 hash new`) printed.
    static func writtenIDs(_ command: String, _ stdout: String) -> [Int] {
      switch command {
      case "import":
        return Reliability.importedIDs(stdout)
      case "pull":
        return stdout.split(separator: "\n").filter { !$0.contains(" live is ") }.compactMap {
          line in
          guard let hash = line.firstMatch(of: #/#(\d+)  [0-9a-f]{64}/#) else { return nil }
          return Int(hash.output.1)
        }
      default:
        return []
      }
    }

    /// A website-set menu, so every pull fetches two different documents.
    static let websiteMenu = #"""
      {"is_menu_open":1,"selfmenu_info":{"button":[{"type":"text","name":"营业时间","value":"每天 10:00-22:00"},
       {"type":"view","name":"官网","url":"https://shop.example.com/"}]}}
      """#
  }
}
