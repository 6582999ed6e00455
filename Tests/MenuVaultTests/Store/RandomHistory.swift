import Foundation
import GRDB
import MenuVault

@testable import MenuVaultStore

/// SplitMix64: a small seeded generator, so a seed draws the same history on every run.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

/// A random history written through the store the way pulls, imports, publishes, rollbacks and
/// failed pulls write it: accounts of both platforms, runs of unchanged re-fetches, changes,
/// reads at the same millisecond, raw bytes that change while the content does not, imports
/// into the past, operations left pending.
struct RandomHistory {
  /// The first and last times written (UTC ms).
  var start: Int64
  var end: Int64
  /// The accounts, by name.
  var accounts: [String]

  /// The menus a snapshot may hold: four named ones and "no menu".
  private static let menus = ["A", "B", "C", "D", ""]

  static func write(seed: UInt64, into store: VaultStore) throws -> RandomHistory {
    var random = SeededGenerator(seed: seed)
    let names = (0..<Int.random(in: 1...3, using: &random)).map { "acct-\($0)" }
    var platforms: [String: Platform] = [:]
    var current: [String: [SnapshotSource: (menu: String, menuID: String)]] = [:]
    var menuOf: [Int64: String] = [:]
    var pending: Set<String> = []
    let start = SampleMenus.baseMilliseconds
    var time = start
    for name in names {
      let platform: Platform = Int.random(in: 0..<4, using: &random) == 0 ? .weibo : .wechat
      platforms[name] = platform
      try store.addAccount(name: name, settings: AccountSettings(platform: platform))
    }

    /// Records `snapshots` as one batch and notes each one's menu.
    func record(_ snapshots: [(NewSnapshot, String)]) throws -> [RecordedSnapshot] {
      let recorded = try store.record(snapshots.map(\.0))
      for (result, snapshot) in zip(recorded, snapshots) { menuOf[result.id] = snapshot.1 }
      return recorded
    }
    func snapshot(
      _ account: String, _ source: SnapshotSource, menu: String, menuID: String = "1",
      at takenAt: Int64, rollbackOf: Int64? = nil
    ) -> (NewSnapshot, String) {
      let canonical =
        menu.isEmpty
        ? ((try? Normalizer.noMenu(platform: platforms[account] ?? .wechat))?.canonicalBytes ?? [])
        : SampleMenus.canonical(menu)
      let raw =
        menu.isEmpty
        ? Array(#"{"errcode":46003,"errmsg":"menu no exist"}"#.utf8)
        : SampleMenus.raw(menu, menuID: menuID)
      return (
        NewSnapshot(
          accountName: account, platform: platforms[account] ?? .wechat,
          takenAt: Timestamp(millisecondsSince1970: takenAt), source: source, rawBytes: raw,
          canonicalBytes: canonical, fidelity: .exact, menuIDs: menu.isEmpty ? [] : [menuID],
          isMenuOpen: menu.isEmpty ? nil : true, rollbackOf: rollbackOf),
        menu
      )
    }
    /// One pull's reads of `account` at `takenAt`, each read's menu changing now and then.
    func pull(_ account: String, at takenAt: Int64, changeOdds: Int) throws -> [RecordedSnapshot] {
      let sources = LiveRead.sources(platforms[account] ?? .wechat)
      var reads: [(NewSnapshot, String)] = []
      for source in sources {
        var read = current[account]?[source] ?? ("A", "1")
        if Int.random(in: 0..<100, using: &random) < changeOdds {
          read.menu = menus.randomElement(using: &random) ?? "A"
        }
        if Int.random(in: 0..<100, using: &random) < 8 {
          // The server's menu id changes while the menu does not: new raw bytes, same content.
          read.menuID = String(Int.random(in: 1...30, using: &random))
        }
        current[account, default: [:]][source] = read
        reads.append(snapshot(account, source, menu: read.menu, menuID: read.menuID, at: takenAt))
      }
      return try record(reads)
    }
    /// A publish (or a rollback to `target`) as the workflows record it: begun, the live menu
    /// snapshotted, what was sent, the read-back, finished deployed or failed (or left pending).
    func operate(_ account: String, rollbackTo target: Int64?) throws {
      guard !pending.contains(account) else {
        if Bool.random(using: &random) {
          try store.clearPendingOperation(
            account: account, at: Timestamp(millisecondsSince1970: time))
          pending.remove(account)
        }
        return
      }
      let operation = try store.beginOperation(
        account: account, kind: target == nil ? .publish : .rollback, targetSnapshotID: target,
        at: Timestamp(millisecondsSince1970: time))
      let before = try pull(account, at: time, changeOdds: 10)
      try store.markOperationStep(
        id: operation.id, step: .step(.snapshotLive), beforeSnapshotID: before.first?.id)
      let menu = target.flatMap { menuOf[$0] } ?? menus.randomElement(using: &random) ?? "A"
      _ = try record([
        snapshot(
          account, target == nil ? .create : .rollback, menu: menu, at: time + 1,
          rollbackOf: target)
      ])
      switch Int.random(in: 0..<10, using: &random) {
      case 0:
        pending.insert(account)
      case 1:
        try store.finishOperation(
          id: operation.id, status: .failed, reason: "refused (40001)",
          at: Timestamp(millisecondsSince1970: time + 2))
      default:
        for source in LiveRead.sources(platforms[account] ?? .wechat) {
          current[account, default: [:]][source] = (menu, "1")
        }
        let readBack = try pull(account, at: time + 2, changeOdds: 0)
        try store.finishOperation(
          id: operation.id, status: .deployed, afterSnapshotID: readBack.first?.id,
          at: Timestamp(millisecondsSince1970: time + 2))
      }
    }

    for _ in 0..<Int.random(in: 10...90, using: &random) {
      switch Int.random(in: 0..<100, using: &random) {
      case 0..<5: break  // the same millisecond again
      case 5..<15: time += Int64.random(in: 1...60_000, using: &random)
      case 15..<80: time += 15 * 60_000
      default: time += Int64.random(in: 1...5, using: &random) * 86_400_000
      }
      guard let account = names.randomElement(using: &random) else { break }
      switch Int.random(in: 0..<100, using: &random) {
      case 0..<62:
        _ = try pull(account, at: time, changeOdds: 12)
      case 62..<70:
        // An import, now or into the past.
        let takenAt =
          Bool.random(using: &random) ? time : Int64.random(in: start...time, using: &random)
        let menu = menus.randomElement(using: &random) ?? "A"
        _ = try record([snapshot(account, .import, menu: menu, at: takenAt)])
      case 70..<78:
        try operate(account, rollbackTo: nil)
      case 78..<84:
        let ids = try store.history(account: account, changesOnly: false).map(\.id)
        try operate(account, rollbackTo: ids.randomElement(using: &random))
      case 84..<90:
        try store.recordPullFailure(
          account: account, message: "timed out", at: Timestamp(millisecondsSince1970: time))
      default:
        // Several pulls in a row with nothing changing: a long unchanged run.
        for _ in 0..<Int.random(in: 2...12, using: &random) {
          time += 15 * 60_000
          _ = try pull(account, at: time, changeOdds: 0)
        }
      }
    }
    // An account that exists but was never pulled.
    if Int.random(in: 0..<5, using: &random) == 0 {
      try store.addAccount(name: "idle", settings: AccountSettings(platform: .wechat))
    }
    return RandomHistory(start: start, end: time, accounts: try store.accounts().map(\.name))
  }
}

/// A snapshot row as the table holds it.
struct SnapshotRow: Equatable {
  var id: Int64
  var accountID: Int64
  var takenAt: Int64
  var source: Int64
  var contentID: Int64
  var rawID: Int64
  var fidelity: Int64
  var isChange: Bool
  var isMenuOpen: Int64?
  var menuIDs: String?
  var rollbackOf: Int64?

  /// Whether it comes before `other` in its account's time order.
  func precedes(_ other: SnapshotRow) -> Bool {
    (takenAt, id) < (other.takenAt, other.id)
  }
}

/// What the vault holds, read straight from its tables.
struct VaultRows: Equatable {
  var snapshots: [SnapshotRow]
  /// Every snapshot id some row refers to (operations, account states, rollbacks).
  var referenced: Set<Int64>
  var blobs: Set<Int64>

  init(_ store: VaultStore) throws {
    (snapshots, referenced, blobs) = try store.writer.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT id, account_id, taken_at, source, content_id, raw_id, fidelity, is_change,
            is_menu_open, menu_ids, rollback_of
          FROM snapshot ORDER BY id
          """
      ).map { row in
        SnapshotRow(
          id: row[0], accountID: row[1], takenAt: row[2], source: row[3], contentID: row[4],
          rawID: row[5], fidelity: row[6], isChange: row[7], isMenuOpen: row[8],
          menuIDs: row[9], rollbackOf: row[10])
      }
      let referenced = try Int64?.fetchAll(
        db,
        sql: """
          SELECT target_snapshot_id FROM operation UNION SELECT before_snapshot_id FROM operation
          UNION SELECT after_snapshot_id FROM operation
          UNION SELECT live_snapshot_id FROM account_state
          UNION SELECT reference_snapshot_id FROM account_state
          UNION SELECT rollback_of FROM snapshot
          """
      ).compactMap { $0 }
      return (rows, Set(referenced), Set(try Int64.fetchAll(db, sql: "SELECT id FROM blob")))
    }
  }
}

/// The retention rule written out plainly, to check the store's SQL against.
enum PruneModel {
  /// The prunable sources: get, selfmenu, weibo-show.
  static let prunable: Set<Int64> = [2, 3, 4]

  /// Each account's snapshots of one source in time order.
  static func streams(_ rows: [SnapshotRow]) -> [[SnapshotRow]] {
    Dictionary(grouping: rows) { [$0.accountID, $0.source] }.values.map {
      $0.sorted { $0.precedes($1) }
    }
  }

  /// The first and the last snapshot of every run of the same content in a stream.
  static func runEnds(_ rows: [SnapshotRow]) -> Set<Int64> {
    var ends = Set<Int64>()
    for stream in streams(rows) {
      for (index, row) in stream.enumerated() {
        let previous = index > 0 ? stream[index - 1].contentID : nil
        let next = index + 1 < stream.count ? stream[index + 1].contentID : nil
        if previous != row.contentID || next != row.contentID { ends.insert(row.id) }
      }
    }
    return ends
  }

  /// The snapshots the rule removes before `cutoff`.
  static func removed(_ vault: VaultRows, cutoff: Int64) -> Set<Int64> {
    let ends = runEnds(vault.snapshots)
    var kept = vault.referenced
    // The newest id stays, or the next snapshot recorded would be given it again.
    if let newest = vault.snapshots.map(\.id).max() { kept.insert(newest) }
    for stream in streams(vault.snapshots) {
      guard let first = stream.first else { continue }
      if let previous = vault.snapshots.filter({
        $0.accountID == first.accountID && $0.precedes(first)
      }).max(by: { $0.precedes($1) }) {
        kept.insert(previous.id)
      }
    }
    return Set(
      vault.snapshots.filter {
        prunable.contains($0.source) && !$0.isChange && $0.rollbackOf == nil
          && $0.takenAt < cutoff && !ends.contains($0.id) && !kept.contains($0.id)
      }.map(\.id))
  }

  /// Whether each snapshot's content differs from the one it is compared with when recorded in
  /// time order: the previous snapshot of its source, else the previous one of any source.
  static func changes(_ rows: [SnapshotRow]) -> [Int64: Bool] {
    var changes: [Int64: Bool] = [:]
    let byAccount = Dictionary(grouping: rows, by: \.accountID)
    for (_, account) in byAccount {
      let ordered = account.sorted { $0.precedes($1) }
      var lastBySource: [Int64: Int64] = [:]
      var last: Int64?
      for row in ordered {
        let previous = lastBySource[row.source] ?? last
        changes[row.id] = previous != row.contentID
        lastBySource[row.source] = row.contentID
        last = row.contentID
      }
    }
    return changes
  }
}
