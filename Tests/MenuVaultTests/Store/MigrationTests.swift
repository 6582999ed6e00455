import Foundation
import GRDB
import MenuVault
import Testing

@testable import MenuVaultStore

/// A vault written by 0.2.0 (Fixtures/vaults) opened by this version: everything kept.
@Suite("upgrading a vault written by 0.2.0")
struct MigrationTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/vaults/vault-0.2.0.sqlite")

  /// A copy of the fixture in `directory`.
  static func copy(in directory: TemporaryDirectory) throws -> String {
    let path = directory.path("old.sqlite")
    try FileManager.default.copyItem(atPath: fixture.path, toPath: path)
    return path
  }

  /// Every snapshot, blob and operation row as text, read with plain SQLite.
  static func rows(_ path: String) throws -> [String] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT 'snapshot ' || id || ' ' || account_id || ' ' || taken_at || ' ' || source || ' '
            || content_id || ' ' || raw_id || ' ' || fidelity || ' ' || is_change || ' '
            || coalesce(rollback_of, '-') FROM snapshot
          UNION ALL SELECT 'blob ' || id || ' ' || hex(hash) || ' ' || hex(content) FROM blob
          UNION ALL SELECT 'operation ' || id || ' ' || kind || ' ' || status || ' '
            || coalesce(step, '-') || ' ' || coalesce(after_snapshot_id, '-') FROM operation
          UNION ALL SELECT 'account ' || id || ' ' || name || ' ' || platform FROM account
          ORDER BY 1
          """)
    }
  }

  @Test("it opens, migrates in one go, and keeps every snapshot, blob, hash and operation")
  func keepsEverything() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.copy(in: directory)
    let before = try Self.rows(path)
    #expect(before.count == 25 + 14 + 3 + 1)

    let store = try VaultStore.open(path: path)
    let report = try store.verify()
    #expect(report.snapshotCount == 25)
    #expect(report.blobCount == 14)
    #expect(report.problems.isEmpty)
    try store.close()
    #expect(try Self.rows(path) == before)
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    let (migrations, version) = try queue.read { db in
      (
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
        try Int.fetchOne(db, sql: "PRAGMA user_version")
      )
    }
    #expect(migrations == ["v1", "v2"])
    #expect(version == VaultStore.schemaVersion)
  }

  @Test("the upgraded schema is the schema of a new vault")
  func sameSchemaAsNew() throws {
    let directory = try TemporaryDirectory()
    let old = try Self.copy(in: directory)
    try VaultStore.open(path: old).close()
    let new = directory.path("new.sqlite")
    try VaultStore.open(path: new).close()
    func schema(_ path: String) throws -> [String] {
      let queue = try DatabaseQueue(path: path)
      defer { try? queue.close() }
      return try queue.read { db in
        try String.fetchAll(
          db,
          sql: """
            SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name
            """)
      }
    }
    #expect(try schema(old) == schema(new))
  }

  @Test("each account's state is the one the old rule reads: live, reference, in sync")
  func stateFromHistory() async throws {
    let directory = try TemporaryDirectory()
    let path = try Self.copy(in: directory)
    let workflows = Workflows(store: try VaultStore.open(path: path))
    let status = try await workflows.accountStatuses()
    #expect(status.map(\.account.name) == ["demo-shop"])
    let demo = try #require(status.first)
    #expect(demo.state == .inSync)
    // The demo ends with rollback 3, whose read-back is the reference.
    let rollback = try #require(demo.lastOperation)
    #expect(rollback.kind == .rollback)
    #expect(demo.reference?.id == rollback.afterSnapshotID)
    #expect(demo.referenceReason == .readBack(of: rollback))
    #expect(demo.live?.contentHash == demo.reference?.contentHash)
    #expect(
      demo.changes == (try workflows.store.snapshotCount(account: "demo-shop", changesOnly: true)))
    #expect(demo.consecutiveFailures == 0)
  }

  @Test("opened for reading only, it is refused with both versions, and the file is unchanged")
  func readOnlyOpenRefuses() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.copy(in: directory)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(throws: VaultStoreError.olderSchema(path: path, found: 1, supported: 2)) {
      try VaultStore.openForReading(path: path)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    try VaultStore.open(path: path).close()
    #expect(try VaultStore.openForReading(path: path).verify().snapshotCount == 25)
  }
}
