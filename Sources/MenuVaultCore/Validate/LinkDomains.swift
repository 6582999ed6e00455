/// The web domains a set of conditional menus links to, for WeChat's rule that all conditional
/// menus of an account together may link to at most 3 domains (65316).
public struct LinkDomains: Sendable, Equatable {
  /// One domain and the buttons that link to it.
  public struct Entry: Sendable, Equatable {
    /// The host, lowercased (`shop.example.com`).
    public var domain: String
    /// The button paths whose `url` points at it, in document order.
    public var paths: [String]
  }

  /// Every distinct domain, in the order first seen.
  public var entries: [Entry]

  /// The domains linked from `menus`' buttons; `prefix(index)` gives the path prefix of the menu
  /// at `index` (`conditionalmenu[1].`).
  public init(menus: [Menu], prefix: (Int) -> String) {
    var entries: [Entry] = []
    var index: [String: Int] = [:]
    func visit(_ button: Button, path: String) {
      if let url = button[.url], let domain = Self.domain(of: url) {
        if let at = index[domain] {
          entries[at].paths.append(path + ".url")
        } else {
          index[domain] = entries.count
          entries.append(Entry(domain: domain, paths: [path + ".url"]))
        }
      }
      for (offset, child) in button.subButtons.enumerated() {
        visit(child, path: "\(path).sub_button[\(offset)]")
      }
    }
    for (menuIndex, menu) in menus.enumerated() {
      for (offset, button) in menu.buttons.enumerated() {
        visit(button, path: "\(prefix(menuIndex))button[\(offset)]")
      }
    }
    self.entries = entries
  }

  /// The domains linked from every conditional menu of `set`.
  public init(conditionalMenusOf set: MenuSet) {
    self.init(menus: set.conditionalMenus, prefix: { "conditionalmenu[\($0)]." })
  }

  /// The distinct domains, in the order first seen.
  public var domains: [String] { entries.map(\.domain) }

  /// The host of an absolute URL (`https://Shop.Example.com:8443/x` -> `shop.example.com`), or
  /// `nil` when `url` has none.
  public static func domain(of url: String) -> String? {
    guard let schemeEnd = url.range(of: "://") else { return nil }
    var rest = url[schemeEnd.upperBound...]
    if let end = rest.firstIndex(where: { "/?#".contains($0) }) { rest = rest[..<end] }
    if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
    var host = rest
    if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
      host = host[...close]
    } else if let colon = host.lastIndex(of: ":") {
      host = host[..<colon]
    }
    let text = host.lowercased()
    return text.isEmpty ? nil : text
  }
}
