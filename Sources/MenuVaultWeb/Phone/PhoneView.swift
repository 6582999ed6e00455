import MenuVault

/// Draws menus as the phone shows them, as HTML fragments; every menu string is escaped.
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
enum PhoneView {
  /// The fragment that draws every menu of `menu`.
  /// - Parameters:
  ///   - platform: WeChat's chat bar with the keyboard toggle, or Weibo's fan-service bar.
  ///   - marks: what to highlight when the phone is one side of a comparison.
  static func html(
    _ menu: NormalizedMenu, platform: Platform, marks: PhoneMarks = PhoneMarks()
  ) -> String {
    var drawing = PhoneDrawing(menu: menu, platform: platform, marks: marks)
    drawing.drawPhone()
    return drawing.output
  }
}

/// The writer behind ``PhoneView/html(_:platform:marks:)``: appends the fragment to ``output``.
private struct PhoneDrawing {
  let menuSet: MenuSet
  let platform: Platform
  let marks: PhoneMarks
  let notes: [FidelityNote]
  let notesByPath: [String: FidelityNote]
  let inactiveByIndex: [Int: InactiveConditionalMenu]
  /// The name of this phone's tab radios: unique per menu and side, so two phones on one page
  /// (a comparison) keep their tabs apart.
  let tabGroup: String
  var output = ""

  init(menu: NormalizedMenu, platform: Platform, marks: PhoneMarks) {
    self.menuSet = menu.menuSet
    self.platform = platform
    self.marks = marks
    self.notes = menu.notes
    self.notesByPath = Dictionary(menu.notes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    self.inactiveByIndex = Dictionary(
      menu.menuSet.inactiveConditionalMenus.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
    self.tabGroup =
      "phone-" + (marks.side.map { "\($0.rawValue)-" } ?? "") + menu.contentHash.prefix(16)
    output.reserveCapacity(8192)
  }

  // MARK: - The phone and its menus

  mutating func drawPhone() {
    let menus = menuSet.menusWithPaths
    let tabbed = menus.count > 1
    output +=
      #"<div class="phone phone-\#(platform.rawValue)" data-platform="\#(platform.rawValue)">"#
    output +=
      tabbed ? #"<div class="phone-menus phone-menus-tabbed">"# : #"<div class="phone-menus">"#
    for (index, entry) in menus.enumerated() {
      drawMenu(entry.menu, index: index, prefix: entry.prefix, tabbed: tabbed)
    }
    output += "</div></div>"
  }

  /// One menu: its tab (when the set has conditional menus), then its panel.
  private mutating func drawMenu(_ menu: Menu, index: Int, prefix: String, tabbed: Bool) {
    let conditionalIndex = index == 0 ? nil : index - 1
    let menuPath = conditionalIndex.map { "conditionalmenu[\($0)]" }
    let kinds = menuPath.map(marks.kinds(at:)) ?? []
    let inactive = conditionalIndex.flatMap { inactiveByIndex[$0] }
    let title = conditionalIndex == nil ? "default menu" : ruleTitle(menu.matchRule)

    var classes = "phone-menu"
    for kind in kinds { classes += " mark-\(kind.rawValue)" }
    if inactive != nil { classes += " phone-menu-inactive" }
    output += #"<section class="\#(classes)" data-menu="\#(menuPath ?? "default")""#
    if let rule = menu.matchRule { attribute("data-rule", rule.summary) }
    if let inactive { attribute("data-inactive", inactive.fields.joined(separator: " ")) }
    markAttributes(kinds, at: menuPath)
    output += ">"

    if tabbed {
      let buttonPrefix = prefix.isEmpty ? "button[" : prefix
      var tabClasses = "phone-tab"
      if !kinds.isEmpty || marks.hasMarks(under: buttonPrefix) { tabClasses += " phone-tab-marked" }
      if inactive != nil { tabClasses += " phone-tab-inactive" }
      output += #"<label class="\#(tabClasses)"><input class="phone-tab-input" type="radio""#
      output += #" name="\#(tabGroup)" value="\#(menuPath ?? "default")""#
      output += index == 0 ? " checked>" : ">"
      output += #"<span class="phone-tab-name">"#
      text(title)
      output += "</span>"
      if inactive != nil { output += #" <span class="phone-inactive-badge">inactive</span>"# }
      output += "</label>"
    }

    output += #"<div class="phone-panel">"#
    if tabbed {  // the panel's own title, for a browser that shows every panel
      output += #"<p class="phone-menu-title">"#
      text(conditionalIndex == nil ? title : "conditional menu: " + title)
      output += "</p>"
    }
    if let inactive {
      output += #"<p class="phone-inactive-note">inactive: WeChat no longer matches users by "#
      text(inactive.fields.joined(separator: " or "))
      output += ", so this menu has matched nobody since the privacy change</p>"
    }
    drawMenuChange(kinds, at: menuPath)
    drawFrame(menu, prefix: prefix)
    drawNotes(prefix: prefix)
    output += "</div></section>"
  }

  private func ruleTitle(_ rule: MatchRule?) -> String {
    guard let rule, !rule.isEmpty else { return "no match rule" }
    return rule.summary
  }

  /// A line saying what a comparison found for a whole conditional menu.
  private mutating func drawMenuChange(_ kinds: [MenuChange.Kind], at path: String?) {
    guard let path, !kinds.isEmpty else { return }
    for kind in kinds {
      output += #"<p class="phone-menu-change mark-\#(kind.rawValue)">"#
      switch kind {
      case .added: output += "added in this version"
      case .removed: output += "removed in the newer version"
      case .changed: output += "changed"
      case .moved:
        if let counterpart = marks.counterpart(of: path) {
          output += marks.side == .old ? "moved to " : "moved from "
          text(counterpart)
        } else {
          output += "moved"
        }
      }
      output += "</p>"
    }
  }

  // MARK: - The frame and the bar

  private mutating func drawFrame(_ menu: Menu, prefix: String) {
    output += #"<div class="phone-frame"><div class="phone-screen">"#
    output +=
      #"<div class="phone-header" aria-hidden="true"><span class="phone-back">&lsaquo;</span>"#
    output += #"<span class="phone-account">"#
    output += platform == .wechat ? "Official Account" : "Weibo fan service"
    output += "</span></div>"
    output += #"<div class="phone-chat" aria-hidden="true"></div>"#
    let buttons = menu.buttons
    output +=
      #"<div class="phone-bar phone-bar-\#(platform.rawValue)" data-buttons="\#(buttons.count)">"#
    if platform == .wechat {
      output += #"<span class="phone-keyboard" title="switch to the keyboard">"#
      output += PhoneIcons.keyboard
      output += "</span>"
    }
    if buttons.isEmpty {
      output += #"<span class="phone-bar-empty">no menu</span>"#
    }
    for (index, button) in buttons.enumerated() {
      drawTopLevel(button, path: "\(prefix)button[\(index)]")
    }
    output += "</div></div></div>"
  }

  /// A top-level button: its open sub-menu (when it has one) above its face in the bar.
  private mutating func drawTopLevel(_ button: Button, path: String) {
    output += "<div"
    buttonAttributes(button, path: path, baseClass: "phone-button")
    output += ">"
    if button.isParent {
      output += #"<ul class="phone-submenu">"#
      for (index, child) in button.subButtons.enumerated() {
        let childPath = "\(path).sub_button[\(index)]"
        output += "<li"
        buttonAttributes(child, path: childPath, baseClass: "phone-sub-button")
        output += ">"
        drawContent(child, path: childPath, maxWidth: MenuNameCut.subButtonWidth)
        output += "</li>"
      }
      output += "</ul>"
    }
    output += #"<div class="phone-face">"#
    drawContent(button, path: path, maxWidth: MenuNameCut.topLevelWidth)
    output += "</div></div>"
  }

  /// The class and data attributes of a button element (top-level or sub-button).
  private mutating func buttonAttributes(_ button: Button, path: String, baseClass: String) {
    let kinds = marks.kinds(at: path)
    var classes = baseClass
    if button.isParent { classes += " phone-parent" }
    for kind in kinds { classes += " mark-\(kind.rawValue)" }
    let fidelity = badgeFidelity(of: button, at: path)
    if let fidelity { classes += " fidelity-\(fidelity.rawValue)" }
    output += #" class="\#(classes)""#
    attribute("data-path", path)
    attribute("data-name", button.name ?? "")
    if !button.isParent, let type = button.type { attribute("data-type", type) }
    if let fidelity { attribute("data-fidelity", fidelity.rawValue) }
    markAttributes(kinds, at: path)
  }

  /// `data-mark` (the marks, space-separated) and, for a moved button, where it went
  /// (`data-moved-to`, old side) or came from (`data-moved-from`, new side).
  private mutating func markAttributes(_ kinds: [MenuChange.Kind], at path: String?) {
    guard let path, !kinds.isEmpty else { return }
    attribute("data-mark", kinds.map(\.rawValue).joined(separator: " "))
    if kinds.contains(.moved), let counterpart = marks.counterpart(of: path) {
      attribute(marks.side == .old ? "data-moved-to" : "data-moved-from", counterpart)
    }
  }

  /// What a button face (or a sub-menu entry) shows: the cut name (the full one on hover), the
  /// type and target in small print, and a fidelity badge.
  private mutating func drawContent(_ button: Button, path: String, maxWidth: Int) {
    let changed = marks.changedFields(at: path)
    output += #"<span class="phone-name"#
    if changed.contains("name") { output += " field-changed" }
    if button.name == nil { output += " phone-name-missing" }
    output += "\""
    if let name = button.name { attribute("title", name) }
    output += ">"
    if button.isParent { output += PhoneIcons.subMenu }
    if let name = button.name {
      text(platform == .wechat ? MenuNameCut.cut(name, maxWidth: maxWidth) : name)
    } else {
      output += "(no name)"
    }
    output += "</span>"
    if !button.isParent {
      output += #"<small class="phone-type"#
      if changed.contains("type") { output += " field-changed" }
      output += "\">"
      text(button.type ?? "no type")
      output += "</small>"
      let fields = ButtonField.allCases.compactMap { field in button[field].map { (field, $0) } }
      if !fields.isEmpty {
        output += #"<dl class="phone-fields">"#
        for (field, value) in fields {
          output += changed.contains(field.rawValue) ? #"<div class="field-changed">"# : "<div>"
          output += "<dt>\(field.rawValue)</dt><dd>"
          text(value)
          output += "</dd></div>"
        }
        output += "</dl>"
      }
    }
    if let fidelity = badgeFidelity(of: button, at: path) {
      output += #"<span class="phone-badge badge-\#(fidelity.rawValue)""#
      if let note = notesByPath[path] { attribute("title", note.detail) }
      output += ">\(fidelity.rawValue)</span>"
    }
  }

  /// The fidelity to badge a button with: its note's, or unpublishable for a marked entry that
  /// has no note; `nil` for an exact button.
  private func badgeFidelity(of button: Button, at path: String) -> Fidelity? {
    if let note = notesByPath[path], note.fidelity != .exact { return note.fidelity }
    return button.isUnpublishable ? .unpublishable : nil
  }

  // MARK: - Notes

  /// The fidelity notes of the buttons of one menu, in document order.
  private mutating func drawNotes(prefix: String) {
    let menuNotes = notes.filter { note in
      note.fidelity != .exact
        && (prefix.isEmpty ? note.path.hasPrefix("button[") : note.path.hasPrefix(prefix))
    }
    guard !menuNotes.isEmpty else { return }
    output += #"<ol class="phone-notes">"#
    for note in menuNotes {
      output += #"<li class="phone-note fidelity-\#(note.fidelity.rawValue)""#
      attribute("data-note-path", note.path)
      attribute("data-fidelity", note.fidelity.rawValue)
      output += #"><span class="phone-badge badge-\#(note.fidelity.rawValue)">"#
      output += "\(note.fidelity.rawValue)</span> <code>"
      text(note.path)
      output += "</code> "
      if let name = note.name {
        output += #"<span class="phone-note-name">"#
        text(name)
        output += "</span> "
      }
      output += "("
      text(note.sourceType)
      output += #"): <span class="phone-note-detail">"#
      text(note.detail)
      output += "</span></li>"
    }
    output += "</ol>"
  }

  // MARK: - Writing

  /// Appends ` name="value"`, the value escaped.
  private mutating func attribute(_ name: String, _ value: String) {
    output += " \(name)=\""
    HTML.escape(value, into: &output)
    output += "\""
  }

  /// Appends escaped text.
  private mutating func text(_ value: String) {
    HTML.escape(value, into: &output)
  }
}

/// The phone's icons, as inline SVG (no image is fetched).
private enum PhoneIcons {
  /// WeChat's keyboard toggle at the left of the menu bar: a keyboard with two rows of keys and
  /// a space bar.
  static let keyboard = """
    <svg class="phone-keyboard-icon" viewBox="0 0 28 28" width="26" height="26" \
    aria-hidden="true" focusable="false">\
    <rect x="3" y="7" width="22" height="14" rx="2.5" fill="none" stroke="currentColor" \
    stroke-width="1.5"/>\
    <path fill="currentColor" d="M6.5 10h2v2h-2zm4 0h2v2h-2zm4 0h2v2h-2zm4 0h2v2h-2z\
    M6.5 13.5h2v2h-2zm4 0h2v2h-2zm4 0h2v2h-2zm4 0h2v2h-2zM9 17h10v1.6H9z"/></svg>
    """

  /// The three-line mark WeChat puts before the name of a button that opens a sub-menu.
  static let subMenu = """
    <svg class="phone-parent-icon" viewBox="0 0 10 8" width="10" height="8" aria-hidden="true" \
    focusable="false"><path d="M0 1h10M0 4h10M0 7h10" stroke="currentColor" \
    stroke-width="1.2"/></svg>
    """
}
