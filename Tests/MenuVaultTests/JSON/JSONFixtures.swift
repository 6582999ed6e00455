import Foundation

/// Reads the RFC 8785 test data under Tests/MenuVaultTests/Fixtures/jcs, located from this
/// file's path so the tests run from any working directory.
enum JSONFixtures {
  /// The Fixtures folder.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The bytes of a fixture, e.g. `jcs/vectors/input/arrays.json`.
  static func bytes(_ relativePath: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: root.appendingPathComponent(relativePath)))
  }

  /// The lines of a text fixture, without empty lines.
  static func lines(_ relativePath: String) throws -> [Substring] {
    String(decoding: try bytes(relativePath), as: UTF8.self).split(separator: "\n")
  }

  /// The base names (without `.json`) of the reference vectors in `jcs/vectors/input`.
  static let vectorNames: [String] = {
    let folder = root.appendingPathComponent("jcs/vectors/input").path
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }()
}
