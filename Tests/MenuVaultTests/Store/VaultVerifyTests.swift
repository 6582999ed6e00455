import Foundation
import MenuVault
import Testing

@testable import MenuVaultStore

@Suite("verify and backup")
struct VaultVerifyTests {
  @Test("a sound vault verifies with its counts", arguments: VaultKind.allCases)
  func soundVault(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    _ = try vault.store.record([
      SampleMenus.snapshot("A", second: 0),
      SampleMenus.snapshot("A", second: 1),
      SampleMenus.snapshot("B", account: "other", second: 2),
    ])
    let report = try vault.store.verify()
    let expectedBytes =
      SampleMenus.canonical("A").count + SampleMenus.raw("A").count
      + SampleMenus.canonical("B").count + SampleMenus.raw("B").count
    #expect(
      report
        == VerifyReport(
          blobCount: 4, blobBytes: Int64(expectedBytes), snapshotCount: 3, accountCount: 2,
          operationCount: 0, problems: []))
  }

  @Test("a flipped byte in a blob on disk is caught by verify")
  func flippedByteIsCaught() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("flip.menuvault")
    let store = try VaultStore.open(path: path)
    let marker = "FLIP-ME-7f3a"
    let snapshot = SampleMenus.snapshot(
      "A", second: 0, raw: Array("raw response \(marker) end".utf8))
    let recorded = try store.record(snapshot)
    try store.checkpoint()
    try store.close()

    // Corrupt the raw bytes where they sit in the file, as a failing disk would.
    var file = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let needle = Array(marker.utf8)
    let offset = try #require(
      (0...(file.count - needle.count)).first {
        file[$0..<($0 + needle.count)].elementsEqual(needle)
      }
    )
    file[offset] ^= 0x01
    try Data(file).write(to: URL(fileURLWithPath: path))

    let reopened = try VaultStore.open(path: path)
    defer { try? reopened.close() }
    let report = try reopened.verify()
    #expect(!report.isOK)
    let corrupted = Array("raw response GLIP-ME-7f3a end".utf8)
    #expect(
      report.problems == [
        .blobHashMismatch(
          blobID: 2, stored: recorded.rawHash, computed: ContentHash.sha256Hex(corrupted))
      ])
    #expect(
      report.problems[0].description
        == "blob 2 is stored under \(recorded.rawHash) but its bytes hash to "
        + ContentHash.sha256Hex(corrupted))
  }

  @Test("a backup is a verified copy with the same snapshots", arguments: VaultKind.allCases)
  func backupCopiesAndVerifies(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    _ = try vault.store.record([
      SampleMenus.snapshot("A", second: 0), SampleMenus.snapshot("B", second: 1),
    ])
    let directory = try TemporaryDirectory()
    let destination = directory.path("backup.menuvault")
    let report = try vault.store.backup(to: destination)
    #expect(report.isOK && report.snapshotCount == 2 && report.blobCount == 4)
    let copy = try VaultStore.open(path: destination)
    defer { try? copy.close() }
    #expect(
      try copy.history(account: "main", changesOnly: false)
        == vault.store.history(account: "main", changesOnly: false))
    let attributes = try FileManager.default.attributesOfItem(atPath: destination)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    #expect(throws: VaultStoreError.backupDestinationExists(path: destination)) {
      try vault.store.backup(to: destination)
    }
  }

  @Test("a backup taken while another writer records is consistent")
  func backupWhileWriting() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("busy.menuvault")
    let store = try VaultStore.open(path: path)
    defer { try? store.close() }
    _ = try store.record(SampleMenus.snapshot("A", second: 0))
    let writer = Task.detached {
      let other = try VaultStore.open(path: path)
      defer { try? other.close() }
      for index in 1...100 {
        _ = try other.record(SampleMenus.snapshot("M\(index % 7)", second: Int64(index)))
      }
    }
    let report = try store.backup(to: directory.path("copy.menuvault"))
    try await writer.value
    #expect(report.isOK && report.snapshotCount >= 1)
  }
}
