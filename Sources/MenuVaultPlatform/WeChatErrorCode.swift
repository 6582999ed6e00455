/// WeChat's error codes for the menu and token endpoints: the `errmsg` the server sends and what
/// the code means, from the API pages and the codes SDKs document.
///
/// One table serves both sides: the clients explain a code with ``meaning(of:)``, and the sandbox
/// answers with ``message(for:)``.
public enum WeChatErrorCode {
  /// The system is busy (`-1`): retried with backoff.
  public static let systemBusy = -1
  /// The access token is invalid or not the latest (`40001`).
  public static let invalidCredential = 40001
  /// The app id is unknown (`40013`).
  public static let invalidAppID = 40013
  /// The app secret is wrong (`40125`).
  public static let invalidAppSecret = 40125
  /// The caller's IP address is not on the account's IP whitelist (`40164`).
  public static let ipNotWhitelisted = 40164
  /// The access token is malformed (`40014`).
  public static let invalidAccessToken = 40014
  /// The access token has expired (`42001`).
  public static let accessTokenExpired = 42001
  /// The daily call quota is used up (`45009`): retried with backoff.
  public static let dailyQuotaReached = 45009
  /// There is no menu (`46003`): menu/get's answer for an account without an API-set menu.
  public static let menuDoesNotExist = 46003

  /// The codes that mean the access token must be replaced: 40001, 42001, 40014.
  public static let tokenRejections: Set<Int> = [
    invalidCredential, accessTokenExpired, invalidAccessToken,
  ]

  /// The codes after which a token from `cgi-bin/stable_token` is replaced with
  /// `force_refresh: true`: 40001 (invalid or not the latest) and 42001 (expired). Forcing starts
  /// the expiry of the token every other system of the same app holds, so nothing else forces:
  /// a malformed token (40014) is replaced by asking again without forcing, and a token that
  /// merely nears its expiry the same way.
  public static let forcedRefreshTriggers: Set<Int> = [invalidCredential, accessTokenExpired]

  /// The codes that mean the app id and secret were refused: 40013, 40125, 40164 (no new token
  /// helps; the account's settings or the platform's configuration must change).
  public static let credentialRejections: Set<Int> = [
    invalidAppID, invalidAppSecret, ipNotWhitelisted,
  ]

  /// The codes that are worth retrying after a pause: -1 (busy) and 45009 (quota).
  public static let retryable: Set<Int> = [systemBusy, dailyQuotaReached]

  /// The `errmsg` WeChat sends with `code` (without the `rid` suffix the real server appends).
  public static func message(for code: Int) -> String {
    table[code]?.message ?? "unknown error"
  }

  /// What `code` means and what to do about it, one lowercase sentence; `nil` for a code this
  /// table does not know.
  public static func meaning(of code: Int) -> String? {
    table[code]?.meaning
  }

  private static let table: [Int: (message: String, meaning: String)] = [
    -1: ("system error", "the WeChat server is busy: try again in a few minutes"),
    40001: (
      "invalid credential, access_token is invalid or not latest",
      "the access token is invalid or not the latest one (another server may have fetched a "
        + "new one): get a new token"
    ),
    40002: ("invalid grant_type", "grant_type must be client_credential"),
    40007: ("invalid media_id", "the media_id is not a valid permanent material id"),
    40013: (
      "invalid appid",
      "the app id is wrong: check it on the platform's basic configuration page"
    ),
    40014: (
      "invalid access_token",
      "the access token is malformed: check that the whole token was given"
    ),
    40015: ("invalid menu type", "a button type is not one the menu API knows"),
    40016: ("invalid button size", "a menu needs 1-3 top-level buttons"),
    40017: (
      "invalid button type",
      "a top-level button has an unknown type or a parent carries a type (some SDKs read this "
        + "code as a wrong sub-button count)"
    ),
    40018: (
      "invalid button name size",
      "a top-level button name is empty or longer than 16 bytes"
    ),
    40019: (
      "invalid button key size",
      "a top-level button key is missing or longer than 128 bytes"
    ),
    40020: (
      "invalid button url size",
      "a top-level button url is missing or longer than 1024 bytes"
    ),
    40021: ("invalid menu version", "the menu version is invalid"),
    40022: ("invalid sub menu level", "a sub-button cannot have sub-buttons of its own"),
    40023: ("invalid sub button size", "a parent button needs 1-5 sub-buttons"),
    40024: ("invalid sub button type", "a sub-button has a missing or unknown type"),
    40025: (
      "invalid sub button name size",
      "a sub-button name is empty or longer than 60 bytes"
    ),
    40026: (
      "invalid sub button key size",
      "a sub-button key is missing or longer than 128 bytes"
    ),
    40027: (
      "invalid sub button url size",
      "a sub-button url is missing or longer than 1024 bytes (also sent when a view "
        + "sub-button has no url)"
    ),
    40028: ("invalid menu api user", "this account may not use the menu API"),
    40054: ("invalid sub button url domain", "a sub-button url has a domain WeChat refuses"),
    40055: ("invalid button url domain", "a top-level button url has a domain WeChat refuses"),
    40125: (
      "invalid appsecret",
      "the app secret is wrong or was reset: check it on the platform's basic configuration page"
    ),
    40164: (
      "invalid ip, not in whitelist",
      "this machine's IP address is not on the account's IP whitelist: add it on the platform"
    ),
    41001: ("access_token missing", "the request carried no access token"),
    42001: ("access_token expired", "the access token has expired: get a new token"),
    43002: ("require POST method", "this endpoint must be called with POST"),
    44002: ("empty post data", "the request body was empty"),
    45009: (
      "reach max api daily quota limit",
      "the daily call quota is used up: wait for tomorrow or clear the quota on the platform"
    ),
    46002: ("no menu version", "the menu version does not exist"),
    46003: ("menu no exist", "the account has no menu set through the API"),
    47001: ("data format error", "the request body is not the JSON the endpoint expects"),
    65301: (
      "no such conditional menu",
      "there is no conditional menu with this menuid (read menu/get again for the current ids)"
    ),
    65302: ("no such user", "there is no follower with this openid or WeChat id"),
    65303: (
      "there is no selfmenu, please create selfmenu first",
      "a conditional menu needs a default menu: create the default menu first"
    ),
    65304: ("match rule empty", "a conditional menu needs a match rule with at least one field"),
    65305: ("menu count limit", "the account has the most conditional menus it may have"),
    65306: (
      "not support conditional menu",
      "this account type does not support conditional menus"
    ),
    65307: ("conditional menu is empty", "a conditional menu needs buttons"),
    65308: ("button lack of type", "a button without sub-buttons needs a type"),
    65309: (
      "conditional menu switch is closed",
      "conditional menus are switched off for this account"
    ),
    65310: ("country info is empty", "the match rule has a province or city but no country"),
    65311: ("province info is empty", "the match rule has a city but no province"),
    65312: ("invalid country info", "the match rule's country is unknown"),
    65313: ("invalid province info", "the match rule's province is unknown"),
    65314: ("invalid city info", "the match rule's city is unknown"),
    65316: (
      "domain count reach limit",
      "the menu links to more than 3 domains"
    ),
    65317: ("contain invalid url", "a button url is not a valid URL"),
    65318: ("must use utf-8 charset", "the request body must be UTF-8"),
    65319: ("not support to create menu", "this account may not create menus"),
    65320: (
      "matchrule contains privacy fields (sex, country, province, city, language), which are no "
        + "longer supported",
      "the match rule uses sex, country, province, city or language, which WeChat no longer "
        + "matches on for privacy: give those users a tag and match on tag_id instead"
    ),
  ]
}
