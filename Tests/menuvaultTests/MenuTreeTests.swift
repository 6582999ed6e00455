import MenuVault
import Testing

@testable import menuvault

@Suite("the readable menu tree")
struct MenuTreeTests {
  @Test("every level is drawn, a button nested deeper than allowed too")
  func everyLevel() throws {
    let menu = try Normalizer.normalize(
      Array(
        #"{"button":[{"name":"a","sub_button":[{"name":"b","sub_button":[{"type":"click","name":"c","key":"k"}]},{"type":"view","name":"d","url":"https://e.f/"}]},{"type":"click","name":"g","key":"h"}]}"#
          .utf8))
    #expect(
      menu.menuSet.tree == """
        default menu
        ├─ a
        │  ├─ b
        │  │  └─ c  click key=k
        │  └─ d  view url=https://e.f/
        └─ g  click key=h
        """)
  }
}
