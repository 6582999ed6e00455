import MenuVault
import Mustache

/// A menu set as the phone shows it: what the phone templates (`phone.mustache` and the
/// `phone-*` partials) read to draw it as an HTML fragment.
///
/// One fragment is one `<div class="phone">` holding every menu of the set: the default menu and
/// each conditional menu, as pure-CSS tabs (a radio input inside each tab's label; the stylesheet
/// shows the checked tab's panel with `:has()`, and a browser without `:has()` shows every panel
/// one after another, each under its own title). Each panel holds a phone frame with WeChat's
/// chat bar (or Weibo's), every sub-menu drawn open above its button, and below the frame the
/// fidelity notes of that menu.
///
/// The fragment needs no script, no inline style and no resource from elsewhere: the icons are
/// inline SVG, and ``css`` is the whole stylesheet. It holds no `id` attributes, so any number of
/// phones can share a page. Keep it out of a `<form>`: its tab radios would be submitted with it.
///
/// What is decided here: which name the button shows (``MenuNameCut``), the marks of a comparison
/// (``PhoneMarks``), the badges and notes of the fidelity; the markup is the templates'. A page
/// draws it with ``Pages/phone(_:)``, which keeps each phone once drawn (it is the key).
struct PhoneView: Hashable, Sendable {
  /// `wechat` or `weibo`: the chat bar drawn.
  var platform: String
  /// Whether the set has conditional menus, drawn as tabs.
  var tabbed: Bool
  /// The default menu, then each conditional menu.
  var menus: [Menu]

  /// The phone for `menu`.
  /// - Parameters:
  ///   - platform: WeChat's chat bar with the keyboard toggle, or Weibo's fan-service bar.
  ///   - marks: what to highlight when the phone is one side of a comparison.
  init(_ menu: NormalizedMenu, platform: Platform, marks: PhoneMarks = PhoneMarks()) {
    let set = menu.menuSet
    let entries = set.menusWithPaths
    let context = Context(menu: menu, platform: platform, marks: marks)
    self.platform = platform.rawValue
    tabbed = entries.count > 1
    menus = entries.enumerated().map { index, entry in
      Menu(entry.menu, index: index, prefix: entry.prefix, tabbed: entries.count > 1, context)
    }
  }

  /// What every menu and button of one phone reads besides itself.
  fileprivate struct Context {
    let platform: Platform
    let marks: PhoneMarks
    let notes: [FidelityNote]
    let notesByPath: [String: FidelityNote]
    let inactiveByIndex: [Int: InactiveConditionalMenu]
    /// The name of this phone's tab radios: unique per menu and side, so two phones on one page
    /// (a comparison) keep their tabs apart.
    let tabGroup: String

    init(menu: NormalizedMenu, platform: Platform, marks: PhoneMarks) {
      self.platform = platform
      self.marks = marks
      notes = menu.notes
      notesByPath = Dictionary(menu.notes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
      inactiveByIndex = Dictionary(
        menu.menuSet.inactiveConditionalMenus.map { ($0.index, $0) },
        uniquingKeysWith: { a, _ in a })
      tabGroup =
        "phone-" + (marks.side.map { "\($0.rawValue)-" } ?? "") + menu.contentHash.prefix(16)
    }

    /// The fidelity to badge a button with: its note's, or unpublishable for a marked entry
    /// that has no note; `nil` for an exact button.
    func badgeFidelity(of button: MenuVault.Button, at path: String) -> Fidelity? {
      if let note = notesByPath[path], note.fidelity != .exact { return note.fidelity }
      return button.isUnpublishable ? .unpublishable : nil
    }
  }
}

// MARK: - Menus

extension PhoneView {
  /// One menu of the set: its tab, its panel's titles and notes, its bar's buttons.
  struct Menu: Hashable, Sendable {
    /// `phone-menu`, then `mark-added`... and `phone-menu-inactive`.
    var classes: String
    /// `default` or `conditionalmenu[N]`: the section's `data-menu` and the tab's value.
    var name: String
    /// The match rule, `sex=1 client_platform_type=2`; `nil` for the default menu.
    var rule: String?
    /// For a conditional menu that matches nobody today: the retired fields it matches on.
    var inactive: Inactive?
    /// What a comparison found on the whole menu.
    var marks: Marks
    /// The tab that shows this menu, when the set has conditional menus.
    var tab: Tab?
    /// `default menu`, the match rule, or `no match rule`.
    var title: String
    /// Whether it is a conditional menu (its panel title says so).
    var conditional: Bool
    /// One line per mark on the whole menu (added, removed, moved, changed).
    var menuChanges: [MenuChange]
    /// Whether the bar is WeChat's (with the keyboard toggle) rather than Weibo's.
    var wechat: Bool
    /// `wechat` or `weibo`.
    var platform: String
    /// The top-level buttons.
    var buttons: [Button]
    /// How many there are: `data-buttons`.
    var buttonCount: Int
    /// The fidelity notes of this menu's buttons, in document order.
    var notes: [Note]

    fileprivate init(
      _ menu: MenuVault.Menu, index: Int, prefix: String, tabbed: Bool, _ context: Context
    ) {
      let conditionalIndex = index == 0 ? nil : index - 1
      let menuPath = conditionalIndex.map { "conditionalmenu[\($0)]" }
      let kinds = menuPath.map(context.marks.kinds(at:)) ?? []
      let inactive = conditionalIndex.flatMap { context.inactiveByIndex[$0] }
      var classes = "phone-menu"
      for kind in kinds { classes += " mark-\(kind.rawValue)" }
      if inactive != nil { classes += " phone-menu-inactive" }
      self.classes = classes
      name = menuPath ?? "default"
      rule = menu.matchRule?.summary
      self.inactive = inactive.map(Inactive.init)
      marks = Marks(kinds, at: menuPath, context.marks)
      if conditionalIndex == nil {
        title = "default menu"
      } else if let rule = menu.matchRule, !rule.isEmpty {
        title = rule.summary
      } else {
        title = "no match rule"
      }
      conditional = conditionalIndex != nil
      if tabbed {
        let buttonPrefix = prefix.isEmpty ? "button[" : prefix
        let marked = !kinds.isEmpty || context.marks.hasMarks(under: buttonPrefix)
        tab = Tab(
          classes: "phone-tab" + (marked ? " phone-tab-marked" : "")
            + (inactive != nil ? " phone-tab-inactive" : ""),
          group: context.tabGroup, checked: index == 0)
      }
      menuChanges =
        menuPath.map { path in
          kinds.map { MenuChange($0, counterpart: context.marks.counterpart(of: path), context) }
        } ?? []
      wechat = context.platform == .wechat
      platform = context.platform.rawValue
      buttons = menu.buttons.enumerated().map { index, button in
        Button(button, path: "\(prefix)button[\(index)]", topLevel: true, context)
      }
      buttonCount = buttons.count
      notes = context.notes.filter { note in
        note.fidelity != .exact
          && (prefix.isEmpty ? note.path.hasPrefix("button[") : note.path.hasPrefix(prefix))
      }
      .map(Note.init)
    }
  }

  /// A conditional menu that matches nobody since WeChat retired the fields it matches on.
  struct Inactive: Hashable, Sendable {
    /// `sex client_platform_type`, for `data-inactive`.
    var fields: String
    /// `sex or client_platform_type`, for the note.
    var alternatives: String

    init(_ inactive: InactiveConditionalMenu) {
      fields = inactive.fields.joined(separator: " ")
      alternatives = inactive.fields.joined(separator: " or ")
    }
  }

  /// The tab of one menu, when the set has conditional menus.
  struct Tab: Hashable, Sendable {
    /// `phone-tab`, then `phone-tab-marked` (a mark inside) and `phone-tab-inactive`.
    var classes: String
    /// The radio group of this phone's tabs.
    var group: String
    /// Whether this tab is the one shown first (the default menu's).
    var checked: Bool
  }

  /// One mark a comparison put on a whole conditional menu.
  struct MenuChange: Hashable, Sendable {
    /// `added`, `removed`, `moved` or `changed`.
    var kind: String
    var added: Bool
    var removed: Bool
    var changed: Bool
    var moved: Bool
    /// Where a moved menu went (old side of a comparison).
    var to: String?
    /// Where a moved menu came from (new side).
    var from: String?

    fileprivate init(_ kind: MenuVault.MenuChange.Kind, counterpart: String?, _ context: Context) {
      self.kind = kind.rawValue
      added = kind == .added
      removed = kind == .removed
      changed = kind == .changed
      moved = kind == .moved
      if moved, let counterpart {
        if context.marks.side == .old { to = counterpart } else { from = counterpart }
      }
    }
  }

  /// `data-mark` (the marks, space-separated) and, for a moved menu or button, where it went
  /// (`data-moved-to`, old side) or came from (`data-moved-from`, new side).
  struct Marks: Hashable, Sendable {
    var mark: String?
    var movedTo: String?
    var movedFrom: String?

    init(_ kinds: [MenuVault.MenuChange.Kind], at path: String?, _ marks: PhoneMarks) {
      guard let path, !kinds.isEmpty else { return }
      mark = kinds.map(\.rawValue).joined(separator: " ")
      if kinds.contains(.moved), let counterpart = marks.counterpart(of: path) {
        if marks.side == .old { movedTo = counterpart } else { movedFrom = counterpart }
      }
    }
  }
}

// MARK: - Buttons

extension PhoneView {
  /// A button: a top-level one in the bar (with its sub-menu) or an entry of a sub-menu.
  struct Button: Hashable, Sendable {
    /// `phone-button` or `phone-sub-button`, then `phone-parent`, the marks and the fidelity.
    var classes: String
    /// `button[1].sub_button[0]`: `data-path`.
    var path: String
    /// The whole name, or empty: `data-name`.
    var dataName: String
    /// The type of a button that is not a parent: `data-type`.
    var dataType: String?
    /// The fidelity badged, when not exact: `data-fidelity`.
    var fidelity: String?
    /// What a comparison found on it.
    var marks: Marks
    /// Whether it opens a sub-menu.
    var isParent: Bool
    /// The sub-menu's buttons.
    var subButtons: [Button]
    /// `phone-name`, with `field-changed` and `phone-name-missing`.
    var nameClasses: String
    /// The whole name, shown on hover.
    var fullName: String?
    /// The name as the phone shows it (cut to the button's width on WeChat).
    var shownName: String?
    /// `phone-type`, with `field-changed`.
    var typeClasses: String
    /// The type, or `no type`.
    var typeText: String
    /// The type's fields (`key`, `url`...) that the button holds.
    var fields: [Field]
    /// The fidelity badge with its note.
    var badge: Badge?

    fileprivate init(_ button: MenuVault.Button, path: String, topLevel: Bool, _ context: Context) {
      let kinds = context.marks.kinds(at: path)
      let changed = context.marks.changedFields(at: path)
      let fidelity = context.badgeFidelity(of: button, at: path)
      var classes = topLevel ? "phone-button" : "phone-sub-button"
      if button.isParent { classes += " phone-parent" }
      for kind in kinds { classes += " mark-\(kind.rawValue)" }
      if let fidelity { classes += " fidelity-\(fidelity.rawValue)" }
      self.classes = classes
      self.path = path
      dataName = button.name ?? ""
      dataType = button.isParent ? nil : button.type
      self.fidelity = fidelity?.rawValue
      marks = Marks(kinds, at: path, context.marks)
      isParent = button.isParent
      subButtons =
        topLevel && button.isParent
        ? button.subButtons.enumerated().map { index, child in
          Button(child, path: "\(path).sub_button[\(index)]", topLevel: false, context)
        } : []
      nameClasses =
        "phone-name" + (changed.contains("name") ? " field-changed" : "")
        + (button.name == nil ? " phone-name-missing" : "")
      fullName = button.name
      let width = topLevel ? MenuNameCut.topLevelWidth : MenuNameCut.subButtonWidth
      shownName = button.name.map {
        context.platform == .wechat ? MenuNameCut.cut($0, maxWidth: width) : $0
      }
      typeClasses = "phone-type" + (changed.contains("type") ? " field-changed" : "")
      typeText = button.type ?? "no type"
      fields = ButtonField.allCases.compactMap { field in
        button[field].map {
          Field(name: field.rawValue, value: $0, changed: changed.contains(field.rawValue))
        }
      }
      badge = fidelity.map {
        Badge(fidelity: $0.rawValue, title: context.notesByPath[path]?.detail)
      }
    }
  }

  /// One field of a button's type (`url`, `key`, `appid`...), as the small print lists it.
  struct Field: Hashable, Sendable {
    var name: String
    var value: String
    /// Whether a comparison found it changed.
    var changed: Bool
  }

  /// A button's fidelity badge.
  struct Badge: Hashable, Sendable {
    /// `converted`, `lossy` or `unpublishable`.
    var fidelity: String
    /// The note that explains it, on hover.
    var title: String?
  }

  /// A fidelity note under the phone.
  struct Note: Hashable, Sendable {
    var fidelity: String
    var path: String
    var name: String?
    var sourceType: String
    var detail: String

    init(_ note: FidelityNote) {
      fidelity = note.fidelity.rawValue
      path = note.path
      name = note.name
      sourceType = note.sourceType
      detail = note.detail
    }
  }
}

// MARK: - Lookups

// What the templates read, by name: lookups rather than mustache's reflection. A value that is
// absent answers `false` (`Optional.section`), so `{{#rule}}` on the default menu stops there
// instead of climbing the context stack to an enclosing object with a value by the same name.

extension PhoneView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "platform": return platform
    case "tabbed": return tabbed
    case "menus": return menus
    default: return nil
    }
  }
}

extension PhoneView.Menu: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "classes": return classes
    case "name": return self.name
    case "rule": return rule.section
    case "inactive": return inactive.section
    case "tab": return tab.section
    case "title": return title
    case "conditional": return conditional
    case "menuChanges": return menuChanges
    case "wechat": return wechat
    case "platform": return platform
    case "buttonCount": return buttonCount
    case "buttons": return buttons
    case "hasNotes": return !notes.isEmpty
    case "notes": return notes
    default: return marks.child(named: name)
    }
  }
}

extension PhoneView.Inactive: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "fields": return fields
    case "alternatives": return alternatives
    default: return nil
    }
  }
}

extension PhoneView.Tab: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "classes": return classes
    case "group": return group
    case "checked": return checked
    default: return nil
    }
  }
}

extension PhoneView.MenuChange: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "kind": return kind
    case "added": return added
    case "removed": return removed
    case "changed": return changed
    case "moved": return moved
    case "to": return to.section
    case "from": return from.section
    default: return nil
    }
  }
}

extension PhoneView.Marks: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "mark": return mark.section
    case "movedTo": return movedTo.section
    case "movedFrom": return movedFrom.section
    default: return nil
    }
  }
}

extension PhoneView.Button: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "classes": return classes
    case "path": return path
    case "dataName": return dataName
    case "dataType": return dataType.section
    case "fidelity": return fidelity.section
    case "isParent": return isParent
    case "subButtons": return subButtons
    case "nameClasses": return nameClasses
    case "fullName": return fullName.section
    case "shownName": return shownName.section
    case "typeClasses": return typeClasses
    case "typeText": return typeText
    case "hasFields": return !fields.isEmpty
    case "fields": return fields
    case "badge": return badge.section
    default: return marks.child(named: name)
    }
  }
}

extension PhoneView.Field: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "name": return self.name
    case "value": return value
    case "changed": return changed
    default: return nil
    }
  }
}

extension PhoneView.Badge: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "fidelity": return fidelity
    case "title": return title.section
    default: return nil
    }
  }
}

extension PhoneView.Note: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "fidelity": return fidelity
    case "path": return path
    case "name": return self.name.section
    case "sourceType": return sourceType
    case "detail": return detail
    default: return nil
    }
  }
}
