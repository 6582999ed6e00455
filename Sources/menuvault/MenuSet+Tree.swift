import MenuVault

extension MenuSet {
  /// The menu set as a readable tree, one button per line, for `menuvault show`:
  ///
  /// ```
  /// default menu
  /// ├─ 今日歌曲  click key=V1001_TODAY_MUSIC
  /// └─ 菜单
  ///    └─ 搜索  view url=http://www.soso.com/
  /// ```
  var tree: String {
    var lines: [String] = []
    let set = normalized()
    // Every level, so a button nested deeper than the platforms allow (which lint reports by
    // its path) is shown too.
    func render(_ buttons: [Button], indent: String) {
      for (index, button) in buttons.enumerated() {
        let last = index == buttons.count - 1
        lines.append(indent + (last ? "└─ " : "├─ ") + button.treeLabel)
        render(button.subButtons, indent: indent + (last ? "   " : "│  "))
      }
    }
    func render(_ menu: Menu, title: String) {
      lines.append(title)
      render(menu.buttons, indent: "")
      if menu.buttons.isEmpty { lines.append("(no buttons)") }
    }
    render(set.defaultMenu, title: "default menu")
    for (index, menu) in set.conditionalMenus.enumerated() {
      let rule = menu.matchRule.map(\.summary) ?? ""
      var title = "conditional menu \(index) (\(rule.isEmpty ? "empty match rule" : rule))"
      if let retired = menu.matchRule?.retiredPrivacyFields, !retired.isEmpty {
        let fields = retired.map(\.rawValue).joined(separator: ", ")
        title += "  [inactive: WeChat no longer matches by \(fields)]"
      }
      render(menu, title: title)
    }
    return lines.joined(separator: "\n")
  }
}

extension Button {
  /// `name  type field=value ...`, as the tree shows a button.
  var treeLabel: String {
    let title = name ?? "(no name)"
    if isParent { return title }
    if isUnpublishable { return "\(title)  \(type ?? "?") (unpublishable)" }
    let fieldText = ButtonField.allCases.compactMap { field in
      self[field].map { "\(field.rawValue)=\($0)" }
    }
    return ([title + " ", type ?? "(no type)"] + fieldText).joined(separator: " ")
  }
}
