import Foundation
import Testing

/// The systemd units in contrib/ pass `systemd-analyze verify` (where systemd is installed),
/// with the built binary standing in for /usr/local/bin/menuvault.
@Suite("contrib's systemd units")
struct ContribTests {
  static let contrib = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../contrib").standardized
  static let analyze = URL(fileURLWithPath: "/usr/bin/systemd-analyze")

  @Test(
    "each unit verifies",
    arguments: ["menuvault.service", "menuvault-backup.service", "menuvault-backup.timer"])
  func verifies(unit: String) async throws {
    guard FileManager.default.isExecutableFile(atPath: Self.analyze.path) else { return }
    let scratch = try ScratchDirectory("contrib")
    for name in try FileManager.default.contentsOfDirectory(atPath: Self.contrib.path) {
      let text = try String(
        contentsOf: Self.contrib.appendingPathComponent(name), encoding: .utf8)
      try scratch.write(
        name,
        text.replacingOccurrences(
          of: "/usr/local/bin/menuvault", with: CommandRunner.binary.path))
    }
    let result = try await ProcessRunner.run(
      Self.analyze, ["verify", "--man=no", scratch.path(unit)])
    // Only what is about the unit itself: not the host's own units (a container has odd ones).
    let problems = (result.stdout + result.stderr).split(separator: "\n")
      .filter { $0.contains(unit) || $0.contains("menuvault") }
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }
}
