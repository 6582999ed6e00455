import MenuVault

/// What an operation did with one snapshot of the timeline.
enum OperationRole: String, Sendable {
  /// The live menu it snapshotted first: its safety net.
  case safetyNet = "live before"
  /// The menu it sent.
  case sent = "sent by"
  /// A read of the live menu while it ran (a restore's).
  case readDuring = "read during"
  /// The menu it read back afterwards.
  case readBack = "read back by"
  /// The snapshot a rollback put back.
  case target = "target of"
}

/// One operation as a timeline row names it: `sent by rollback 3 (deployed)`.
struct SnapshotOperation: Sendable {
  /// What the operation did with the snapshot.
  var role: OperationRole
  /// `sent by rollback 3 (deployed)`, `live before publish 2 (failed at create: reason)`.
  var text: String
  /// `deployed`, `failed` or `pending`, for the row's style.
  var status: String

  init(role: OperationRole, operation: OperationSummary) {
    self.role = role
    text = "\(role.rawValue) \(operation.kind) \(operation.id) (\(operation.outcome))"
    status = operation.status.rawValue
  }

  /// The operations among `operations` that took, sent, read back or targeted the snapshot
  /// `id` (taken at `takenAt`, from `source`), matched by the operations' before, after and
  /// target snapshot ids and, for one without a read-back, by its times.
  static func matching(
    id: Int64, takenAt: Timestamp, source: SnapshotSource, in operations: [OperationSummary]
  ) -> [SnapshotOperation] {
    var found: [SnapshotOperation] = []
    for operation in operations {
      if let role = role(of: id, takenAt: takenAt, source: source, in: operation) {
        found.append(SnapshotOperation(role: role, operation: operation))
      }
      if operation.targetSnapshotID == id {
        found.append(SnapshotOperation(role: .target, operation: operation))
      }
    }
    return found
  }

  private static func role(
    of id: Int64, takenAt: Timestamp, source: SnapshotSource, in operation: OperationSummary
  ) -> OperationRole? {
    if operation.beforeSnapshotID == id { return .safetyNet }
    if operation.afterSnapshotID == id { return .readBack }
    // Anything else recorded under the operation's lock: after its safety net, while it ran.
    guard let before = operation.beforeSnapshotID, id > before,
      takenAt >= operation.startedAt, operation.finishedAt.map({ takenAt <= $0 }) ?? true
    else { return nil }
    // The rest of the read-back's pull (selfmenu, read with menu/get).
    if let after = operation.afterSnapshotID, id > after { return .readBack }
    return source == .create || source == .rollback ? .sent : .readDuring
  }
}
