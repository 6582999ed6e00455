import Foundation
import MenuVault

/// Where a test vault lives: store tests run on both.
enum VaultKind: String, CaseIterable, CustomStringConvertible {
  case memory
  case file

  var description: String { rawValue }
}

/// A fresh temporary directory, removed when the value goes away.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String {
    url.appendingPathComponent(name).path
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }
}

/// A vault for one test, with the directory that holds it when it is a file.
struct TestVault {
  let store: VaultStore
  let directory: TemporaryDirectory?

  init(_ kind: VaultKind) throws {
    switch kind {
    case .memory:
      store = try VaultStore.inMemory()
      directory = nil
    case .file:
      let directory = try TemporaryDirectory()
      store = try VaultStore.open(path: directory.path("vault.menuvault"))
      self.directory = directory
    }
  }
}

/// Builds snapshots of small, real-looking WeChat menus.
enum SampleMenus {
  /// The canonical bytes of a two-button menu whose first button is named `name`.
  static func canonical(_ name: String) -> [UInt8] {
    CanonicalJSON.bytes(
      .object([
        JSONMember(
          "button",
          .array([
            .object([
              JSONMember("type", .string("click")), JSONMember("name", .string(name)),
              JSONMember("key", .string("K_" + name)),
            ]),
            .object([
              JSONMember("type", .string("view")), JSONMember("name", .string("官网")),
              JSONMember("url", .string("https://example.com/")),
            ]),
          ]))
      ]))
  }

  /// A `menu/get`-style raw response for the same menu, with the server's formatting.
  static func raw(_ name: String, menuID: String = "208396938") -> [UInt8] {
    let quoted = CanonicalJSON.string(.string(name))
    let key = CanonicalJSON.string(.string("K_" + name))
    return Array(
      """
      {"menu": {"button": [{"type": "click", "name": \(quoted), "key": \(key)}, \
      {"type": "view", "name": "官网", "url": "https://example.com/"}], "menuid": \(menuID)}}
      """.utf8)
  }

  /// A snapshot of the menu named `name`, taken `second` seconds into 2026-11-21 UTC.
  static func snapshot(
    _ name: String, account: String = "main", platform: Platform = .wechat, second: Int64,
    source: SnapshotSource = .get, raw: [UInt8]? = nil, menuIDs: [String] = ["208396938"],
    isMenuOpen: Bool? = true, rollbackOf: Int64? = nil
  ) -> NewSnapshot {
    NewSnapshot(
      accountName: account, platform: platform,
      takenAt: Timestamp(millisecondsSince1970: baseMilliseconds + second * 1000 + 123),
      source: source, rawBytes: raw ?? self.raw(name), canonicalBytes: canonical(name),
      fidelity: .exact, menuIDs: menuIDs, isMenuOpen: isMenuOpen, rollbackOf: rollbackOf)
  }

  /// 2026-11-21T00:00:00Z.
  static let baseMilliseconds: Int64 = 1_795_219_200_000
}
