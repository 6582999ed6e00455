import MenuVault

/// What to highlight on one side of a comparison: button and conditional-menu paths (as
/// ``MenuChange/path`` and ``MenuChange/oldPath`` spell them, `button[1].sub_button[0]`,
/// `conditionalmenu[0].button[2]`, `conditionalmenu[1]`) marked added, removed, moved or changed.
///
/// ``MenuDiff`` spells every path in the new set, except a removed conditional menu; the old
/// side (``old(_:)``) translates them back, so each mark lands on the button as the old menu
/// holds it.
struct PhoneMarks: Sendable, Equatable {
  /// Which side of a comparison the marks are for.
  enum Side: String, Sendable, Equatable {
    /// The older menu: removed, changed and moved-from buttons.
    case old
    /// The newer menu: added, changed and moved-to buttons.
    case new
  }

  /// The side these marks are for; `nil` when the phone is not part of a comparison.
  private(set) var side: Side?
  private var kindsByPath: [String: Set<MenuChange.Kind>] = [:]
  private var fieldsByPath: [String: Set<String>] = [:]
  private var counterpartByPath: [String: String] = [:]

  /// No marks: a phone outside a comparison.
  init() {}

  /// The marks for the old menu of `diff`: removed buttons and menus, changed buttons (with
  /// their changed fields) and the places moved buttons and menus left.
  static func old(_ diff: MenuDiff) -> PhoneMarks {
    var marks = PhoneMarks()
    marks.side = .old
    let paths = OldPaths(diff)
    for change in diff.changes {
      switch change.kind {
      case .added:
        continue
      case .removed:
        marks.add(.removed, at: paths.old(ofRemoved: change.path))
      case .changed:
        let path = paths.old(ofNew: change.path)
        marks.add(.changed, at: path)
        if let field = change.field { marks.fieldsByPath[path, default: []].insert(field) }
      case .moved:
        let from = paths.oldPrefix(change.oldPath ?? change.path)
        marks.add(.moved, at: from)
        marks.counterpartByPath[from] = change.path
      }
    }
    return marks
  }

  /// The marks for the new menu of `diff`: added buttons and menus, changed buttons (with their
  /// changed fields) and the places moved buttons and menus went.
  static func new(_ diff: MenuDiff) -> PhoneMarks {
    var marks = PhoneMarks()
    marks.side = .new
    let paths = OldPaths(diff)
    for change in diff.changes {
      switch change.kind {
      case .removed:
        continue
      case .added:
        marks.add(.added, at: change.path)
      case .changed:
        marks.add(.changed, at: change.path)
        if let field = change.field { marks.fieldsByPath[change.path, default: []].insert(field) }
      case .moved:
        marks.add(.moved, at: change.path)
        if let oldPath = change.oldPath {
          marks.counterpartByPath[change.path] = paths.oldPrefix(oldPath)
        }
      }
    }
    return marks
  }

  /// Whether nothing is marked.
  var isEmpty: Bool { kindsByPath.isEmpty }

  /// The marks on `path`, in the order added, removed, moved, changed.
  func kinds(at path: String) -> [MenuChange.Kind] {
    guard let kinds = kindsByPath[path] else { return [] }
    return PhoneMarks.kindOrder.filter(kinds.contains)
  }

  /// The fields (`name`, `type`, `url`, ...) of the button at `path` that changed.
  func changedFields(at path: String) -> Set<String> {
    fieldsByPath[path] ?? []
  }

  /// For a moved button or menu: where it went (old side) or where it came from (new side).
  func counterpart(of path: String) -> String? {
    counterpartByPath[path]
  }

  /// Whether any path under `prefix` (`conditionalmenu[0].`, or `button[` for the default menu)
  /// is marked.
  func hasMarks(under prefix: String) -> Bool {
    kindsByPath.keys.contains { $0.hasPrefix(prefix) }
  }

  private static let kindOrder: [MenuChange.Kind] = [.added, .removed, .moved, .changed]

  private mutating func add(_ kind: MenuChange.Kind, at path: String) {
    kindsByPath[path, default: []].insert(kind)
  }
}

/// Translates the new-set paths a ``MenuDiff`` reports into the paths of the old set.
///
/// Inside a conditional menu matched at another index, the diff spells button paths (even a
/// moved button's `oldPath` and a removed button's `path`) with the new menu's index; and a
/// changed button that also moved is reported at its new path.
private struct OldPaths {
  /// The old index of each conditional menu that moved, by its new index.
  private var oldMenuIndex: [Int: Int] = [:]
  /// The old path (still with the new menu prefix) of each moved button, by its new path.
  private var oldButtonPath: [String: String] = [:]

  init(_ diff: MenuDiff) {
    for change in diff.changes where change.kind == .moved {
      guard let oldPath = change.oldPath else { continue }
      if let newIndex = OldPaths.menuIndex(change.path), let oldIndex = OldPaths.menuIndex(oldPath)
      {
        oldMenuIndex[newIndex] = oldIndex
      } else {
        oldButtonPath[change.path] = oldPath
      }
    }
  }

  /// The old path of the button a change reports at `path` in the new set.
  func old(ofNew path: String) -> String {
    oldPrefix(oldButtonPath[path] ?? path)
  }

  /// The old path of a removed button or menu (a removed conditional menu is already spelled
  /// with its old index).
  func old(ofRemoved path: String) -> String {
    oldPrefix(path)
  }

  /// `path` with a moved conditional menu's new prefix (`conditionalmenu[1].`) replaced by its
  /// old one; any other path as it is.
  func oldPrefix(_ path: String) -> String {
    let prefix = "conditionalmenu["
    guard path.hasPrefix(prefix), let close = path.firstIndex(of: "]"),
      path[path.index(after: close)...].hasPrefix("."),
      let newIndex = Int(path[path.index(path.startIndex, offsetBy: prefix.count)..<close]),
      let oldIndex = oldMenuIndex[newIndex]
    else { return path }
    return "conditionalmenu[\(oldIndex)]" + path[path.index(after: close)...]
  }

  /// The index of a whole conditional menu's path (`conditionalmenu[2]`), or `nil`.
  private static func menuIndex(_ path: String) -> Int? {
    let prefix = "conditionalmenu["
    guard path.hasPrefix(prefix), path.hasSuffix("]") else { return nil }
    return Int(path.dropFirst(prefix.count).dropLast())
  }
}
