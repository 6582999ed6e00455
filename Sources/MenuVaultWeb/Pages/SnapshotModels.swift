import MenuVault
import Mustache

/// What the snapshot template reads.
struct SnapshotModel {
  var id: Int64
  var account: String
  var accountHref: String
  var platform: String
  var takenAt: TimeView
  var source: String
  var isChange: Bool
  var fidelity: String
  var hash: String
  var rawHash: String
  var rollbackOf: Int64?
  var menuIDs: String?
  var menuOpen: String?
  /// The phone drawing (``Pages/phone(_:)``).
  var phone: String
  var previousChange: Int64?
  var nextChange: Int64?
  var rollbackHref: String?

  init(
    snapshot: SnapshotMenu, phone: String, previousChange: Int64?, nextChange: Int64?,
    rollbackHref: String?
  ) {
    let info = snapshot.info
    id = info.id
    account = info.account
    accountHref = Links.account(info.account)
    platform = info.platform.rawValue
    takenAt = TimeView(info.takenAt)
    source = info.source.rawValue
    isChange = info.isChange
    fidelity = info.fidelity.rawValue
    hash = info.contentHash
    rawHash = info.rawHash
    rollbackOf = info.rollbackOf
    menuIDs = info.menuIDs.isEmpty ? nil : info.menuIDs.joined(separator: ", ")
    menuOpen = info.isMenuOpen.map { $0 ? "yes (is_menu_open 1)" : "no (is_menu_open 0)" }
    self.phone = phone
    self.previousChange = previousChange
    self.nextChange = nextChange
    self.rollbackHref = rollbackHref
  }
}

/// A snapshot at the head of one side of a comparison.
struct SideModel {
  var side: String
  var id: Int64
  var source: String
  var takenAt: TimeView
  var hashPrefix: String
  /// The phone drawing with this side's marks (``Pages/phone(_:)``).
  var phone: String

  init(side: String, snapshot: SnapshotMenu, marks: PhoneMarks, pages: Pages) {
    self.side = side
    id = snapshot.info.id
    source = snapshot.info.source.rawValue
    takenAt = TimeView(snapshot.info.takenAt)
    hashPrefix = String(snapshot.info.contentHash.prefix(12))
    phone = pages.phone(
      PhoneView(snapshot.menu, platform: snapshot.info.platform, marks: marks))
  }
}

/// One line of a diff as `menuvault diff` prints it, with its kind for the style.
struct ChangeLine {
  var kind: String
  var line: String

  init(_ change: MenuChange) {
    kind = change.kind.rawValue
    line = change.line
  }
}

/// What the compare template reads.
struct CompareModel {
  var account: String
  var accountHref: String
  var from: SideModel
  var to: SideModel
  var sides: [SideModel]
  var changes: [ChangeLine]
  var hasChanges: Bool
  /// `note: #12 conditionalmenu[1] (sex=1) is inactive: ...`, as `menuvault diff` adds them.
  var notes: [String]

  /// The comparison, its phones drawn by `pages`.
  init(_ comparison: SnapshotComparison, pages: Pages) {
    account = comparison.to.info.account
    accountHref = Links.account(account)
    from = SideModel(
      side: "old", snapshot: comparison.from, marks: .old(comparison.diff), pages: pages)
    to = SideModel(side: "new", snapshot: comparison.to, marks: .new(comparison.diff), pages: pages)
    sides = [from, to]
    changes = comparison.diff.changes.map(ChangeLine.init)
    hasChanges = !changes.isEmpty
    notes = [comparison.from, comparison.to].flatMap { snapshot in
      snapshot.menu.menuSet.inactiveConditionalMenus.map { "note: #\(snapshot.info.id) \($0.line)" }
    }
  }
}

// What the templates read, by name: lookups rather than mustache's reflection.

extension SnapshotModel: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "id": return id
    case "account": return account
    case "accountHref": return accountHref
    case "platform": return platform
    case "takenAt": return takenAt
    case "source": return source
    case "isChange": return isChange
    case "fidelity": return fidelity
    case "hash": return hash
    case "rawHash": return rawHash
    case "rollbackOf": return rollbackOf.section
    case "menuIDs": return menuIDs.section
    case "menuOpen": return menuOpen.section
    case "phone": return phone
    case "previousChange": return previousChange.section
    case "nextChange": return nextChange.section
    case "rollbackHref": return rollbackHref.section
    default: return nil
    }
  }
}

extension SideModel: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "side": return side
    case "id": return id
    case "source": return source
    case "takenAt": return takenAt
    case "hashPrefix": return hashPrefix
    case "phone": return phone
    default: return nil
    }
  }
}

extension ChangeLine: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "kind": return kind
    case "line": return line
    default: return nil
    }
  }
}

extension CompareModel: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "account": return account
    case "accountHref": return accountHref
    case "from": return from
    case "to": return to
    case "sides": return sides
    case "changes": return changes
    case "hasChanges": return hasChanges
    case "notes": return notes
    default: return nil
    }
  }
}
