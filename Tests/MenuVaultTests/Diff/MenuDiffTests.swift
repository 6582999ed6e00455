import MenuVault
import Testing

@testable import MenuVaultCore

@Suite("structural diff by button path")
struct MenuDiffTests {
  func set(_ json: String) throws -> MenuSet {
    try Normalizer.normalize(Array(json.utf8)).menuSet
  }

  @Test("identical menus from different shapes have no diff")
  func identical() throws {
    let create = try Normalizer.normalize(TestFixtures.bytes("api/sample-create.json")).menuSet
    let get = try Normalizer.normalize(TestFixtures.bytes("api/sample-menu-get.json")).menuSet
    #expect(MenuDiff(from: create, to: get).isEmpty)
  }

  @Test("a changed url, an added and a removed sub-button, a moved button")
  func realLookingChanges() throws {
    let old = try Normalizer.normalize(TestFixtures.bytes("api/sample-create.json")).menuSet
    var new = old
    new.defaultMenu.buttons[1].subButtons[0][.url] = "https://www.sogou.com/"
    new.defaultMenu.buttons[1].subButtons.remove(at: 1)
    new.defaultMenu.buttons[1].subButtons.append(.leaf("新品", .view, [.url: "https://shop/"]))
    new.defaultMenu.buttons.swapAt(0, 1)
    let lines = MenuDiff(from: old, to: new).changes.map(\.line)
    #expect(
      lines == [
        "> button[0] \"菜单\" moved from button[1]",
        "> button[0].sub_button[0] \"搜索\" moved from button[1].sub_button[0]",
        "~ button[0].sub_button[0].url: \"http://www.soso.com/\" -> \"https://www.sogou.com/\"",
        "> button[0].sub_button[1] \"赞一下我们\" moved from button[1].sub_button[2]",
        "+ button[0].sub_button[2] \"新品\" view url=https://shop/",
        "> button[1] \"今日歌曲\" moved from button[0]",
        "- button[1].sub_button[1] \"视频\" view url=http://v.qq.com/",
      ])
  }

  @Test("a renamed button in the same place is a changed name")
  func rename() throws {
    let old = try set(#"{"button":[{"type":"click","name":"A","key":"k"}]}"#)
    let new = try set(#"{"button":[{"type":"click","name":"B","key":"k"}]}"#)
    let changes = MenuDiff(from: old, to: new).changes
    #expect(
      changes == [
        MenuChange(kind: .changed, path: "button[0]", field: "name", oldValue: "A", newValue: "B")
      ])
  }

  @Test("conditional menus are matched by their match rule, not their position")
  func conditionalMatchedByRule() throws {
    let leaf = #"{"type":"click","name":"a","key":"k"}"#
    let old = try set(
      #"{"button":[\#(leaf)],"conditionalmenu":[{"button":[\#(leaf)],"matchrule":{"tag_id":"1"}},{"button":[\#(leaf)],"matchrule":{"tag_id":"2"}}]}"#
    )
    let new = try set(
      #"{"button":[\#(leaf)],"conditionalmenu":[{"button":[{"type":"click","name":"a","key":"k2"}],"matchrule":{"tag_id":"2"}},{"button":[\#(leaf)],"matchrule":{"sex":"1"}}]}"#
    )
    let lines = MenuDiff(from: old, to: new).changes.map(\.line)
    #expect(
      lines == [
        "> conditionalmenu[0] matchrule {tag_id=2} moved from conditionalmenu[1]",
        "~ conditionalmenu[0].button[0].key: \"k\" -> \"k2\"",
        "+ conditionalmenu[1] matchrule {sex=1} [inactive: sex] with 1 button(s)",
        "- conditionalmenu[0] matchrule {tag_id=1} with 1 button(s)",
      ])
  }
}
