import Foundation
import MenuVault
import Testing

@Suite("closing a vault")
struct VaultCloseTests {
  @Test("a new vault written, read and closed holds everything in its own file: no -wal is left")
  func newVaultFoldsItsLog() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("new.menuvault")
    let store = try VaultStore.open(path: path)
    for second in 0..<20 {
      _ = try store.record(SampleMenus.snapshot("M\(second)", second: Int64(second)))
    }
    #expect(try store.history(account: "main", limit: 5).count == 5)
    #expect(try store.verify().isOK)
    try store.close()

    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    let reopened = try VaultStore.openForReading(path: path)
    #expect(try reopened.snapshotCount(account: "main") == 20)
    try reopened.close()
  }
}
