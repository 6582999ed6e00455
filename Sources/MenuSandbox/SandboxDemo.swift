/// The story `menuvault demo` tells against a sandbox, as data: the account it adds and the menus
/// it pulls and publishes. The history browser's tests build their vault from the same account
/// and menus, so a change to the demo is a change to what they check.
public enum SandboxDemo {
  /// The account the demo adds: `demo-shop`.
  public static let account = "demo-shop"

  /// The label of the demo's account.
  public static let label = "sandbox demo"

  /// The menu a colleague set on the mp.weixin.qq.com website, which the demo seeds and pulls
  /// first: `get_current_selfmenu_info`'s shape, with a news and an image button that only the
  /// website makes.
  public static let websiteMenu = #"""
    {"is_menu_open":1,"selfmenu_info":{"button":[
      {"name":"新品","sub_button":{"list":[
        {"type":"view","name":"本周上新","url":"https://shop.example.com/new"},
        {"type":"news","name":"品牌故事","value":"MEDIA_brand_story","news_info":{"list":[{"title":"品牌故事","author":"demo","digest":"","show_cover":1,"cover_url":"https://img.example.com/c.jpg","content_url":"https://mp.weixin.qq.com/s/brand","source_url":""}]}},
        {"type":"img","name":"门店照片","value":"TEMP_photo"}]}},
      {"type":"text","name":"营业时间","value":"每天 10:00-22:00"},
      {"type":"view","name":"会员","url":"https://shop.example.com/member"}]}}
    """#

  /// The good menu the demo publishes: a default menu, and a conditional menu for Android users.
  public static let goodMenu = #"""
    {"button":[
      {"name":"新品","sub_button":[
        {"type":"view","name":"本周上新","url":"https://shop.example.com/new"},
        {"type":"media_id","name":"品牌故事","media_id":"MEDIA_brand_story"}]},
      {"type":"click","name":"营业时间","key":"OPENING_HOURS"},
      {"type":"view","name":"会员","url":"https://shop.example.com/member"}],
     "conditionalmenu":[{"button":[
      {"type":"view","name":"下载App","url":"https://shop.example.com/android"},
      {"type":"view","name":"会员","url":"https://shop.example.com/member"}],
      "matchrule":{"client_platform_type":"2"}}]}
    """#

  /// The bad menu the demo publishes next: the shop link points at a page that does not exist.
  public static let badMenu = #"""
    {"button":[
      {"name":"新品","sub_button":[
        {"type":"view","name":"本周上新","url":"https://shop.example.com/nwe"}]},
      {"type":"click","name":"营业时间","key":"OPENING_HOURS"}]}
    """#
}
