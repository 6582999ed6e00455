import Foundation

/// Reads test fixtures from Tests/MenuVaultTests/Fixtures (located from this file's path, so the
/// tests run from any working directory).
enum TestFixtures {
  /// The Fixtures folder.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The bytes of a fixture, e.g. `api/sample-create.json`.
  static func bytes(_ relativePath: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: root.appendingPathComponent(relativePath)))
  }

  /// The names of the files in a fixture folder, sorted.
  static func files(in folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
      .sorted()
  }
}
