/// One menu: its top-level buttons and, for a conditional menu, the rule that selects it.
public struct Menu: Sendable, Equatable {
  /// The top-level buttons, in order.
  public var buttons: [Button]
  /// The match rule of a conditional menu; `nil` for the default menu.
  public var matchRule: MatchRule?

  /// Creates a menu.
  public init(buttons: [Button], matchRule: MatchRule? = nil) {
    self.buttons = buttons
    self.matchRule = matchRule
  }
}

/// Everything an account's menu consists of: the default menu plus its conditional menus.
public struct MenuSet: Sendable, Equatable {
  /// The default menu (its `matchRule` is `nil`); no buttons when the account has none.
  public var defaultMenu: Menu
  /// The conditional (personalized) menus, in order.
  public var conditionalMenus: [Menu]

  /// Creates a menu set.
  public init(defaultMenu: Menu, conditionalMenus: [Menu] = []) {
    self.defaultMenu = defaultMenu
    self.conditionalMenus = conditionalMenus
  }

  /// This set in normalized form (see ``Button/normalized()``).
  public func normalized() -> MenuSet {
    let isNormalized =
      defaultMenu.buttons.allSatisfy { $0.isNormalized }
      && conditionalMenus.allSatisfy { $0.buttons.allSatisfy { $0.isNormalized } }
    if isNormalized { return self }
    func normalize(_ menu: Menu) -> Menu {
      Menu(buttons: menu.buttons.map { $0.normalized() }, matchRule: menu.matchRule)
    }
    return MenuSet(
      defaultMenu: normalize(defaultMenu), conditionalMenus: conditionalMenus.map(normalize))
  }

  /// Every menu with the path prefix of its buttons (`""` or `conditionalmenu[i].`).
  public var menusWithPaths: [(prefix: String, menu: Menu)] {
    [("", defaultMenu)]
      + conditionalMenus.enumerated().map { ("conditionalmenu[\($0.offset)].", $0.element) }
  }
}
