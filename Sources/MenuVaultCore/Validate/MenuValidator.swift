/// Checks a menu set against one platform's documented rules.
public struct MenuValidator: Sendable {
  /// The limits applied.
  public var limits: PlatformLimits

  /// A validator for `platform`'s documented limits.
  public init(platform: Platform) { self.limits = .of(platform) }

  /// A validator with explicit limits.
  public init(limits: PlatformLimits) { self.limits = limits }

  /// Every finding in `set`, in document order; empty when the set is publishable.
  ///
  /// A set with only conditional menus (an `addconditional` payload) is not required to have a
  /// default menu here; publishing checks that.
  ///
  /// - Parameter skippingInactive: leave out the conditional menus that match nobody today (see
  ///   ``MenuSet/inactiveConditionalMenus``), as a rollback does, while the others keep their
  ///   paths (`conditionalmenu[2]` stays `conditionalmenu[2]`).
  public func findings(in set: MenuSet, skippingInactive: Bool = false) -> [ValidationFinding] {
    var findings: [ValidationFinding] = []
    if !set.defaultMenu.buttons.isEmpty || set.conditionalMenus.isEmpty {
      check(set.defaultMenu, prefix: "", into: &findings)
    }
    let checked = set.menusWithPaths.dropFirst().filter { entry in
      !skippingInactive || (entry.menu.matchRule?.isActive ?? true)
    }
    if !checked.isEmpty && !limits.allowsConditionalMenus {
      findings.append(
        ValidationFinding(
          path: "conditionalmenu", rule: .conditionalNotSupported, limit: nil,
          actual: "\(checked.count)", wechatErrorCode: nil,
          message: "this platform has no conditional menus: remove them"))
    }
    for (prefix, menu) in checked {
      check(menu, prefix: prefix, into: &findings)
      checkMatchRule(menu.matchRule, prefix: prefix, into: &findings)
      // A platform without conditional menus refuses them whole (above): today's rules for
      // conditional menus would only repeat that.
      if limits.allowsConditionalMenus {
        checkRetiredFields(menu.matchRule, prefix: prefix, into: &findings)
        checkConditionalKinds(menu, prefix: prefix, into: &findings)
      }
    }
    if limits.allowsConditionalMenus {
      checkLinkDomains(LinkDomains(menus: Array(checked)), into: &findings)
    }
    return findings
  }

  /// The findings that refuse `set` (warnings left out).
  public func refusals(in set: MenuSet, skippingInactive: Bool = false) -> [ValidationFinding] {
    findings(in: set, skippingInactive: skippingInactive).filter(\.isRefusal)
  }

  /// A conditional menu needs a rule with at least one field.
  private func checkMatchRule(
    _ rule: MatchRule?, prefix: String, into findings: inout [ValidationFinding]
  ) {
    guard rule?.isEmpty ?? true else { return }
    findings.append(
      ValidationFinding(
        path: prefix + "matchrule", rule: .emptyMatchRule, limit: "at least one field",
        actual: nil, wechatErrorCode: 65304,
        message: "a conditional menu needs a match rule with at least one field"))
  }

  /// Since WeChat's privacy change only `tag_id`, `client_platform_type` (and the older
  /// `group_id`) may be in a rule.
  private func checkRetiredFields(
    _ rule: MatchRule?, prefix: String, into findings: inout [ValidationFinding]
  ) {
    guard let rule, !limits.allowsRetiredMatchFields else { return }
    for field in rule.retiredPrivacyFields {
      findings.append(
        ValidationFinding(
          path: prefix + "matchrule.\(field.rawValue)", rule: .privacyMatchField,
          limit: "tag_id, client_platform_type or group_id",
          actual: rule[field].map { "\"\($0)\"" },
          wechatErrorCode: 65320,
          message:
            "WeChat no longer matches users by \(field.rawValue) (privacy rules) and refuses "
            + "a conditional menu that uses it (errcode 65320): give those users a tag and "
            + "match on tag_id"))
    }
  }

  /// Types the current conditional-menu page does not list: a warning.
  private func checkConditionalKinds(
    _ menu: Menu, prefix: String, into findings: inout [ValidationFinding]
  ) {
    func visit(_ button: Button, path: String) {
      if let kind = button.kind, !button.isParent, limits.conditionalUnlistedKinds.contains(kind) {
        findings.append(
          ValidationFinding(
            path: path + ".type", rule: .conditionalTypeUnlisted, limit: nil,
            actual: kind.rawValue, wechatErrorCode: nil,
            message: "WeChat's current page for conditional menus does not list \(kind.rawValue) "
              + "buttons while its older example uses one: the platform may refuse it",
            severity: .warning))
      }
      for (index, child) in button.subButtons.enumerated() {
        visit(child, path: "\(path).sub_button[\(index)]")
      }
    }
    for (index, button) in menu.buttons.enumerated() {
      visit(button, path: "\(prefix)button[\(index)]")
    }
  }

  /// All conditional menus together may link to a few domains only.
  private func checkLinkDomains(_ links: LinkDomains, into findings: inout [ValidationFinding]) {
    let limit = limits.conditionalLinkDomains
    guard links.entries.count > limit else { return }
    let listed = links.entries.map { "\($0.domain) (\($0.paths.joined(separator: ", ")))" }
    findings.append(
      ValidationFinding(
        path: "conditionalmenu", rule: .linkDomains, limit: "\(limit) domains",
        actual: "\(links.entries.count) domains", wechatErrorCode: 65316,
        message: "all conditional menus together may link to at most \(limit) domains; they link "
          + "to " + listed.joined(separator: ", ") + " (errcode 65316): move links onto fewer "
          + "domains"))
  }

  private func check(_ menu: Menu, prefix: String, into findings: inout [ValidationFinding]) {
    let count = menu.buttons.count
    if !limits.topLevelButtons.contains(count) {
      findings.append(
        ValidationFinding(
          path: prefix + "button", rule: .buttonCount, limit: describe(limits.topLevelButtons),
          actual: "\(count)", wechatErrorCode: 40016,
          message: "a menu has \(describe(limits.topLevelButtons)) top-level buttons"))
    }
    for (index, button) in menu.buttons.enumerated() {
      check(button, path: "\(prefix)button[\(index)]", topLevel: true, into: &findings)
    }
  }

  private func check(
    _ button: Button, path: String, topLevel: Bool, into findings: inout [ValidationFinding]
  ) {
    let codes = topLevel ? ErrorCodes.topLevel : ErrorCodes.subButton
    let nameLimit = topLevel ? limits.topLevelNameBytes : limits.subButtonNameBytes
    let nameBytes = button.name?.utf8.count ?? 0
    if nameBytes == 0 || nameBytes > nameLimit {
      findings.append(
        ValidationFinding(
          path: path + ".name", rule: .nameLength, limit: "\(nameLimit) bytes",
          actual: "\(nameBytes) bytes", wechatErrorCode: codes.name,
          message: nameBytes == 0
            ? "a button needs a name"
            : "the name is too long for a \(topLevel ? "top-level button" : "sub-button")"))
    }
    if button.isParent {
      checkParent(button, path: path, topLevel: topLevel, into: &findings)
    } else {
      checkLeaf(button, path: path, codes: codes, into: &findings)
    }
  }

  private func checkParent(
    _ button: Button, path: String, topLevel: Bool, into findings: inout [ValidationFinding]
  ) {
    if !topLevel {
      findings.append(
        ValidationFinding(
          path: path + ".sub_button", rule: .menuDepth, limit: "2 levels", actual: "3 levels",
          wechatErrorCode: 40022, message: "a sub-button cannot have sub-buttons"))
      return
    }
    if button.type != nil || !button.fieldValues.isEmpty {
      let what = button.type.map { "type \"\($0)\"" } ?? "action fields"
      findings.append(
        ValidationFinding(
          path: path, rule: .actionOnParent, limit: nil, actual: what, wechatErrorCode: 40017,
          message: "a button with sub-buttons must not have an action: remove its \(what)"))
    }
    let count = button.subButtons.count
    if !limits.subButtons.contains(count) {
      findings.append(
        ValidationFinding(
          path: path + ".sub_button", rule: .subButtonCount, limit: describe(limits.subButtons),
          actual: "\(count)", wechatErrorCode: 40023,
          message: "a parent has \(describe(limits.subButtons)) sub-buttons"))
    }
    for (index, child) in button.subButtons.enumerated() {
      check(child, path: "\(path).sub_button[\(index)]", topLevel: false, into: &findings)
    }
  }

  private func checkLeaf(
    _ button: Button, path: String, codes: ErrorCodes, into findings: inout [ValidationFinding]
  ) {
    if button.isUnpublishable {
      findings.append(
        ValidationFinding(
          path: path, rule: .unpublishable, limit: nil, actual: nil,
          wechatErrorCode: codes.type,
          message: "\(button.type ?? "this") button cannot be published as it is: "
            + "map it to a permanent media id or replace it"))
      return
    }
    guard let type = button.type else {
      findings.append(
        ValidationFinding(
          path: path + ".type", rule: .typeRequired, limit: nil, actual: nil,
          wechatErrorCode: 65308,
          message: "a button without sub-buttons needs a type"))
      return
    }
    guard let kind = button.kind, limits.allowedKinds.contains(kind) else {
      let allowed = limits.allowedKinds.map(\.rawValue).joined(separator: ", ")
      findings.append(
        ValidationFinding(
          path: path + ".type", rule: .typeNotSupported, limit: allowed, actual: type,
          wechatErrorCode: codes.type, message: "type \"\(type)\" is not accepted here"))
      return
    }
    for field in kind.requiredFields where button[field] == nil {
      findings.append(
        ValidationFinding(
          path: "\(path).\(field.rawValue)", rule: .fieldRequired, limit: nil, actual: nil,
          wechatErrorCode: codes.missing(field),
          message: "type \(kind.rawValue) needs \(field.rawValue)"))
    }
    if let key = button[.key], key.utf8.count > limits.keyBytes {
      findings.append(
        ValidationFinding(
          path: path + ".key", rule: .keyLength, limit: "\(limits.keyBytes) bytes",
          actual: "\(key.utf8.count) bytes", wechatErrorCode: codes.key,
          message: "the key is too long"))
    }
    if let url = button[.url], url.utf8.count > limits.urlBytes {
      findings.append(
        ValidationFinding(
          path: path + ".url", rule: .urlLength, limit: "\(limits.urlBytes) bytes",
          actual: "\(url.utf8.count) bytes", wechatErrorCode: codes.url,
          message: "the url is too long"))
    }
  }

  private func describe(_ range: ClosedRange<Int>) -> String {
    "\(range.lowerBound)-\(range.upperBound)"
  }
}

/// WeChat's error codes for the button rules, which differ between levels (NOTES.md).
private struct ErrorCodes {
  let type: Int
  let name: Int
  let key: Int
  let url: Int

  static let topLevel = ErrorCodes(type: 40017, name: 40018, key: 40019, url: 40020)
  static let subButton = ErrorCodes(type: 40024, name: 40025, key: 40026, url: 40027)

  func missing(_ field: ButtonField) -> Int {
    switch field {
    case .key: return key
    case .url: return url
    case .mediaID, .articleID: return 40007
    case .appID, .pagePath: return type
    }
  }
}
