import Foundation
import MenuVaultCore
import MenuVaultStore

/// Why a pull, publish, rollback or delete stopped. Messages say what happened and where; a
/// frontend adds how to act on it in its own terms (a command, a button).
public enum WorkflowError: Error, LocalizedError, Equatable {
  /// The menu to publish breaks the platform's rules.
  case notPublishable(findings: [ValidationFinding])
  /// The menu holds lossy conversions and lossy publishing was not allowed.
  case lossyRefused(notes: [FidelityNote])
  /// A conditional menu needs a default menu (WeChat 65303).
  case noDefaultMenu
  /// A live response could not be read as a menu.
  case unreadableLive(source: SnapshotSource, reason: String)
  /// A publish, rollback or delete failed after taking the account's lock: the step, the
  /// platform's error, the safety-net snapshot and whether it was put back.
  case failed(OperationFailure)
  /// The live menu is not the one the plan was made against: nothing was sent.
  case liveChangedSincePlan(plannedSnapshotID: Int64, liveSnapshotID: Int64)
  /// The plan a person confirmed earlier (on a page) no longer holds: the live menu, or the menu
  /// to send, changed since. Nothing was sent; the new plan is attached.
  case liveChangedSinceConfirmation(LiveChange)
  /// The menu read back after sending is not the menu sent.
  case readBackMismatch(expected: String, found: String)
  /// The account has no snapshot from `source` yet.
  case noSnapshot(account: String, source: SnapshotSource)
  /// The media map is not a JSON object of button path -> permanent media id.
  case invalidMediaMap(reason: String)
  /// The media map names a path that holds no unpublishable entry.
  case mediaMapPathUnused(path: String)

  /// One lowercase line.
  public var errorDescription: String? {
    switch self {
    case .notPublishable(let findings):
      return "not publishable: \(findings.count) finding(s): "
        + findings.map(\.line).joined(separator: "; ")
    case .lossyRefused(let notes):
      return "\(notes.count) button(s) would be published lossily ("
        + notes.map(\.path).joined(separator: ", ") + ") and lossy publishing was not allowed"
    case .noDefaultMenu:
      return "conditional menus need a default menu (errcode 65303): add a \"button\" array"
    case .unreadableLive(let source, let reason):
      return "the live \(source.rawValue) response cannot be read: \(reason)"
    case .failed(let failure):
      return failure.description
    case .liveChangedSincePlan(let planned, let live):
      return "the live menu changed after the plan was made (planned against snapshot "
        + "#\(planned), live is #\(live) now): nothing was sent"
    case .liveChangedSinceConfirmation(let change):
      return change.description
    case .readBackMismatch(let expected, let found):
      return "the menu read back hashes to \(found), not to the \(expected) that was sent: "
        + "the platform changed or ignored part of it"
    case .noSnapshot(let account, let source):
      return "account \(account) has no \(source.rawValue) snapshot yet: pull it first, or name a "
        + "snapshot"
    case .invalidMediaMap(let reason):
      return "invalid media map: \(reason)"
    case .mediaMapPathUnused(let path):
      return "the media map names \(path), which holds no unpublishable button"
    }
  }
}
