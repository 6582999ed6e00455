import MenuVaultCore
import MenuVaultPlatform
import MenuVaultStore

/// What happened to the previous menu after an operation failed.
public enum RestoreOutcome: Sendable, Equatable {
  /// Nothing had been written yet, so there was nothing to put back.
  case notNeeded
  /// Putting the previous menu back was switched off by the request.
  case notAttempted
  /// The previous menu (snapshot `snapshotID`) is live again, read back as `readBackSnapshotID`.
  /// `steps` are the restore's own calls (empty when the failure had changed nothing); `dropped`
  /// are its conditional menus that match nobody today, which WeChat refuses to add again.
  case restored(
    snapshotID: Int64, readBackSnapshotID: Int64, steps: [OperationStep],
    dropped: [InactiveConditionalMenu])
  /// Putting the previous menu (snapshot `snapshotID`) back failed at `step`.
  case failed(snapshotID: Int64, step: OperationStep, reason: String, platformError: PlatformError?)
}

/// A publish, rollback or delete that failed after it took the account's lock.
public struct OperationFailure: Sendable, Equatable {
  /// The operation, recorded failed.
  public var operationID: Int64
  /// The step that failed.
  public var step: OperationStep
  /// Why, in one lowercase line.
  public var reason: String
  /// The platform's error, kept whole, when the platform refused or failed.
  public var platformError: PlatformError?
  /// The live menu snapshotted under the lock (the safety net); `nil` when the operation failed
  /// before it had one.
  public var beforeSnapshotID: Int64?
  /// Whether the previous menu was put back.
  public var restore: RestoreOutcome
  /// Whether the operation row could not be finished, so it still holds the account's lock.
  public var lockStillHeld: Bool

  /// One lowercase line: the step, the reason, and where the previous menu stands.
  public var description: String {
    "operation \(operationID) failed at step \(step): \(reason); \(previousMenu)"
  }

  /// Where the previous menu stands, in the library's words, the one place a failure's outcome
  /// is put into words (frontends add their hint after it): `nothing was changed on the
  /// platform`, `the previous menu (snapshot #12) was put back (create) and read back as #15`,
  /// ..., and whether the operation still holds the lock.
  public var previousMenu: String {
    var text: String
    switch (beforeSnapshotID, restore) {
    case (nil, _), (_, .notNeeded):
      text = "nothing was changed on the platform"
    case (let before?, .notAttempted):
      text = "the previous menu is snapshot #\(before) (it was not put back)"
    case (_, .restored(let id, let readBack, let steps, let dropped)):
      if steps.isEmpty {
        text = "the previous menu (snapshot #\(id)) was still live"
      } else {
        text =
          "the previous menu (snapshot #\(id)) was put back ("
          + steps.map(\.description).joined(separator: ", ") + ") and read back as #\(readBack)"
      }
      if !dropped.isEmpty {
        text +=
          ", without " + dropped.map { "\($0.path) (\($0.rule))" }.joined(separator: " and ")
          + ", which matched nobody and WeChat refuses to add again"
      }
    case (_, .failed(let id, let restoreStep, let restoreReason, _)):
      text =
        "putting the previous menu (snapshot #\(id)) back failed too, at step "
        + "restore: \(restoreStep): \(restoreReason)"
    }
    if lockStillHeld { text += "; the operation could not be closed and still holds the lock" }
    return text
  }

  /// The text recorded as the operation row's reason.
  var recordedReason: String {
    var text = "\(step): \(reason)"
    switch restore {
    case .notNeeded, .notAttempted: break
    case .restored(let id, _, let steps, let dropped):
      text +=
        "; restored #\(id)"
        + (steps.isEmpty
          ? " (it was still live)" : " (\(steps.map(\.description).joined(separator: ", ")))")
      if !dropped.isEmpty {
        text += " without " + dropped.map(\.path).joined(separator: ", ") + " (inactive)"
      }
    case .failed(let id, let restoreStep, let restoreReason, _):
      text += "; restoring #\(id) failed at restore: \(restoreStep): \(restoreReason)"
    }
    return text
  }
}
