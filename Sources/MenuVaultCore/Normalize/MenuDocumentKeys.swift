import MenuVaultJSON

/// The member names of the menu API documents (create payloads, `menu/get`,
/// `get_current_selfmenu_info`, Weibo `menu/show`, error answers), for the parser to hand out
/// without decoding them again for every button of every document.
enum MenuDocumentKeys {
  /// The names as a key table for ``JSONParser``.
  static let table = JSONKeyTable([
    "button", "sub_button", "list", "type", "name", "key", "url", "media_id", "appid",
    "pagepath", "article_id", "value", "news_info", "title", "author", "digest", "show_cover",
    "cover_url", "content_url", "source_url", Button.unpublishableMarker, "menu", "menuid",
    "conditionalmenu", "matchrule", "tag_id", "group_id", "sex", "country", "province",
    "city", "client_platform_type", "language", "selfmenu_info", "is_menu_open", "errcode",
    "errmsg",
  ])
}
