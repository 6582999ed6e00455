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

  /// The domains linked from `menus`' buttons, each with the path prefix of its buttons
  /// (`conditionalmenu[1].`).
  public init(menus: [(prefix: String, menu: Menu)]) {
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
    for (prefix, menu) in menus {
      for (offset, button) in menu.buttons.enumerated() {
        visit(button, path: "\(prefix)button[\(offset)]")
      }
    }
    self.entries = entries
  }

  /// The domains linked from every conditional menu of `set`.
  public init(conditionalMenusOf set: MenuSet) {
    self.init(menus: Array(set.menusWithPaths.dropFirst()))
  }

  /// The distinct domains, in the order first seen.
  public var domains: [String] { entries.map(\.domain) }

  /// The host of an absolute URL (`https://Shop.Example.com.:8443/x` -> `shop.example.com`), or
  /// `nil` when `url` does not start with a scheme and `//` or has no host.
  public static func domain(of url: String) -> String? {
    // A scheme first (`https`, `weixin`...): a letter, then letters, digits, `+`, `-`, `.`; so
    // `a.com/go?to=https://b.com/` is not read as linking to b.com.
    guard let first = url.unicodeScalars.first, isLetter(first),
      let schemeEnd = url.range(of: "://"),
      url[..<schemeEnd.lowerBound].unicodeScalars.allSatisfy({
        isLetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
      })
    else { return nil }
    var rest = url[schemeEnd.upperBound...]
    if let end = rest.firstIndex(where: { "/?#\\".contains($0) }) { rest = rest[..<end] }
    if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
    var host = rest
    if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
      host = host[...close]
    } else if let colon = host.lastIndex(of: ":") {
      host = host[..<colon]
    }
    while host.hasSuffix(".") { host = host.dropLast() }
    let text = host.lowercased()
    return text.isEmpty ? nil : text
  }

  private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }
}
