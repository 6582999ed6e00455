import Foundation
import Testing

@Suite("menuvault --version")
struct VersionTests {
  /// The build and runtime words of a `--version` output that has the exact shape
  /// `0.2.0 (release build, static Swift runtime)` and one newline; `nil` for any other output.
  static func parse(_ output: String) -> (build: Substring, runtime: Substring)? {
    let shape = #/^\d+\.\d+\.\d+ \((debug|release) build, (static|dynamic) Swift runtime\)\n$/#
    return output.wholeMatch(of: shape).map { ($0.output.1, $0.output.2) }
  }

  @Test("prints the version, the build and the Swift runtime on one line")
  func shapeOfTheLine() async throws {
    let result = try await CommandRunner.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stderr == "")
    let parsed = try #require(Self.parse(result.stdout), "\(result.stdout)")
    // The binary is built in the same configuration as this test.
    #if DEBUG
      #expect(parsed.build == "debug")
    #else
      #expect(parsed.build == "release")
    #endif
  }

  @Test("says dynamic exactly when the binary needs libswiftCore.so")
  func runtimeMatchesTheBinary() async throws {
    let ldd = URL(fileURLWithPath: "/usr/bin/ldd")
    try #require(FileManager.default.isExecutableFile(atPath: ldd.path))
    let libraries = try await ProcessRunner.run(ldd, [CommandRunner.binary.path]).stdout
    let needsRuntime = libraries.contains("libswiftCore.so")

    let result = try await CommandRunner.run(["--version"])
    let parsed = try #require(Self.parse(result.stdout), "\(result.stdout)")
    #expect(parsed.runtime == (needsRuntime ? "dynamic" : "static"))
  }

  @Test("--version after a leading --db, as every command takes it, prints the same line")
  func afterDatabaseOption() async throws {
    let plain = try await CommandRunner.run(["--version"])
    let withDB = try await CommandRunner.run(["--db", "/nonexistent/vault.sqlite", "--version"])
    #expect(withDB.status == 0)
    #expect(withDB.stdout == plain.stdout)
  }
}
