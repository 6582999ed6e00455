import Foundation
import Testing

@Suite("several processes on one vault")
struct ConcurrentImportTests {
  @Test("8 menuvault import processes writing one vault at once all succeed, and the counts add up")
  func eightImporters() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-concurrent-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let vault = directory.appendingPathComponent("vault.sqlite").path
    // 8 files of 40 documents each: distinct menus, so every import adds 40 snapshots.
    var files: [String] = []
    for process in 0..<8 {
      let lines = (0..<40).map { index in
        #"{"button":[{"type":"click","name":"p\#(process)","key":"K\#(index)"}]}"#
      }
      let file = directory.appendingPathComponent("menus-\(process).ndjson")
      try Data(lines.joined(separator: "\n").utf8).write(to: file)
      files.append(file.path)
    }
    let results = try await withThrowingTaskGroup(of: CommandResult.self) { group in
      for (index, file) in files.enumerated() {
        group.addTask {
          try await CommandRunner.run([
            "import", "--db", vault, "--account", "shop\(index % 3)", file,
          ])
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.map(\.status) == Array(repeating: 0, count: 8), "\(results.map(\.stderr))")
    #expect(results.allSatisfy { !$0.stderr.contains("locked") })
    #expect(
      results.map { $0.stdout.split(separator: "\n").count } == Array(repeating: 40, count: 8))
    let verify = try await CommandRunner.run(["--db", vault, "verify"])
    #expect(verify.status == 0)
    #expect(verify.stdout.hasPrefix("ok: 320 snapshot(s)"))
  }
}
