/// One step of a publish, rollback, delete or restore, as recorded on the operation row.
public enum OperationStep: Sendable, Equatable, CustomStringConvertible {
  /// Snapshotting the live menu under the lock (the safety net).
  case snapshotLive
  /// `menu/delconditional` of one live conditional menu.
  case deleteConditional(menuID: String)
  /// `menu/delete` (Weibo `delete.json`).
  case deleteMenu
  /// `menu/create` of the default menu (Weibo `create.json`).
  case createMenu
  /// `menu/addconditional` of conditional menu `number` of `count`.
  case addConditional(number: Int, count: Int)
  /// Recording the snapshot of what was sent.
  case recordSent
  /// Reading the menu back and comparing hashes.
  case readBack
  /// Restore: checking that the previous menu can be published as it is.
  case checkRestorable
  /// Restore: reading what is live after the failure.
  case readLive

  /// The step's name on the operation row: `snapshot-live`, `delconditional 208379533`,
  /// `delete`, `create`, `addconditional 1/2`, `record-sent`, `read-back`, `check`, `read-live`.
  public var description: String {
    switch self {
    case .snapshotLive: return "snapshot-live"
    case .deleteConditional(let menuID): return "delconditional \(menuID)"
    case .deleteMenu: return "delete"
    case .createMenu: return "create"
    case .addConditional(let number, let count): return "addconditional \(number)/\(count)"
    case .recordSent: return "record-sent"
    case .readBack: return "read-back"
    case .checkRestorable: return "check"
    case .readLive: return "read-live"
    }
  }

  /// Whether the platform may have changed when this step failed (a write was under way or done).
  package var followsAWrite: Bool {
    switch self {
    case .snapshotLive, .checkRestorable, .readLive: return false
    default: return true
    }
  }
}

extension OperationStep {
  /// Reads a step's name as ``description`` writes it; `nil` for any other text.
  public init?(name: String) {
    let fixed: [String: OperationStep] = [
      "snapshot-live": .snapshotLive, "delete": .deleteMenu, "create": .createMenu,
      "record-sent": .recordSent, "read-back": .readBack, "check": .checkRestorable,
      "read-live": .readLive,
    ]
    if let step = fixed[name] {
      self = step
    } else if name.hasPrefix("delconditional "), name.count > 15 {
      self = .deleteConditional(menuID: String(name.dropFirst(15)))
    } else if name.hasPrefix("addconditional ") {
      let parts = name.dropFirst(15).split(separator: "/")
      guard parts.count == 2, let number = Int(parts[0]), let count = Int(parts[1]) else {
        return nil
      }
      self = .addConditional(number: number, count: count)
    } else {
      return nil
    }
  }
}

/// The step an operation row records: a step of the operation itself, a step of putting the
/// previous menu back after it failed, or "already live" (nothing had to be sent).
public enum RecordedStep: Sendable, Equatable, CustomStringConvertible {
  /// A step of the operation.
  case step(OperationStep)
  /// A step of putting the previous menu back (`restore: create`).
  case restore(OperationStep)
  /// The menu was live already: nothing was sent.
  case alreadyLive
  /// A step name this version does not know (a vault written by another version), kept as is.
  case unrecognized(String)

  /// The text on the operation row: `create`, `restore: read-back`, `already-live`.
  public var description: String {
    switch self {
    case .step(let step): step.description
    case .restore(let step): "restore: \(step)"
    case .alreadyLive: "already-live"
    case .unrecognized(let text): text
    }
  }

  /// Reads the text on an operation row.
  public init(name: String) {
    if name == "already-live" {
      self = .alreadyLive
    } else if name.hasPrefix("restore: "), let step = OperationStep(name: String(name.dropFirst(9)))
    {
      self = .restore(step)
    } else if let step = OperationStep(name: name) {
      self = .step(step)
    } else {
      self = .unrecognized(name)
    }
  }
}
