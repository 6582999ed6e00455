import MenuVault
import Testing

@Suite("restore keeps identical snapshots")
struct RestoreIdenticalSnapshotsTests {
  @Test("two snapshots with the same time, source and hashes both survive export -> restore, twice")
  func identicalSnapshotsSurvive() throws {
    let source = try VaultStore.inMemory()
    let json = #"{"button":[{"type":"click","name":"a","key":"k"}]}"#
    let menu = try Normalizer.normalize(Array(json.utf8))
    let snapshot = NewSnapshot(
      accountName: "shop", platform: .wechat, takenAt: Timestamp(millisecondsSince1970: 1_000),
      source: .import, rawBytes: Array(json.utf8), canonicalBytes: menu.canonicalBytes,
      fidelity: .exact)
    _ = try source.record([snapshot, snapshot, snapshot])
    let export = try source.exportBytes()
    let target = try VaultStore.inMemory()
    let first = try target.restore(from: export)
    #expect(first.snapshotsAdded == 3)
    let second = try target.restore(from: export)
    #expect(second.snapshotsAdded == 0)
    #expect(second.snapshotsAlreadyPresent == 3)
    #expect(try target.snapshotCount(account: "shop") == 3)
  }
}
