import Foundation
import GRDB

extension VaultStore {
  /// Records a pending operation on an account: takes the account's lock (Helm's pending
  /// revision). Call before touching the remote side; finish it with
  /// ``finishOperation(id:status:reason:afterSnapshotID:at:)``.
  ///
  /// - Parameters:
  ///   - account: The account's name.
  ///   - kind: What the operation does.
  ///   - targetSnapshotID: The snapshot whose menu it publishes, when there is one (a rollback's).
  ///   - holder: Who runs it (e.g. `pid 4242 on host`), shown when another operation is refused.
  ///   - time: When it starts.
  /// - Throws: ``VaultStoreError/operationPending(_:)`` when the account already has a pending
  ///   operation, ``VaultStoreError/accountNotFound(name:)``,
  ///   ``VaultStoreError/snapshotNotFound(id:)`` for a target that does not exist.
  package func beginOperation(
    account: String, kind: VaultOperation.Kind, targetSnapshotID: Int64? = nil,
    holder: String? = nil, at time: Timestamp = .now()
  ) throws -> VaultOperation {
    try writer.write { db in
      let accountID = try Self.accountID(db, name: account)
      if let pending = try Self.fetchOperations(db, .pending(accountID: accountID)).first {
        throw VaultStoreError.operationPending(pending)
      }
      try Self.requireSnapshot(db, id: targetSnapshotID)
      try db.execute(
        literal: """
          INSERT INTO operation (account_id, kind, status, started_at, holder, target_snapshot_id)
          VALUES (\(accountID), \(kind), \(VaultOperation.Status.pending),
            \(time.millisecondsSince1970), \(holder), \(targetSnapshotID))
          """)
      return try Self.requireOperation(db, id: db.lastInsertedRowID)
    }
  }

  /// Notes the step a pending operation has reached and, once taken, the safety-net snapshot of
  /// the live menu, so an interrupted operation says where it stopped.
  ///
  /// - Throws: ``VaultStoreError/operationNotFound(id:)``,
  ///   ``VaultStoreError/operationFinished(id:status:)``, ``VaultStoreError/snapshotNotFound(id:)``.
  @discardableResult
  package func markOperationStep(
    id: Int64, step: RecordedStep, beforeSnapshotID: Int64? = nil
  ) throws -> VaultOperation {
    try writer.write { db in
      try Self.requirePending(db, id: id)
      try Self.requireSnapshot(db, id: beforeSnapshotID)
      try db.execute(
        literal: """
          UPDATE operation
          SET step = \(step), before_snapshot_id = coalesce(\(beforeSnapshotID), before_snapshot_id)
          WHERE id = \(id)
          """)
      return try Self.requireOperation(db, id: id)
    }
  }

  /// Finishes a pending operation as deployed or failed and releases the account's lock.
  ///
  /// - Parameters:
  ///   - id: The operation.
  ///   - status: `.deployed` or `.failed` (`.pending` is refused as already pending).
  ///   - reason: Why it failed; `nil` when deployed.
  ///   - afterSnapshotID: The snapshot of the menu read back afterwards, when there is one.
  ///   - time: When it ended.
  /// - Throws: ``VaultStoreError/operationNotFound(id:)``,
  ///   ``VaultStoreError/operationFinished(id:status:)``, ``VaultStoreError/snapshotNotFound(id:)``.
  @discardableResult
  package func finishOperation(
    id: Int64, status: VaultOperation.Status, reason: String? = nil,
    afterSnapshotID: Int64? = nil, at time: Timestamp = .now()
  ) throws -> VaultOperation {
    try writer.write { db in
      try Self.requirePending(db, id: id)
      guard status != .pending else {
        throw VaultStoreError.operationFinished(id: id, status: .pending)
      }
      try Self.requireSnapshot(db, id: afterSnapshotID)
      try db.execute(
        literal: """
          UPDATE operation SET status = \(status), reason = \(reason),
            finished_at = \(time.millisecondsSince1970),
            after_snapshot_id = coalesce(\(afterSnapshotID), after_snapshot_id)
          WHERE id = \(id)
          """)
      let operation = try Self.requireOperation(db, id: id)
      try Self.refreshAccountState(
        db, accountID: try Self.accountID(db, name: operation.account), pulledAt: nil)
      return operation
    }
  }

  /// Clears a lock left by a process that died: marks the account's pending operation failed
  /// with `reason`. Returns the cleared operation, or `nil` when nothing was pending.
  ///
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` or a `DatabaseError`.
  @discardableResult
  package func clearPendingOperation(
    account: String, reason: String = "cleared: the process that started it no longer runs",
    at time: Timestamp = .now()
  ) throws -> VaultOperation? {
    try writer.write { db in
      let accountID = try Self.accountID(db, name: account)
      guard let pending = try Self.fetchOperations(db, .pending(accountID: accountID)).first
      else { return nil }
      try db.execute(
        literal: """
          UPDATE operation SET status = \(VaultOperation.Status.failed), reason = \(reason),
            finished_at = \(time.millisecondsSince1970)
          WHERE id = \(pending.id)
          """)
      return try Self.requireOperation(db, id: pending.id)
    }
  }

  /// The account's pending operation (its lock), or `nil` when none is under way.
  package func pendingOperation(account: String) throws -> VaultOperation? {
    try writer.read { db in
      let accountID = try Self.accountID(db, name: account)
      return try Self.fetchOperations(db, .pending(accountID: accountID)).first
    }
  }

  /// The last finished operation that read a menu back: the menu this vault last put live (a
  /// deployed publish, rollback or delete, or a failed one whose restore put the previous menu
  /// back). `status` and the web overview compare the live menu with its read-back.
  package func lastReadBackOperation(account: String) throws -> VaultOperation? {
    try writer.read { db in
      let accountID = try Self.accountID(db, name: account)
      return try Self.fetchOperations(db, .lastReadBack(accountID: accountID)).first
    }
  }

  /// The account's operations, newest first.
  package func operations(account: String, limit: Int? = nil) throws -> [VaultOperation] {
    try writer.read { db in
      let accountID = try Self.accountID(db, name: account)
      return try Self.fetchOperations(db, .newestFirst(accountID: accountID, limit: limit ?? -1))
    }
  }

  /// The operation with this id, or `nil`.
  package func operation(id: Int64) throws -> VaultOperation? {
    try writer.read { db in
      try Self.fetchOperations(db, .id(id)).first
    }
  }

  // MARK: - Rows

  private static func requireSnapshot(_ db: Database, id: Int64?) throws {
    guard let id else { return }
    guard try Int.fetchOne(db, sql: "SELECT 1 FROM snapshot WHERE id = ?", arguments: [id]) != nil
    else { throw VaultStoreError.snapshotNotFound(id: id) }
  }

  private static func requirePending(_ db: Database, id: Int64) throws {
    let operation = try requireOperation(db, id: id)
    guard operation.status == .pending else {
      throw VaultStoreError.operationFinished(id: id, status: operation.status)
    }
  }

  private static func requireOperation(_ db: Database, id: Int64) throws -> VaultOperation {
    guard let operation = try fetchOperations(db, .id(id)).first else {
      throw VaultStoreError.operationNotFound(id: id)
    }
    return operation
  }

  /// The account's operations that took, sent, read back or targeted a snapshot of one page of
  /// its history (ids `snapshotIDs`, the earliest taken at `earliest`), newest first: those
  /// whose rollback target is in the range, and those that had taken their safety net by the
  /// page's last snapshot and had not finished before its first. Which snapshot an operation
  /// made is the caller's to tell, by the operation's snapshot ids and times.
  ///
  /// - Throws: ``VaultStoreError/accountNotFound(name:)`` or a `DatabaseError`.
  package func operations(
    account: String, snapshotIDs: ClosedRange<Int64>, takenSince earliest: Timestamp
  ) throws -> [VaultOperation] {
    try writer.read { db in
      let accountID = try Self.accountID(db, name: account)
      return try Self.fetchOperations(
        db,
        .touching(accountID: accountID, snapshotIDs: snapshotIDs, takenSince: earliest))
    }
  }

  /// Which operations a query reads: each case is one `WHERE` (and order) written here, so no
  /// SQL travels between functions.
  enum OperationQuery {
    /// The account's pending operation (its lock).
    case pending(accountID: Int64)
    /// The account's newest finished operation that read a menu back.
    case lastReadBack(accountID: Int64)
    /// The account's operations, newest first, at most `limit` (-1: all).
    case newestFirst(accountID: Int64, limit: Int)
    /// One operation.
    case id(Int64)
    /// These operations.
    case ids([Int64])
    /// See ``VaultStore/operations(account:snapshotIDs:takenSince:)``.
    case touching(accountID: Int64, snapshotIDs: ClosedRange<Int64>, takenSince: Timestamp)

    var condition: SQL {
      let pending = VaultOperation.Status.pending
      switch self {
      case .pending(let accountID):
        return "o.account_id = \(accountID) AND o.status = \(pending)"
      case .lastReadBack(let accountID):
        return """
          o.account_id = \(accountID) AND o.status <> \(pending) AND o.after_snapshot_id IS NOT NULL
          ORDER BY o.id DESC LIMIT 1
          """
      case .newestFirst(let accountID, let limit):
        return "o.account_id = \(accountID) ORDER BY o.id DESC LIMIT \(limit)"
      case .id(let id):
        return "o.id = \(id)"
      case .ids(let ids):
        return "o.id IN \(ids)"
      case .touching(let accountID, let ids, let earliest):
        return """
          o.account_id = \(accountID) AND (
            o.target_snapshot_id BETWEEN \(ids.lowerBound) AND \(ids.upperBound)
            OR (o.before_snapshot_id <= \(ids.upperBound)
              AND (o.finished_at IS NULL OR o.finished_at >= \(earliest.millisecondsSince1970))))
          ORDER BY o.id DESC
          """
      }
    }
  }

  /// The operations `query` selects, decoded by column name.
  static func fetchOperations(_ db: Database, _ query: OperationQuery) throws
    -> [VaultOperation]
  {
    let rows = try Row.fetchAll(
      db,
      SQLRequest<Row>(
        literal: """
          SELECT o.id, a.name AS account, o.kind, o.status, o.started_at, o.finished_at, o.holder,
            o.step, o.reason, o.target_snapshot_id, o.before_snapshot_id, o.after_snapshot_id
          FROM operation AS o JOIN account AS a ON a.id = o.account_id
          WHERE \(query.condition)
          """))
    return try rows.map { row in
      let id: Int64 = row["id"]
      guard let kind = row["kind"] as VaultOperation.Kind? else {
        throw VaultStoreError.corruptRow(table: "operation", id: id, column: "kind")
      }
      guard let status = row["status"] as VaultOperation.Status? else {
        throw VaultStoreError.corruptRow(table: "operation", id: id, column: "status")
      }
      let finishedAt: Int64? = row["finished_at"]
      return VaultOperation(
        id: id, account: row["account"], kind: kind, status: status,
        startedAt: Timestamp(millisecondsSince1970: row["started_at"]),
        finishedAt: finishedAt.map(Timestamp.init(millisecondsSince1970:)), holder: row["holder"],
        step: row["step"], reason: row["reason"], targetSnapshotID: row["target_snapshot_id"],
        beforeSnapshotID: row["before_snapshot_id"], afterSnapshotID: row["after_snapshot_id"])
    }
  }
}
