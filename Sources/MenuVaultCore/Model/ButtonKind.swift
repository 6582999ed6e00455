/// A button type the create API accepts (`cgi-bin/menu/create`), with the fields each one needs.
///
/// See <https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html>.
/// Website-only types (`text`, `img`, `voice`, `video`, `news`) are not here: normalization
/// converts them or marks them unpublishable.
public enum ButtonKind: String, Sendable, Equatable, CaseIterable, Codable {
  /// Pushes a click event carrying `key` to the developer's server.
  case click
  /// Opens `url`.
  case view
  /// Opens a mini program (`appid`, `pagepath`), falling back to `url` on old clients.
  case miniprogram
  /// Opens the scanner and pushes the result.
  case scancodePush = "scancode_push"
  /// Opens the scanner, pushes the result and shows "message receiving".
  case scancodeWaitmsg = "scancode_waitmsg"
  /// Opens the system camera.
  case picSysphoto = "pic_sysphoto"
  /// Lets the user choose camera or album.
  case picPhotoOrAlbum = "pic_photo_or_album"
  /// Opens the WeChat album.
  case picWeixin = "pic_weixin"
  /// Opens the location picker.
  case locationSelect = "location_select"
  /// Sends a permanent material (`media_id`).
  case mediaId = "media_id"
  /// Opens a permanent news material (`media_id`); third-party unverified accounts.
  case viewLimited = "view_limited"
  /// Sends a published article (`article_id`) as a card.
  case articleId = "article_id"
  /// Opens a published article (`article_id`).
  case articleViewLimited = "article_view_limited"

  /// The kind named `name`, or `nil`: `init(rawValue:)` without comparing `name` with all
  /// thirteen names in turn (normalization asks for every button it reads).
  static func named(_ name: String) -> ButtonKind? {
    let length = name.utf8.count
    guard length < kindsByNameLength.count else { return nil }
    for kind in kindsByNameLength[length] where kind.rawValue == name { return kind }
    return nil
  }

  /// The kinds grouped by the UTF-8 length of their names (index: the length).
  private static let kindsByNameLength: [[ButtonKind]] = {
    var groups: [[ButtonKind]] = Array(
      repeating: [], count: (allCases.map(\.rawValue.utf8.count).max() ?? 0) + 1)
    for kind in allCases { groups[kind.rawValue.utf8.count].append(kind) }
    return groups
  }()

  /// The fields this type must carry, by their create-API names.
  public var requiredFields: [ButtonField] {
    switch self {
    case .click, .scancodePush, .scancodeWaitmsg, .picSysphoto, .picPhotoOrAlbum, .picWeixin,
      .locationSelect:
      return [.key]
    case .view: return [.url]
    case .miniprogram: return [.url, .appID, .pagePath]
    case .mediaId, .viewLimited: return [.mediaID]
    case .articleId, .articleViewLimited: return [.articleID]
    }
  }
}

/// An action field of a button, named as the create API names it.
public enum ButtonField: String, Sendable, Equatable, CaseIterable, Codable {
  /// `key`: the event key pushed to the developer (click and the event types).
  case key
  /// `url`: the page a view (or old-client miniprogram) button opens.
  case url
  /// `media_id`: a permanent material id.
  case mediaID = "media_id"
  /// `appid`: the mini program's app id.
  case appID = "appid"
  /// `pagepath`: the mini program page.
  case pagePath = "pagepath"
  /// `article_id`: a published article id.
  case articleID = "article_id"
}
