/// What a publish, rollback or delete is doing, reported as it goes, so a frontend lists every
/// step the library takes (a terminal prints a line each, a page lists them) in the library's
/// words.
public enum OperationProgress: Sendable, Equatable, CustomStringConvertible {
  /// The live menu was saved as snapshot `snapshotID` under the lock: the safety net.
  case safetyNetSaved(snapshotID: Int64)
  /// A step that calls the platform begins; `restoring` when it is a step of putting the
  /// previous menu back.
  case started(OperationStep, restoring: Bool)
  /// Conditional menu `number` of `count` was added and got `menuID`.
  case conditionalMenuAdded(number: Int, count: Int, menuID: String, restoring: Bool)
  /// Putting the previous menu (snapshot `snapshotID`) back begins.
  case restoreStarted(snapshotID: Int64)

  /// One lowercase line: `creating the default menu`, `restore: reading the menu back`, ...
  public var description: String {
    switch self {
    case .safetyNetSaved(let id):
      return "saving the live menu as snapshot #\(id) (the safety net)"
    case .started(let step, let restoring):
      return (restoring ? "restore: " : "") + step.activity
    case .conditionalMenuAdded(let number, _, let menuID, let restoring):
      return (restoring ? "restore: " : "") + "conditional menu \(number) has menuid \(menuID)"
    case .restoreStarted(let id):
      return "putting the previous menu (snapshot #\(id)) back"
    }
  }
}

extension OperationStep {
  /// What the step does, for a progress line.
  var activity: String {
    switch self {
    case .snapshotLive: return "saving the live menu (the safety net)"
    case .deleteConditional(let menuID): return "deleting conditional menu \(menuID)"
    case .deleteMenu: return "deleting the menu (the default menu and every conditional menu)"
    case .createMenu: return "creating the default menu"
    case .addConditional(let number, let count):
      return "adding conditional menu \(number) of \(count)"
    case .recordSent: return "recording what was sent"
    case .readBack: return "reading the menu back"
    case .checkRestorable: return "checking that the previous menu can be published"
    case .readLive: return "reading what is live now"
    }
  }
}
