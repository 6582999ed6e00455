/// One difference between two menu sets, by button path.
public struct MenuChange: Sendable, Equatable, Codable {
  /// What kind of difference.
  public enum Kind: String, Sendable, Equatable, Codable {
    /// A button or conditional menu only the new set has.
    case added
    /// A button or conditional menu only the old set has.
    case removed
    /// The same button at another path.
    case moved
    /// A field of the same button with another value.
    case changed
  }

  /// The kind of difference.
  public var kind: Kind
  /// The path in the new set (in the old set for `removed`), e.g. `button[1].sub_button[0]`.
  public var path: String
  /// For `moved`: where the button was.
  public var oldPath: String?
  /// For `changed`: the field (`name`, `type`, `key`, `url`, ...).
  public var field: String?
  /// The old value (`changed`), or a summary of the removed button.
  public var oldValue: String?
  /// The new value (`changed`), or a summary of the added button.
  public var newValue: String?

  enum CodingKeys: String, CodingKey {
    case kind, path, field
    case oldPath = "old_path"
    case oldValue = "old"
    case newValue = "new"
  }

  /// Encodes every key, `null` where a change has no value.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(kind, forKey: .kind)
    try container.encode(path, forKey: .path)
    try container.encode(oldPath, forKey: .oldPath)
    try container.encode(field, forKey: .field)
    try container.encode(oldValue, forKey: .oldValue)
    try container.encode(newValue, forKey: .newValue)
  }

  /// One line for a terminal: `~ button[0].url: "a" -> "b"`, `+ button[2] ...`, `- ...`, `> ...`.
  public var line: String {
    switch kind {
    case .added: return "+ \(path) \(newValue ?? "")"
    case .removed: return "- \(path) \(oldValue ?? "")"
    case .moved: return "> \(path) \(newValue ?? "") moved from \(oldPath ?? "?")"
    case .changed:
      return "~ \(path).\(field ?? "?"): \(quote(oldValue)) -> \(quote(newValue))"
    }
  }

  private func quote(_ value: String?) -> String {
    value.map { "\"\($0)\"" } ?? "(none)"
  }
}

/// A structural diff of two menu sets: buttons matched by name (then by position), conditional
/// menus matched by their match rule.
public struct MenuDiff: Sendable, Equatable {
  /// The differences, default menu first, in the new set's order.
  public var changes: [MenuChange]

  /// Whether the two sets are the same menu.
  public var isEmpty: Bool { changes.isEmpty }

  /// The diff from `old` to `new` (both are normalized first).
  public init(from old: MenuSet, to new: MenuSet) {
    let old = old.normalized()
    let new = new.normalized()
    var changes = MenuDiff.compare(old.defaultMenu.buttons, new.defaultMenu.buttons, prefix: "")
    var unmatchedOld = Array(old.conditionalMenus.enumerated())
    for (newIndex, menu) in new.conditionalMenus.enumerated() {
      let prefix = "conditionalmenu[\(newIndex)]."
      if let match = unmatchedOld.firstIndex(where: { $0.element.matchRule == menu.matchRule }) {
        let (oldIndex, oldMenu) = unmatchedOld.remove(at: match)
        if oldIndex != newIndex {
          changes.append(
            MenuChange(
              kind: .moved, path: "conditionalmenu[\(newIndex)]",
              oldPath: "conditionalmenu[\(oldIndex)]", newValue: MenuDiff.summary(menu.matchRule)))
        }
        changes += MenuDiff.compare(oldMenu.buttons, menu.buttons, prefix: prefix)
      } else {
        changes.append(
          MenuChange(
            kind: .added, path: "conditionalmenu[\(newIndex)]",
            newValue: MenuDiff.summary(menu.matchRule) + " with \(menu.buttons.count) button(s)"))
      }
    }
    for (oldIndex, menu) in unmatchedOld {
      changes.append(
        MenuChange(
          kind: .removed, path: "conditionalmenu[\(oldIndex)]",
          oldValue: MenuDiff.summary(menu.matchRule) + " with \(menu.buttons.count) button(s)"))
    }
    self.changes = changes
  }

  /// A flattened button with its path and the names that identify it.
  private struct Entry {
    var path: String
    var namePath: String
    var button: Button
  }

  private static func flatten(_ buttons: [Button], prefix: String) -> [Entry] {
    var entries: [Entry] = []
    for (index, button) in buttons.enumerated() {
      let path = "\(prefix)button[\(index)]"
      let name = button.name ?? ""
      entries.append(Entry(path: path, namePath: name, button: button))
      for (childIndex, child) in button.subButtons.enumerated() {
        entries.append(
          Entry(
            path: "\(path).sub_button[\(childIndex)]", namePath: "\(name)/\(child.name ?? "")",
            button: child))
      }
    }
    return entries
  }

  private static func compare(_ old: [Button], _ new: [Button], prefix: String) -> [MenuChange] {
    var oldEntries = flatten(old, prefix: prefix)
    let newEntries = flatten(new, prefix: prefix)
    var pairs: [(old: Entry?, new: Entry)] = []
    var unmatchedNew: [Int] = []
    // 1: the same names (parent/child); 2: the same leaf name elsewhere; 3: the same position.
    for (index, entry) in newEntries.enumerated() {
      if let match = oldEntries.firstIndex(where: { $0.namePath == entry.namePath }) {
        pairs.append((oldEntries.remove(at: match), entry))
      } else {
        pairs.append((nil, entry))
        unmatchedNew.append(index)
      }
    }
    for index in unmatchedNew {
      let entry = pairs[index].new
      let candidates = oldEntries.indices.filter {
        oldEntries[$0].button.name == entry.button.name
          && oldEntries[$0].button.isParent == entry.button.isParent
      }
      if candidates.count == 1, let match = candidates.first {
        pairs[index].old = oldEntries.remove(at: match)
      }
    }
    for index in unmatchedNew where pairs[index].old == nil {
      let entry = pairs[index].new
      if let match = oldEntries.firstIndex(where: {
        $0.path == entry.path && $0.button.isParent == entry.button.isParent
          && $0.button.type == entry.button.type
      }) {
        pairs[index].old = oldEntries.remove(at: match)
      }
    }
    var changes: [MenuChange] = []
    for pair in pairs {
      guard let oldEntry = pair.old else {
        changes.append(
          MenuChange(kind: .added, path: pair.new.path, newValue: summary(pair.new.button)))
        continue
      }
      if oldEntry.path != pair.new.path {
        changes.append(
          MenuChange(
            kind: .moved, path: pair.new.path, oldPath: oldEntry.path,
            newValue: "\"\(pair.new.button.name ?? "")\""))
      }
      changes += fieldChanges(oldEntry.button, pair.new.button, path: pair.new.path)
    }
    for entry in oldEntries {
      changes.append(MenuChange(kind: .removed, path: entry.path, oldValue: summary(entry.button)))
    }
    return changes
  }

  private static func fieldChanges(_ old: Button, _ new: Button, path: String) -> [MenuChange] {
    var changes: [MenuChange] = []
    func compare(_ field: String, _ before: String?, _ after: String?) {
      if before != after {
        changes.append(
          MenuChange(kind: .changed, path: path, field: field, oldValue: before, newValue: after))
      }
    }
    compare("name", old.name, new.name)
    compare("type", old.type, new.type)
    for field in ButtonField.allCases {
      compare(field.rawValue, old[field], new[field])
    }
    compare(
      Button.unpublishableMarker, old.isUnpublishable ? "true" : nil,
      new.isUnpublishable ? "true" : nil)
    return changes
  }

  private static func summary(_ button: Button) -> String {
    let name = "\"\(button.name ?? "")\""
    if button.isParent { return "\(name) with \(button.subButtons.count) sub-button(s)" }
    let fields = ButtonField.allCases.compactMap { field in
      button[field].map { "\(field.rawValue)=\($0)" }
    }
    return ([name, button.type ?? "(no type)"] + fields).joined(separator: " ")
  }

  private static func summary(_ rule: MatchRule?) -> String {
    let inactive = rule?.retiredPrivacyFields.map(\.rawValue) ?? []
    return "matchrule {" + (rule?.summary ?? "") + "}"
      + (inactive.isEmpty ? "" : " [inactive: \(inactive.joined(separator: ", "))]")
  }
}
