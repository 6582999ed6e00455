/// The documented menu limits of one platform, as data (WeChat's and Weibo's menu pages).
public struct PlatformLimits: Sendable, Equatable {
  /// How many top-level buttons a menu may have.
  public var topLevelButtons: ClosedRange<Int>
  /// How many sub-buttons a parent may have.
  public var subButtons: ClosedRange<Int>
  /// The longest top-level name, in UTF-8 bytes.
  public var topLevelNameBytes: Int
  /// The longest sub-button name, in UTF-8 bytes.
  public var subButtonNameBytes: Int
  /// The longest `key`, in UTF-8 bytes.
  public var keyBytes: Int
  /// The longest `url`, in UTF-8 bytes.
  public var urlBytes: Int
  /// The button types the platform accepts.
  public var allowedKinds: [ButtonKind]
  /// Whether the platform has conditional menus.
  public var allowsConditionalMenus: Bool
  /// How many distinct domains all conditional menus together may link to (WeChat 3, 65316).
  public var conditionalLinkDomains: Int = 3
  /// Whether a conditional menu's rule may hold fields retired for privacy (WeChat: no, 65320).
  public var allowsRetiredMatchFields = false
  /// Types accepted in a default menu that the current conditional-menu page does not list:
  /// a warning, not a refusal, because older pages use them.
  public var conditionalUnlistedKinds: [ButtonKind] = [.miniprogram, .viewLimited]

  /// WeChat's current create page: 1-3 / 1-5 buttons, names 16 / 60 bytes, key 128, url 1024.
  public static let wechat = PlatformLimits(
    topLevelButtons: 1...3, subButtons: 1...5, topLevelNameBytes: 16, subButtonNameBytes: 60,
    keyBytes: 128, urlBytes: 1024, allowedKinds: ButtonKind.allCases, allowsConditionalMenus: true)

  /// Weibo's fan-service menu: 1-3 / 1-5 buttons, names 16 / 40 bytes, key 128, url 256,
  /// click and view only, no conditional menus.
  public static let weibo = PlatformLimits(
    topLevelButtons: 1...3, subButtons: 1...5, topLevelNameBytes: 16, subButtonNameBytes: 40,
    keyBytes: 128, urlBytes: 256, allowedKinds: [.click, .view], allowsConditionalMenus: false)

  /// The limits of `platform`.
  public static func of(_ platform: Platform) -> PlatformLimits {
    switch platform {
    case .wechat: return .wechat
    case .weibo: return .weibo
    }
  }
}
