import Foundation
import GRDB
import MenuVault
import Testing

@Suite("opening a vault for reading only")
struct VaultReadOnlyTests {
  /// A closed vault file with two snapshots of account "main", and its directory.
  private func vaultWithTwoSnapshots() throws -> (TemporaryDirectory, String) {
    let directory = try TemporaryDirectory()
    let path = directory.path("vault.menuvault")
    let store = try VaultStore.open(path: path)
    _ = try store.record(SampleMenus.snapshot("A", second: 0))
    _ = try store.record(SampleMenus.snapshot("B", second: 1))
    try store.close()
    return (directory, path)
  }

  @Test("reads what the vault holds, refuses a write, and leaves the file's bytes as they were")
  func readsAndRefusesWrites() throws {
    let (directory, path) = try vaultWithTwoSnapshots()
    let before = try Data(contentsOf: URL(fileURLWithPath: path))

    let reader = try VaultStore.openForReading(path: path)
    let entries = try reader.history(account: "main")
    #expect(entries.map(\.id) == [2, 1])
    #expect(try reader.canonicalBytes(snapshotID: 1) == SampleMenus.canonical("A"))
    let recording = #expect(throws: DatabaseError.self) {
      _ = try reader.record(SampleMenus.snapshot("C", second: 2))
    }
    #expect(recording?.resultCode == .SQLITE_READONLY)
    let adding = #expect(throws: DatabaseError.self) {
      _ = try reader.addAccount(name: "other", settings: AccountSettings(platform: .wechat))
    }
    #expect(adding?.resultCode == .SQLITE_READONLY)
    try reader.close()

    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try VaultStore.open(path: path).snapshotCount(account: "main") == 2)
    _ = directory
  }

  @Test("sees what another connection writes while it is open")
  func seesAnotherWriter() throws {
    let (directory, path) = try vaultWithTwoSnapshots()
    let reader = try VaultStore.openForReading(path: path)
    #expect(try reader.snapshotCount(account: "main") == 2)

    let writer = try VaultStore.open(path: path)
    let added = try writer.record(SampleMenus.snapshot("C", second: 2))
    #expect(try reader.snapshotCount(account: "main") == 3)
    #expect(try reader.snapshot(id: added.id)?.id == added.id)
    try writer.close()
    try reader.close()
    _ = directory
  }

  @Test("refuses a missing file, an empty file and another program's database, creating nothing")
  func refusesWhatIsNoVault() throws {
    let directory = try TemporaryDirectory()
    let missing = directory.path("missing.menuvault")
    #expect(throws: VaultStoreError.self) { try VaultStore.openForReading(path: missing) }
    #expect(!FileManager.default.fileExists(atPath: missing))

    let empty = directory.path("empty.menuvault")
    #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
    #expect(throws: VaultStoreError.notAVault(path: empty, applicationID: 0)) {
      try VaultStore.openForReading(path: empty)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)

    let foreign = directory.path("foreign.sqlite")
    try DatabaseQueue(path: foreign).write { db in
      try db.execute(sql: "CREATE TABLE notes (text TEXT)")
    }
    #expect(throws: VaultStoreError.notAVault(path: foreign, applicationID: 0)) {
      try VaultStore.openForReading(path: foreign)
    }
  }
}
