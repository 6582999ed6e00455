import Foundation
import MenuVaultCore
import MenuVaultStore

/// Why a pull, publish, rollback or delete stopped. Messages say what happened and where; a
/// frontend adds how to act on it in its own terms (a command, a button).
public enum WorkflowError: Error, LocalizedError, Equatable {
  /// The menu to publish breaks the platform's rules.
  case notPublishable(findings: [ValidationFinding])
  /// The menu holds lossy conversions and `--allow-lossy` was not given.
  case lossyRefused(notes: [FidelityNote])
  /// A conditional menu needs a default menu (WeChat 65303).
  case noDefaultMenu
  /// A live response could not be read as a menu.
  case unreadableLive(source: SnapshotSource, reason: String)
  /// The operation failed at `step`; `beforeSnapshotID` is the live menu it saved first (`nil`
  /// when it failed before changing anything), and `restore` says whether that menu was put back.
  case failed(
    operationID: Int64, step: String, reason: String, beforeSnapshotID: Int64?,
    restore: RestoreOutcome)
  /// The live menu is not the one the plan was made against: nothing was sent.
  case liveChangedSincePlan(plannedSnapshotID: Int64, liveSnapshotID: Int64)
  /// The menu read back after sending is not the menu sent.
  case readBackMismatch(expected: String, found: String)
  /// A snapshot's menu cannot be put back without a person's decision.
  case notRestorable(snapshotID: Int64, reasons: [String])
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
    case .failed(let operationID, let step, let reason, let before, let restore):
      var text = "operation \(operationID) failed at step \(step): \(reason)"
      switch (before, restore) {
      case (nil, _), (_, .notNeeded):
        text += "; nothing was changed on the platform"
      case (let before?, .notAttempted):
        text += "; the previous menu is snapshot #\(before) (it was not put back)"
      case (_, .restored(let id, let readBack, let steps)):
        text +=
          steps.isEmpty
          ? "; the previous menu (snapshot #\(id)) was still live"
          : "; the previous menu (snapshot #\(id)) was put back and read back as #\(readBack)"
      case (_, .failed(let id, let restoreStep, let restoreReason)):
        text +=
          "; putting the previous menu (snapshot #\(id)) back failed too, at step "
          + "\(restoreStep): \(restoreReason)"
      }
      return text
    case .liveChangedSincePlan(let planned, let live):
      return "the live menu changed after the plan was made (planned against snapshot "
        + "#\(planned), live is #\(live) now): nothing was sent"
    case .readBackMismatch(let expected, let found):
      return "the menu read back hashes to \(found), not to the \(expected) that was sent"
    case .notRestorable(let id, let reasons):
      return "snapshot #\(id) cannot be published again as it is: "
        + reasons.joined(separator: "; ")
    case .invalidMediaMap(let reason):
      return "invalid media map: \(reason)"
    case .mediaMapPathUnused(let path):
      return "the media map names \(path), which holds no unpublishable button"
    }
  }
}
