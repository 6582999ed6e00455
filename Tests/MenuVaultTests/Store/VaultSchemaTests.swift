import Foundation
import GRDB
import MenuVault
import Testing

@testable import MenuVaultStore

@Suite("vault schema, migrations and opening")
struct VaultSchemaTests {
  @Test("every table column in schema.sql carries a one-line comment")
  func everyColumnIsCommented() throws {
    let text = String(decoding: PackageResources.schema_sql, as: UTF8.self)
    var inTable = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("CREATE TABLE") {
        inTable = true
        continue
      }
      if line.hasPrefix(")") {
        inTable = false
        continue
      }
      if inTable && !line.trimmingCharacters(in: .whitespaces).hasPrefix("CHECK") {
        #expect(line.contains(" -- "), "uncommented column: \(line)")
      }
    }
  }

  @Test("a new vault file is marked, versioned, in WAL mode with 64 KiB pages and mode 0600")
  func newFileHeader() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("new.menuvault")
    let store = try VaultStore.open(path: path)
    _ = try store.record(SampleMenus.snapshot("A", second: 0))
    try store.close()

    let queue = try DatabaseQueue(path: path)
    let header = try queue.read { db in
      (
        applicationID: try Int32.fetchOne(db, sql: "PRAGMA application_id"),
        userVersion: try Int.fetchOne(db, sql: "PRAGMA user_version"),
        pageSize: try Int.fetchOne(db, sql: "PRAGMA page_size"),
        journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode"),
        migrations: try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
      )
    }
    #expect(header.applicationID == 0x4D6E_5654)
    #expect(header.userVersion == VaultStore.schemaVersion)
    #expect(header.pageSize == 65536)
    #expect(header.journalMode == "wal")
    #expect(header.migrations == ["v1", "v2"])
    try queue.close()
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
  }

  @Test("the write-ahead log and shared-memory files get mode 0600 too")
  func sidecarFileModes() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("sidecars.menuvault")
    let store = try VaultStore.open(path: path)
    _ = try store.record(SampleMenus.snapshot("A", second: 0))
    for sidecar in [path + "-wal", path + "-shm"] {
      let attributes = try FileManager.default.attributesOfItem(atPath: sidecar)
      #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(sidecar)")
    }
    try store.close()
  }

  @Test("opening a vault again applies nothing and keeps its snapshots")
  func migrationsAreIdempotent() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("twice.menuvault")
    let first = try VaultStore.open(path: path)
    let recorded = try first.record(SampleMenus.snapshot("A", second: 0))
    try first.close()

    let second = try VaultStore.open(path: path)
    let third = try VaultStore.open(path: path)
    #expect(try second.snapshot(id: recorded.id)?.contentHash == recorded.contentHash)
    #expect(try third.verify().snapshotCount == 1)
    try second.close()
    try third.close()
    let queue = try DatabaseQueue(path: path)
    #expect(
      try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        == ["v1", "v2"])
  }

  @Test("an SQLite database of another program is refused by its application_id")
  func foreignApplicationIDIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("other.db")
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(sql: "PRAGMA application_id = 1179403647")
      try db.execute(sql: "CREATE TABLE thing (id INTEGER PRIMARY KEY)")
    }
    try queue.close()
    #expect(throws: VaultStoreError.notAVault(path: path, applicationID: 1_179_403_647)) {
      try VaultStore.open(path: path)
    }
    #expect(
      VaultStoreError.notAVault(path: path, applicationID: 1_179_403_647).errorDescription
        == "\(path) is not a MenuVault vault (its sqlite application_id is 0x464c457f); "
        + "give the path of a vault or of a new file")
  }

  @Test("an unmarked database that already has tables is refused")
  func unmarkedDatabaseWithTablesIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("plain.db")
    let queue = try DatabaseQueue(path: path)
    try queue.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT)") }
    try queue.close()
    #expect(throws: VaultStoreError.notAVault(path: path, applicationID: 0)) {
      try VaultStore.open(path: path)
    }
  }

  @Test("a file that is not SQLite at all is refused and left as it was")
  func nonDatabaseFileIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("notes.txt")
    let text = Data(String(repeating: "not a database, just some notes\n", count: 10).utf8)
    try text.write(to: URL(fileURLWithPath: path))
    #expect(throws: VaultStoreError.notAVault(path: path, applicationID: 0)) {
      try VaultStore.open(path: path)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == text)
  }

  @Test("a vault written by a newer schema version is refused with both versions named")
  func newerUserVersionIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("future.menuvault")
    try VaultStore.open(path: path).close()
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 3") }
    try queue.close()
    let expected = VaultStoreError.newerSchema(path: path, found: "version 3", supported: 2)
    #expect(throws: expected) { try VaultStore.open(path: path) }
    #expect(
      expected.errorDescription
        == "the vault \(path) was written by a newer MenuVault (schema version 3, this version "
        + "reads up to 2); open it with a newer version")
  }

  @Test("a vault with a migration this version does not know is refused")
  func unknownMigrationIsRefused() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("unknown.menuvault")
    try VaultStore.open(path: path).close()
    let queue = try DatabaseQueue(path: path)
    try queue.write {
      try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v3-future')")
    }
    try queue.close()
    #expect(
      throws: VaultStoreError.newerSchema(path: path, found: "migration v3-future", supported: 2)
    ) { try VaultStore.open(path: path) }
  }

  @Test("snapshot and blob rows refuse updates and deletes", arguments: VaultKind.allCases)
  func appendOnlyTriggers(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    _ = try vault.store.record(SampleMenus.snapshot("A", second: 0))
    let statements = [
      "UPDATE snapshot SET taken_at = 0",
      "DELETE FROM snapshot",
      "UPDATE blob SET content = x'00'",
      "DELETE FROM blob",
    ]
    for sql in statements {
      #expect(throws: DatabaseError.self, "\(sql)") {
        try vault.store.writer.write { try $0.execute(sql: sql) }
      }
    }
    #expect(try vault.store.verify().snapshotCount == 1)
    #expect(try vault.store.verify().blobCount == 2)
  }

  @Test("a path in a missing directory fails with the path in the message")
  func missingDirectory() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("missing/vault.menuvault")
    #expect(throws: VaultStoreError.cannotCreate(path: path, reason: "No such file or directory")) {
      try VaultStore.open(path: path)
    }
  }

  @Test("a blob is found by its hash through the 8-byte prefix index")
  func blobLookupUsesThePrefixIndex() throws {
    let vault = try TestVault(.memory)
    let plan = try vault.store.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          EXPLAIN QUERY PLAN
          SELECT id FROM blob WHERE substr(hash, 1, 4) = substr(?1, 1, 4) AND hash = ?1
          """,
        arguments: [Data(repeating: 7, count: 32)]
      ).map { $0["detail"] as String }
    }
    #expect(plan == ["SEARCH blob USING INDEX blob_by_hash (<expr>=?)"])
  }

  @Test("history's changes-only query reads the partial index, not the table")
  func historyUsesThePartialIndex() throws {
    let vault = try TestVault(.memory)
    _ = try vault.store.record(SampleMenus.snapshot("A", second: 0))
    let plan = try vault.store.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          EXPLAIN QUERY PLAN \(VaultStore.snapshotInfoSelect)
          WHERE s.account_id = 1 AND s.is_change = 1 ORDER BY s.taken_at DESC, s.id DESC LIMIT 20
          """
      ).map { $0["detail"] as String }
    }
    #expect(plan.contains { $0.contains("snapshot_change_by_account") }, "\(plan)")
    #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
  }
}
