import MenuVault

/// A publish, rollback or delete as the pages and their JSON show it (snake_case keys, every
/// key present, `null` where there is no value).
struct OperationSummary: Sendable, Equatable, Encodable {
  /// The operation's number.
  var id: Int64
  /// The account it acts on.
  var account: String
  /// Publish, rollback or delete.
  var kind: VaultOperation.Kind
  /// Pending, deployed or failed.
  var status: VaultOperation.Status
  /// When it began.
  var startedAt: Timestamp
  /// When it ended; `nil` while pending.
  var finishedAt: Timestamp?
  /// Who runs it (a process id and host), shown for a lock.
  var holder: String?
  /// The last step it reached.
  var step: RecordedStep?
  /// Why it failed or was cleared.
  var reason: String?
  /// The snapshot whose menu it publishes (a rollback's target).
  var targetSnapshotID: Int64?
  /// The live menu snapshotted first: the safety net.
  var beforeSnapshotID: Int64?
  /// The menu read back afterwards.
  var afterSnapshotID: Int64?

  init(_ operation: VaultOperation) {
    id = operation.id
    account = operation.account
    kind = operation.kind
    status = operation.status
    startedAt = operation.startedAt
    finishedAt = operation.finishedAt
    holder = operation.holder
    step = operation.step
    reason = operation.reason
    targetSnapshotID = operation.targetSnapshotID
    beforeSnapshotID = operation.beforeSnapshotID
    afterSnapshotID = operation.afterSnapshotID
    lockLine = operation.pendingDescription
  }

  /// `rollback 3 deployed`, `publish 2 failed at create: reason`, `delete 4 pending`.
  var line: String { "\(kind) \(id) \(outcome)" }

  /// `deployed`, `failed at create: reason`, `pending`.
  var outcome: String {
    var text = status.rawValue
    if status == .failed {
      if let step { text += " at \(step)" }
      if let reason { text += ": \(reason)" }
    }
    return text
  }

  /// `rollback operation 5 started 2026-... by pid 1 on host is still pending`.
  let lockLine: String

  enum CodingKeys: String, CodingKey {
    case id, account, kind, status, holder, step, reason
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case targetSnapshotID = "target_snapshot"
    case beforeSnapshotID = "before_snapshot"
    case afterSnapshotID = "after_snapshot"
  }

  /// Encodes every key, `null` where there is no value, times as ISO-8601 UTC.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(id, forKey: .id)
    try container.encode(account, forKey: .account)
    try container.encode(kind, forKey: .kind)
    try container.encode(status, forKey: .status)
    try container.encode(startedAt.iso8601, forKey: .startedAt)
    try container.encode(finishedAt?.iso8601, forKey: .finishedAt)
    try container.encode(holder, forKey: .holder)
    try container.encode(step?.description, forKey: .step)
    try container.encode(reason, forKey: .reason)
    try container.encode(targetSnapshotID, forKey: .targetSnapshotID)
    try container.encode(beforeSnapshotID, forKey: .beforeSnapshotID)
    try container.encode(afterSnapshotID, forKey: .afterSnapshotID)
  }
}

/// A moment as a page shows it: a `<time>` element with the ISO-8601 UTC value (a tiny script
/// adds the viewer's local time beside it) and the UTC text.
struct TimeView: Sendable, Equatable {
  /// `2026-11-21T08:30:00.123Z`.
  var iso: String
  /// `2026-11-21 08:30:00 UTC`.
  var text: String

  init(_ timestamp: Timestamp) {
    self.init(iso: timestamp.iso8601)
  }

  init(iso: String) {
    self.iso = iso
    let seconds = iso.prefix(19)
    text = seconds.count == 19 ? seconds.replacingOccurrences(of: "T", with: " ") + " UTC" : iso
  }
}

/// An operation as the templates read it: every value stored (mustache reads stored properties
/// only).
struct OperationView: Sendable {
  var id: Int64
  var kind: String
  var status: String
  var holder: String?
  var step: String?
  var reason: String?
  var beforeSnapshotID: Int64?
  var afterSnapshotID: Int64?
  /// `rollback 3 deployed`, `publish 2 failed at create: reason`.
  var line: String
  /// `rollback operation 5 started ... by ... is still pending`.
  var lockLine: String
  var started: TimeView

  init(_ operation: OperationSummary) {
    id = operation.id
    kind = operation.kind.rawValue
    status = operation.status.rawValue
    holder = operation.holder
    step = operation.step?.description
    reason = operation.reason
    beforeSnapshotID = operation.beforeSnapshotID
    afterSnapshotID = operation.afterSnapshotID
    line = operation.line
    lockLine = operation.lockLine
    started = TimeView(operation.startedAt)
  }
}
