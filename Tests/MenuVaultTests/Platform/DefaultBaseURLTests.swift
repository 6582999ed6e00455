import Foundation
import MenuVaultPlatform
import Testing

@Suite("the platforms' API bases, written once in the source")
struct DefaultBaseURLTests {
  @Test("WeChat's and Weibo's default base URLs are the platforms' own hosts")
  func defaultBaseURLs() {
    #expect(WeChatClient.defaultBaseURL.absoluteString == "https://api.weixin.qq.com/")
    #expect(WeiboClient.defaultBaseURL.absoluteString == "https://m.api.weibo.com/")
  }
}
