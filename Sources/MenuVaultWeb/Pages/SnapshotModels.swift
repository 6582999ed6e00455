import MenuVault

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
  /// The phone drawing, HTML already escaped.
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
  /// The phone drawing with this side's marks, HTML already escaped.
  var phone: String

  init(side: String, snapshot: SnapshotMenu, marks: PhoneMarks) {
    self.side = side
    id = snapshot.info.id
    source = snapshot.info.source.rawValue
    takenAt = TimeView(snapshot.info.takenAt)
    hashPrefix = String(snapshot.info.contentHash.prefix(12))
    phone = PhoneView.html(snapshot.menu, platform: snapshot.info.platform, marks: marks)
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

  init(_ comparison: SnapshotComparison) {
    account = comparison.to.info.account
    accountHref = Links.account(account)
    from = SideModel(side: "old", snapshot: comparison.from, marks: .old(comparison.diff))
    to = SideModel(side: "new", snapshot: comparison.to, marks: .new(comparison.diff))
    sides = [from, to]
    changes = comparison.diff.changes.map(ChangeLine.init)
    hasChanges = !changes.isEmpty
    notes = [comparison.from, comparison.to].flatMap { snapshot in
      snapshot.menu.menuSet.inactiveConditionalMenus.map { "note: #\(snapshot.info.id) \($0.line)" }
    }
  }
}
