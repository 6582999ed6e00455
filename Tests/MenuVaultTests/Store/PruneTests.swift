import Foundation
import GRDB
import Testing

@testable import MenuVault
@testable import MenuVaultStore

@Suite("prune: old unchanged re-fetches go, history stays")
struct PruneTests {
  @Test(
    "prune keeps every change, run end and referenced snapshot of a random history, and history, is_change and status read the same",
    arguments: 1...160)
  func randomHistory(seed: UInt64) async throws {
    let vault = try TestVault(seed % 8 == 0 ? .file : .memory)
    let store = vault.store
    let history = try RandomHistory.write(seed: seed, into: store)
    var random = SeededGenerator(seed: seed &* 7919)
    let cutoff: Int64 =
      switch Int.random(in: 0..<6, using: &random) {
      case 0: history.start - 1
      case 1: history.end + 86_400_000
      default: Int64.random(in: history.start...history.end, using: &random)
      }
    let before = try VaultRows(store)
    let workflows = Workflows(store: store)
    let changesBefore = try history.accounts.map { try store.history(account: $0) }
    let statusBefore = "\(try await workflows.accountStatuses())"
    let expected = PruneModel.removed(before, cutoff: cutoff)

    let time = Timestamp(millisecondsSince1970: cutoff)
    let dryRun = try store.prune(before: time, dryRun: true)
    #expect(try VaultRows(store) == before, "a dry run changes nothing")
    let report = try store.prune(before: time)
    #expect(report == dryRun)

    let after = try VaultRows(store)
    let kept = Set(after.snapshots.map(\.id))
    let removed = Set(before.snapshots.map(\.id)).subtracting(kept)
    #expect(removed == expected)
    #expect(report.total.snapshots == removed.count)
    #expect((report.total.bytes > 0) == !report.total.isEmpty)

    // What must stay, stays: every change, create, import and rollback, every snapshot
    // something refers to, the first and last of every unchanged run, everything recent.
    let ends = PruneModel.runEnds(before.snapshots)
    for row in before.snapshots
    where row.isChange || !PruneModel.prunable.contains(row.source) || row.rollbackOf != nil
      || before.referenced.contains(row.id) || ends.contains(row.id) || row.takenAt >= cutoff
    {
      #expect(kept.contains(row.id), "snapshot \(row.id) (seed \(seed))")
    }
    // The rows that stay are untouched, and each is compared with the same content as before:
    // recomputed from what is left, every is_change comes out as it did from everything.
    #expect(after.snapshots == before.snapshots.filter { kept.contains($0.id) })
    let changesFromAll = PruneModel.changes(before.snapshots)
    let changesFromKept = PruneModel.changes(after.snapshots)
    for row in after.snapshots {
      #expect(changesFromKept[row.id] == changesFromAll[row.id], "snapshot \(row.id)")
    }
    // The blobs left are exactly those the snapshots left refer to.
    #expect(after.blobs == Set(after.snapshots.flatMap { [$0.contentID, $0.rawID] }))
    #expect(before.blobs.subtracting(after.blobs).count == report.total.blobs)
    // Counted by account.
    let names = try await store.writer.read { db in
      Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM account").map {
          (row: Row) -> (Int64, String) in (row[0], row[1])
        })
    }
    let removedRows = before.snapshots.filter { removed.contains($0.id) }
    let removedByAccount = Dictionary(grouping: removedRows) { names[$0.accountID] ?? "" }
      .mapValues(\.count)
    #expect(report.byAccount.mapValues(\.snapshots) == removedByAccount)

    #expect(try history.accounts.map { try store.history(account: $0) } == changesBefore)
    #expect("\(try await workflows.accountStatuses())" == statusBefore)
    #expect(try store.verify().problems == [])
    #expect(try store.prune(before: time).total == PrunedRows(), "a second prune finds nothing")
    // No id is given twice: the next snapshot recorded gets an id no snapshot ever had.
    if let newest = before.snapshots.last {
      let next = try store.record(SampleMenus.snapshot("A", account: "newcomer", second: 0))
      #expect(next.id == newest.id + 1)
    }
  }

  @Test("of a run of the same menu, the first and the last stay; a change starts a new run")
  func runEnds() throws {
    let vault = try TestVault(.file)
    let store = vault.store
    let menus = ["A", "A", "A", "A", "B", "B", "B", "B", "A"]
    let ids = try menus.enumerated().map { second, menu in
      try store.record(
        SampleMenus.snapshot(menu, platform: .weibo, second: Int64(second), source: .weiboShow)
      ).id
    }
    let cutoff = Timestamp(millisecondsSince1970: SampleMenus.baseMilliseconds + 60_000)
    let report = try store.prune(before: cutoff)
    // 1-4 is a run (2 and 3 go), 5-8 another (6 and 7 go; 8 is also the reference, the read
    // before live), 9 is live.
    let left = try store.history(account: "main", changesOnly: false).map(\.id)
    #expect(Array(left.reversed()) == [ids[0], ids[3], ids[4], ids[7], ids[8]])
    #expect(Array(report.byAccount.keys) == ["main"])
    #expect(report.total.snapshots == 4)
    #expect(report.total.blobs == 0)
  }

  @Test("the newest snapshot stays even in the middle of a run, so no id is given twice")
  func newestIDStays() throws {
    let vault = try TestVault(.file)
    let store = vault.store
    for second in [0, 2, 3, 4, 1] as [Int64] {
      _ = try store.record(SampleMenus.snapshot("A", second: second))
    }
    // In time order: 1, 5 (recorded last, into the past), 2, 3 (the reference), 4 (live).
    let report = try store.prune(
      before: Timestamp(millisecondsSince1970: SampleMenus.baseMilliseconds + 60_000))
    #expect(report.total.snapshots == 1)
    let left = try store.history(account: "main", changesOnly: false).map(\.id)
    #expect(left == [4, 3, 5, 1])
    #expect(try store.record(SampleMenus.snapshot("B", second: 9)).id == 6)
  }

  @Test(
    "a re-fetch whose raw bytes were its own takes them along; blobs another snapshot holds stay")
  func blobsOnlyTheyHeld() throws {
    let vault = try TestVault(.memory)
    let store = vault.store
    for second in 0..<5 {
      _ = try store.record(
        SampleMenus.snapshot(
          "A", second: Int64(second), raw: SampleMenus.raw("A", menuID: "\(second)")))
    }
    _ = try store.record(
      SampleMenus.snapshot(
        "A", account: "other", second: 10, raw: SampleMenus.raw("A", menuID: "1")))
    let report = try store.prune(
      before: Timestamp(millisecondsSince1970: SampleMenus.baseMilliseconds + 60_000))
    // Snapshots 2 and 3 go (4 is the reference, 5 live); the raw bytes of 3 go with it, and
    // those of 2 stay: account "other" holds the same bytes.
    #expect(
      report.byAccount == ["main": PrunedRows(snapshots: 2, blobs: 1, bytes: report.total.bytes)])
    #expect(try store.verify().blobCount == 5)
  }

  @Test("the bytes counted are the space the rows took in the file")
  func bytesMatchTheFile() throws {
    let vault = try TestVault(.file)
    let store = vault.store
    var batch: [NewSnapshot] = []
    for pull in 0..<4000 {
      let menu = pull < 2000 ? "A" : "B"
      batch.append(SampleMenus.snapshot(menu, second: Int64(pull) * 900))
      batch.append(
        SampleMenus.snapshot(
          menu, second: Int64(pull) * 900, source: .selfmenu,
          raw: SampleMenus.raw(menu, menuID: "\(pull % 500)")))
    }
    _ = try store.record(batch)
    func used() throws -> Int64 {
      try store.checkpoint()
      return try store.writer.read { db in
        let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
        let size = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
        return (pages - free) * size
      }
    }
    let before = try used()
    let report = try store.prune(
      before: Timestamp(millisecondsSince1970: SampleMenus.baseMilliseconds + 90 * 86_400_000))
    let freed = before - (try used())
    // Each read's runs of A and of B lose all but their ends (and live's reference); the
    // website reads' raw bytes changed with every 500th pull, so 498 of each menu's go too.
    #expect(report.total.snapshots == 7991)
    #expect(report.total.blobs == 996)
    let ratio = Double(report.total.bytes) / Double(freed)
    #expect(ratio > 0.8 && ratio < 1.2, "counted \(report.total.bytes), freed \(freed)")
  }

  @Test("a dry run leaves the file and its write-ahead log byte for byte")
  func dryRunChangesNoByte() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("vault.menuvault")
    let writer = try VaultStore.open(path: path)
    _ = try writer.record((0..<300).map { SampleMenus.snapshot("A", second: Int64($0) * 900) })
    func files() -> [Data?] {
      ["", "-wal"].map { try? Data(contentsOf: URL(fileURLWithPath: path + $0)) }
    }
    // Sixty days after the first pull: a window of thirty leaves them all older.
    let now = Timestamp(millisecondsSince1970: SampleMenus.baseMilliseconds + 60 * 86_400_000)
    func dryRun() async throws -> PruneResult {
      let reader = try VaultStore.openForReading(path: path)
      defer { try? reader.close() }
      return try await Workflows(store: reader, clock: { now }).prune(PruneRequest(dryRun: true))
    }

    // A writer still open, its last commit in the log.
    let logged = files()
    #expect((logged[1]?.count ?? 0) > 0)
    var result = try await dryRun()
    #expect(result.total.snapshots == 297)
    #expect(result.verification.isOK)
    #expect(files() == logged)

    // Nobody else has it open: the log folded into the file.
    try writer.close()
    let settled = files()
    #expect((settled[1]?.count ?? 0) == 0)
    result = try await dryRun()
    #expect(result.dryRun)
    #expect(files()[0] == settled[0])
    #expect((files()[1]?.count ?? 0) == 0, "a dry run writes no log")

    let store = try VaultStore.open(path: path)
    defer { try? store.close() }
    let pruned = try await Workflows(store: store, clock: { now }).prune(PruneRequest())
    #expect(pruned.total == result.total)
    #expect(!pruned.dryRun)
    #expect(pruned.verification.snapshotCount == 3)
  }

  @Test("the window is counted back from the clock; an account's prune leaves the others")
  func windowAndAccount() async throws {
    let vault = try TestVault(.memory)
    let store = vault.store
    for account in ["main", "other"] {
      _ = try store.record(
        (0..<10).map { SampleMenus.snapshot("A", account: account, second: Int64($0) * 3600) })
    }
    // Nine hours after the first pull: the window of 4 hours keeps the pulls of hours 5-9.
    let now = Timestamp(millisecondsSince1970: SampleMenus.baseMilliseconds + 9 * 3_600_000)
    let workflows = Workflows(store: store, clock: { now })
    let request = PruneRequest(keepWithin: .seconds(4 * 3600), account: "main")
    let result = try await workflows.prune(request)
    #expect(result.cutoff.millisecondsSince1970 == now.millisecondsSince1970 - 14_400_000)
    // Pulls 0-4 are older (123 ms past the hour): 1-4 go, 0 starts the run.
    #expect(result.accounts.map(\.account) == ["main"])
    #expect(result.total.snapshots == 4)
    #expect(try store.snapshotCount(account: "other") == 10)
    await #expect(throws: VaultStoreError.accountNotFound(name: "nobody")) {
      try await workflows.prune(PruneRequest(account: "nobody"))
    }
  }

  @Test("a window longer than all time keeps everything; a negative one counts as none")
  func extremeWindows() {
    let now = Timestamp(millisecondsSince1970: 1_795_219_200_000)
    #expect(
      Workflows.cutoff(now: now, keepWithin: .seconds(Int64.max)).millisecondsSince1970
        < -1_000_000_000_000_000)
    #expect(Workflows.cutoff(now: now, keepWithin: .seconds(-5)) == now)
    #expect(
      Workflows.cutoff(now: now, keepWithin: .milliseconds(1500)).millisecondsSince1970
        == now.millisecondsSince1970 - 1500)
  }
}
