import MenuVault
import Testing

@Suite("buttons")
struct ButtonTests {
  @Test("an empty field value is never stored: not by the initializer, not through fields")
  func emptyFieldsLeftOut() {
    var button = Button(name: "今日歌曲", type: "click", fields: [.key: "", .url: "https://a.b/"])
    #expect(button.fields == [.url: "https://a.b/"])
    button.fields = [.key: "", .mediaID: "MEDIA"]
    #expect(button.fields == [.mediaID: "MEDIA"])
    #expect(button.fields[.key] == nil)
  }
}
