import MenuVault
import Mustache

/// One page of an account's timeline with what the rows need besides the history entries: the
/// account, its lock, the operations that made the rows, and whether there are pages on either
/// side.
struct TimelinePage: Sendable {
  var account: Account
  /// The page's snapshots, newest first.
  var snapshots: [SnapshotInfo]
  /// The same snapshots as history lists them (the JSON of the page).
  var entries: [HistoryEntry]
  var changesOnly: Bool
  var operations: [OperationSummary]
  var lock: OperationSummary?
  var changeCount: Int
  /// The cursor for the newer page (the first row), when there are newer snapshots.
  var newerCursor: Int64?
  /// The cursor for the older page (the last row), when there are older snapshots.
  var olderCursor: Int64?

  /// Reads one page of `name`'s timeline: the snapshots before or after a cursor (see
  /// `VaultStore.history(account:before:after:limit:changesOnly:source:)`), the operations that
  /// made them, the lock, and whether there are pages on either side. Each query reads a few
  /// rows of an index, so a page costs the same however long the history is.
  static func read(
    account name: String, before: Int64?, after: Int64?, limit: Int, changesOnly: Bool,
    vault: VaultReader
  ) async throws -> TimelinePage {
    try await vault.read { store in
      guard let account = try store.account(named: name) else {
        throw VaultStoreError.accountNotFound(name: name)
      }
      let snapshots = try store.history(
        account: name, before: before, after: after, limit: limit, changesOnly: changesOnly)
      // As the library's history lists them (`Workflows.history`), which the JSON answer is.
      let entries = try HistoryEntry.entries(snapshots, in: store)
      var operations: [VaultOperation] = []
      var newer: Int64?
      var older: Int64?
      if let first = snapshots.first, let last = snapshots.last,
        let lowest = snapshots.map(\.id).min(), let highest = snapshots.map(\.id).max(),
        let earliest = snapshots.map(\.takenAt).min()
      {
        operations = try store.operations(
          account: name, snapshotIDs: lowest...highest, takenSince: earliest)
        let hasNewer = try !store.history(
          account: name, after: first.id, limit: 1, changesOnly: changesOnly
        ).isEmpty
        let hasOlder = try !store.history(
          account: name, before: last.id, limit: 1, changesOnly: changesOnly
        ).isEmpty
        newer = hasNewer ? first.id : nil
        older = hasOlder ? last.id : nil
      }
      return TimelinePage(
        account: account, snapshots: snapshots, entries: entries, changesOnly: changesOnly,
        operations: operations.map(OperationSummary.init),
        lock: try store.pendingOperation(account: name).map(OperationSummary.init),
        changeCount: try store.snapshotCount(account: name, changesOnly: true),
        newerCursor: newer, olderCursor: older)
    }
  }
}

/// The links between an account's timeline pages: keyset cursors, never offsets.
struct TimelineLinks: Sendable {
  /// `/accounts/NAME`, with `?all=1` for every snapshot.
  var base: String
  var changesOnly: Bool
  /// The newer page, when there is one.
  var newerHref: String?
  /// The older page, when there is one.
  var olderHref: String?
  /// The first page, when this is not it.
  var newestHref: String?
  /// The other view (changes / every snapshot) from its first page.
  var otherViewHref: String

  init(account: String, changesOnly: Bool, newer: Int64?, older: Int64?, isFirstPage: Bool) {
    let path = Links.account(account)
    let base = changesOnly ? path : path + "?all=1"
    let join = changesOnly ? "?" : "&"
    self.base = base
    self.changesOnly = changesOnly
    newerHref = newer.map { base + join + "after=\($0)" }
    olderHref = older.map { base + join + "before=\($0)" }
    newestHref = isFirstPage ? nil : base
    otherViewHref = changesOnly ? path + "?all=1" : path
  }

  /// The `Link` header of the JSON answer (`rel="next"` is older, `rel="prev"` newer).
  var header: String? {
    let links = [
      olderHref.map { "<\($0)>; rel=\"next\"" }, newerHref.map { "<\($0)>; rel=\"prev\"" },
    ]
    .compactMap { $0 }
    return links.isEmpty ? nil : links.joined(separator: ", ")
  }
}

/// What the timeline template reads.
struct TimelineModel {
  /// One snapshot's row, as `timeline-row` draws it; the key of the rows already drawn
  /// (``Pages/timeline(_:title:)``), so it holds every value the row shows.
  struct Row: Hashable, Sendable {
    var id: Int64
    var takenAt: TimeView
    var source: String
    var isChange: Bool
    var hash: String
    var hashPrefix: String
    var fidelity: String
    var inactive: [String]
    var rollbackOf: Int64?
    var operations: [OperationLine]
    var rowClass: String
    var fromChecked: Bool
    var toChecked: Bool
  }

  var account: String
  var platform: String
  var lock: OperationView?
  var changesOnly: Bool
  var summary: String
  var rows: [Row]
  /// The rows as `timeline-row` drew them, filled in by ``Pages/timeline(_:title:)``.
  var drawnRows: [String] = []
  var hasRows: Bool
  var otherViewHref: String
  var newerHref: String?
  var olderHref: String?
  var newestHref: String?

  init(page: TimelinePage, links: TimelineLinks) {
    account = page.account.name
    platform = page.account.platform.rawValue
    lock = page.lock.map(OperationView.init)
    changesOnly = page.changesOnly
    summary =
      "\(page.changeCount) change(s) in all"
      + (page.changesOnly ? "" : "; unchanged re-fetches are greyed")
    rows = zip(page.snapshots, page.entries).enumerated().map { index, pair in
      let (info, entry) = pair
      return Row(
        id: info.id, takenAt: TimeView(info.takenAt), source: entry.source.rawValue,
        isChange: info.isChange, hash: entry.hash, hashPrefix: String(entry.hash.prefix(12)),
        fidelity: entry.fidelity.rawValue, inactive: entry.inactiveConditionalMenus.map(\.line),
        rollbackOf: entry.rollbackOf,
        operations: SnapshotOperation.matching(
          id: info.id, takenAt: info.takenAt, source: info.source, in: page.operations
        ).map(OperationLine.init),
        rowClass: info.isChange ? "change" : "unchanged", fromChecked: index == 1,
        toChecked: index == 0)
    }
    hasRows = !rows.isEmpty
    otherViewHref = links.otherViewHref
    newerHref = links.newerHref
    olderHref = links.olderHref
    newestHref = links.newestHref
  }
}

// What the templates read, by name: lookups rather than mustache's reflection (a page repeats
// a row up to its page size).

extension TimelineModel: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "account": return account
    case "platform": return platform
    case "lock": return lock.section
    case "changesOnly": return changesOnly
    case "summary": return summary
    case "rows": return rows
    case "drawnRows": return drawnRows
    case "hasRows": return hasRows
    case "otherViewHref": return otherViewHref
    case "newerHref": return newerHref.section
    case "olderHref": return olderHref.section
    case "newestHref": return newestHref.section
    default: return nil
    }
  }
}

extension TimelineModel.Row: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "id": return id
    case "takenAt": return takenAt
    case "source": return source
    case "isChange": return isChange
    case "hash": return hash
    case "hashPrefix": return hashPrefix
    case "fidelity": return fidelity
    case "inactive": return inactive
    case "rollbackOf": return rollbackOf.section
    case "operations": return operations
    case "rowClass": return rowClass
    case "fromChecked": return fromChecked
    case "toChecked": return toChecked
    default: return nil
    }
  }
}

/// An operation as a timeline row names it: `sent by rollback 3 (deployed)`, with its status for
/// the style.
struct OperationLine: Hashable, Sendable {
  var text: String
  var status: String
}

extension OperationLine {
  init(_ operation: SnapshotOperation) {
    self.init(text: operation.text, status: operation.status)
  }
}

extension OperationLine: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "text": return text
    case "status": return status
    default: return nil
    }
  }
}

// A row's time is part of the row's key.
extension TimeView: Hashable {
  func hash(into hasher: inout Hasher) {
    hasher.combine(iso)
  }
}

// `{{>time}}` reads these on every page.
extension TimeView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "iso": return iso
    case "text": return text
    default: return nil
    }
  }
}

// An operation: the overview's last one, the timeline's lock, a rollback's, an error page's lock.
extension OperationView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "id": return id
    case "kind": return kind
    case "status": return status
    case "holder": return holder.section
    case "step": return step.section
    case "reason": return reason.section
    case "beforeSnapshotID": return beforeSnapshotID.section
    case "afterSnapshotID": return afterSnapshotID.section
    case "line": return line
    case "lockLine": return lockLine
    case "started": return started
    default: return nil
    }
  }
}
