import Foundation

/// Why a pull, publish, rollback or delete stopped. Every message says what to do next.
public enum WorkflowError: Error, LocalizedError, Equatable {
  /// The menu to publish breaks the platform's rules.
  case notPublishable(findings: [ValidationFinding])
  /// The menu holds lossy conversions and `--allow-lossy` was not given.
  case lossyRefused(notes: [FidelityNote])
  /// A conditional menu needs a default menu (WeChat 65303).
  case noDefaultMenu
  /// A live response could not be read as a menu.
  case unreadableLive(source: SnapshotSource, reason: String)
  /// The operation failed at `step` after the live menu was saved as `beforeSnapshotID`.
  case failed(operationID: Int64, step: String, reason: String, beforeSnapshotID: Int64?)
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
        + notes.map(\.path).joined(separator: ", ") + "); pass --allow-lossy to publish anyway"
    case .noDefaultMenu:
      return "conditional menus need a default menu (errcode 65303): add a \"button\" array"
    case .unreadableLive(let source, let reason):
      return "the live \(source.rawValue) response cannot be read: \(reason)"
    case .failed(let operationID, let step, let reason, let before):
      let safety =
        before.map {
          "; the previous menu is snapshot \($0): `menuvault rollback \($0)` restores it"
        } ?? "; nothing was changed on the platform"
      return "operation \(operationID) failed at step \(step): \(reason)\(safety)"
    case .invalidMediaMap(let reason):
      return "invalid media map: \(reason)"
    case .mediaMapPathUnused(let path):
      return "the media map names \(path), which holds no unpublishable button"
    }
  }
}
