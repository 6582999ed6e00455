/// The messaging platform whose menu API an account speaks.
public enum Platform: String, Sendable, Equatable, CaseIterable, Codable {
  /// A WeChat Official Account or Service Account (`api.weixin.qq.com/cgi-bin/menu/...`).
  case wechat
  /// A Weibo fan-service account (`m.api.weibo.com/2/messages/menu/...`).
  case weibo
}
