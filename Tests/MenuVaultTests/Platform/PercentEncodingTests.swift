import Foundation
import MenuVaultPlatform
import Testing

@Suite("percent-encoding: one encoder for query strings, form bodies and path segments")
struct PercentEncodingTests {
  static let samples = [
    "", "plain-Name_1.2~", "a b", "a+b&c=d", "/?#[]@!$'()*,;:%", "今日歌曲", "<img src=x>",
    "\"quoted\" \\ tab\t\n", "😀", "\u{7F}\u{0}",
  ]

  @Test("only A-Z a-z 0-9 - . _ ~ stay as they are, as Foundation writes it", arguments: samples)
  func encodesAsFoundationDoes(text: String) throws {
    let unreserved = CharacterSet(
      charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    let foundation = try #require(text.addingPercentEncoding(withAllowedCharacters: unreserved))
    #expect(PercentEncoding.encode(text) == foundation)
    #expect(PercentEncoding.decode(PercentEncoding.encode(text), plusIsSpace: true) == text)
    #expect(PercentEncoding.decode(PercentEncoding.encode(text), plusIsSpace: false) == text)
  }

  @Test("the escapes are uppercase and every non-ASCII byte is escaped")
  func escapes() {
    #expect(PercentEncoding.encode("a b/é") == "a%20b%2F%C3%A9")
  }

  @Test("+ is a space in a form or a query, a plus in a path")
  func plus() {
    #expect(PercentEncoding.decode("two+words%2B", plusIsSpace: true) == "two words+")
    #expect(PercentEncoding.decode("two+words%2B", plusIsSpace: false) == "two+words+")
  }

  @Test("a % without two hex digits stays; bytes that are not UTF-8 become U+FFFD")
  func malformed() {
    #expect(PercentEncoding.decode("100%", plusIsSpace: false) == "100%")
    #expect(PercentEncoding.decode("%4", plusIsSpace: false) == "%4")
    #expect(PercentEncoding.decode("%zz%41", plusIsSpace: false) == "%zzA")
    #expect(PercentEncoding.decode("%e4%BB%8a", plusIsSpace: false) == "今")
    #expect(PercentEncoding.decode("%FF", plusIsSpace: false) == "\u{FFFD}")
  }
}
