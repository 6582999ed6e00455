import Foundation
import MenuVault
import Testing

@testable import MenuVaultStore

@Suite("recording snapshots and reading history")
struct VaultRecordTests {
  @Test(
    "history is newest first and collapses unchanged re-fetches: A, A, B, A",
    arguments: VaultKind.allCases)
  func historyCollapsesUnchanged(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    let recorded = try vault.store.record([
      SampleMenus.snapshot("A", second: 0),
      SampleMenus.snapshot("A", second: 60),
      SampleMenus.snapshot("B", second: 120),
      SampleMenus.snapshot("A", second: 180),
    ])
    #expect(recorded.map(\.isChange) == [true, false, true, true])

    let changes = try vault.store.history(account: "main")
    #expect(changes.map(\.id) == [recorded[3].id, recorded[2].id, recorded[0].id])
    #expect(
      changes.map(\.contentHash)
        == [recorded[3].contentHash, recorded[2].contentHash, recorded[0].contentHash])
    #expect(changes[0].contentHash == changes[2].contentHash)
    #expect(changes[0].contentHash != changes[1].contentHash)

    let all = try vault.store.history(account: "main", changesOnly: false)
    #expect(all.map(\.id) == recorded.reversed().map(\.id))
    #expect(all.map(\.isChange) == [true, true, false, true])
    #expect(
      try vault.store.history(account: "main", limit: 2, changesOnly: false).map(\.id) == [
        recorded[3].id, recorded[2].id,
      ])
    #expect(try vault.store.snapshotCount(account: "main") == 4)
    #expect(try vault.store.snapshotCount(account: "main", changesOnly: true) == 3)
  }

  @Test("an unchanged re-fetch adds one snapshot row and no blob", arguments: VaultKind.allCases)
  func unchangedRefetchAddsNoBlob(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    let first = try vault.store.record(SampleMenus.snapshot("A", second: 0))
    #expect(first.contentBlobIsNew && first.rawBlobIsNew && first.isChange)
    let before = try vault.store.verify()

    let again = try vault.store.record(SampleMenus.snapshot("A", second: 60))
    #expect(!again.contentBlobIsNew && !again.rawBlobIsNew && !again.isChange)
    #expect(again.contentHash == first.contentHash && again.rawHash == first.rawHash)
    let after = try vault.store.verify()
    #expect(after.blobCount == before.blobCount)
    #expect(after.blobBytes == before.blobBytes)
    #expect(after.snapshotCount == before.snapshotCount + 1)
  }

  @Test("the same menu in a new raw form stores only the raw bytes and is not a change")
  func reformattedResponseIsNotAChange() throws {
    let vault = try TestVault(.memory)
    _ = try vault.store.record(SampleMenus.snapshot("A", second: 0))
    let selfmenu = try vault.store.record(
      SampleMenus.snapshot(
        "A", second: 1, source: .selfmenu, raw: Array(#"{"is_menu_open":1}"#.utf8)))
    #expect(!selfmenu.isChange && !selfmenu.contentBlobIsNew && selfmenu.rawBlobIsNew)
  }

  @Test("hashes are the lowercase hex SHA-256 of the stored bytes")
  func hashesAreSHA256() throws {
    let vault = try TestVault(.memory)
    let snapshot = SampleMenus.snapshot("A", second: 0)
    let recorded = try vault.store.record(snapshot)
    #expect(recorded.contentHash == ContentHash.sha256Hex(snapshot.canonicalBytes))
    #expect(recorded.rawHash == ContentHash.sha256Hex(snapshot.rawBytes))
    #expect(try vault.store.canonicalBytes(snapshotID: recorded.id) == snapshot.canonicalBytes)
    #expect(try vault.store.rawBytes(snapshotID: recorded.id) == snapshot.rawBytes)
    #expect(try vault.store.blob(hash: recorded.contentHash) == snapshot.canonicalBytes)
    #expect(try vault.store.blob(hash: String(repeating: "0", count: 64)) == nil)
  }

  @Test("a snapshot keeps its metadata exactly", arguments: VaultKind.allCases)
  func metadataRoundTrips(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    let first = try vault.store.record(SampleMenus.snapshot("A", second: 0))
    let rollback = try vault.store.record(
      SampleMenus.snapshot(
        "A", second: 5, source: .rollback, menuIDs: ["208396938", "208379533"], isMenuOpen: nil,
        rollbackOf: first.id))
    let info = try #require(try vault.store.snapshot(id: rollback.id))
    #expect(
      info
        == SnapshotInfo(
          id: rollback.id, account: "main", platform: .wechat,
          takenAt: Timestamp(iso8601: "2026-11-21T00:00:05.123Z")
            ?? Timestamp(millisecondsSince1970: 0),
          source: .rollback, contentHash: first.contentHash, rawHash: first.rawHash,
          fidelity: .exact, isChange: false, menuIDs: ["208396938", "208379533"], isMenuOpen: nil,
          rollbackOf: first.id))
    #expect(try vault.store.latestSnapshot(account: "main") == info)
    #expect(try vault.store.snapshot(id: 999) == nil)
  }

  @Test("the latest snapshot of one source is found among others")
  func latestOfASource() throws {
    let vault = try TestVault(.memory)
    let recorded = try vault.store.record([
      SampleMenus.snapshot("A", second: 0, source: .selfmenu),
      SampleMenus.snapshot("B", second: 1, source: .selfmenu),
      SampleMenus.snapshot("C", second: 2, source: .get),
    ])
    #expect(
      try vault.store.latestSnapshot(account: "main", source: .selfmenu)?.id == recorded[1].id)
    #expect(try vault.store.latestSnapshot(account: "main")?.id == recorded[2].id)
    #expect(try vault.store.latestSnapshot(account: "main", source: .rollback) == nil)
  }

  @Test("a snapshot recorded into the past is compared with the one before it in time")
  func recordingIntoThePast() throws {
    let vault = try TestVault(.memory)
    _ = try vault.store.record(SampleMenus.snapshot("A", second: 0))
    let later = try vault.store.record(SampleMenus.snapshot("B", second: 100))
    let past = try vault.store.record(SampleMenus.snapshot("A", second: 50))
    #expect(!past.isChange)
    #expect(try vault.store.latestSnapshot(account: "main")?.id == later.id)
    let next = try vault.store.record(SampleMenus.snapshot("B", second: 200))
    #expect(!next.isChange)
  }

  @Test("accounts are separate timelines and are created on first use")
  func accountsAreSeparate() throws {
    let vault = try TestVault(.memory)
    let recorded = try vault.store.record([
      SampleMenus.snapshot("A", account: "shop", second: 0),
      SampleMenus.snapshot("A", account: "news", platform: .weibo, second: 1),
    ])
    #expect(recorded.map(\.isChange) == [true, true])
    #expect(!recorded[1].contentBlobIsNew)
    let accounts = try vault.store.accounts()
    #expect(accounts.map(\.name) == ["news", "shop"])
    #expect(accounts.map(\.platform) == [.weibo, .wechat])
    #expect(try vault.store.history(account: "news").map(\.platform) == [.weibo])
  }

  @Test("a batch with a bad snapshot records nothing")
  func batchIsAllOrNothing() throws {
    let vault = try TestVault(.memory)
    #expect(
      throws: VaultStoreError.platformMismatch(account: "main", recorded: .wechat, given: .weibo)
    ) {
      try vault.store.record([
        SampleMenus.snapshot("A", second: 0),
        SampleMenus.snapshot("B", platform: .weibo, second: 1),
      ])
    }
    #expect(try vault.store.verify().snapshotCount == 0)
    #expect(try vault.store.accounts().isEmpty)
  }

  @Test("bad input is refused with a message that names it")
  func badInputIsRefused() throws {
    let vault = try TestVault(.memory)
    #expect(throws: VaultStoreError.rollbackTargetNotFound(id: 42)) {
      try vault.store.record(SampleMenus.snapshot("A", second: 0, rollbackOf: 42))
    }
    #expect(throws: VaultStoreError.invalidMenuID(account: "main", menuID: "1,2")) {
      try vault.store.record(SampleMenus.snapshot("A", second: 0, menuIDs: ["1,2"]))
    }
    #expect(throws: VaultStoreError.invalidAccountName(name: "")) {
      try vault.store.record(SampleMenus.snapshot("A", account: "", second: 0))
    }
    #expect(throws: VaultStoreError.accountNotFound(name: "nobody")) {
      try vault.store.history(account: "nobody")
    }
    #expect(throws: VaultStoreError.snapshotNotFound(id: 7)) {
      try vault.store.rawBytes(snapshotID: 7)
    }
    #expect(
      VaultStoreError.snapshotNotFound(id: 7).errorDescription
        == "no snapshot has id 7; check the id against the vault's history")
  }

  @Test("several writers on one new file all succeed")
  func concurrentWriters() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("shared.menuvault")
    let writers = 6
    let perWriter = 25
    try await withThrowingTaskGroup(of: Int.self) { group in
      for writer in 0..<writers {
        group.addTask {
          // Each writer opens its own connections, as a separate process would.
          let store = try VaultStore.open(path: path)
          defer { try? store.close() }
          for index in 0..<perWriter {
            _ = try store.record(
              SampleMenus.snapshot(
                "W\(writer)-\(index % 3)", account: "account-\(writer % 2)",
                second: Int64(index)))
          }
          return perWriter
        }
      }
      var total = 0
      for try await count in group { total += count }
      #expect(total == writers * perWriter)
    }
    let store = try VaultStore.open(path: path)
    let report = try store.verify()
    #expect(report.isOK)
    #expect(report.snapshotCount == writers * perWriter)
    #expect(report.accountCount == 2)
    try store.close()
  }
}
