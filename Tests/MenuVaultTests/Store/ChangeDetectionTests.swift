import MenuVault
import Testing

@Suite("what counts as a change in history")
struct ChangeDetectionTests {
  func snapshot(_ json: String, _ source: SnapshotSource, at second: Int64) throws -> NewSnapshot {
    let menu = try Normalizer.normalize(Array(json.utf8))
    return NewSnapshot(
      accountName: "shop", platform: .wechat,
      takenAt: Timestamp(millisecondsSince1970: 1_800_000_000_000 + second * 1000), source: source,
      rawBytes: Array(json.utf8), canonicalBytes: menu.canonicalBytes, fidelity: menu.fidelity)
  }

  @Test(
    "repeated pulls of a menu with a conditional menu are not changes, though get and selfmenu differ"
  )
  func pullsCompareWithinTheirSource() throws {
    let store = try VaultStore.inMemory()
    let full =
      #"{"button":[{"type":"click","name":"a","key":"k"}],"conditionalmenu":[{"button":[{"type":"click","name":"b","key":"k"}],"matchrule":{"sex":"1"}}]}"#
    let defaultOnly = #"{"button":[{"type":"click","name":"a","key":"k"}]}"#
    var flags: [Bool] = []
    for round in 0..<3 {
      let recorded = try store.record([
        try snapshot(full, .get, at: Int64(round * 10)),
        try snapshot(defaultOnly, .selfmenu, at: Int64(round * 10)),
      ])
      flags += recorded.map(\.isChange)
    }
    // The first selfmenu compares with the get before it (no earlier selfmenu): a change, as its
    // content differs; afterwards each read compares with its own previous.
    #expect(flags == [true, true, false, false, false, false])
    #expect(try store.history(account: "shop").count == 2)
  }

  @Test("a source's first snapshot with the same content as the account's last is not a change")
  func firstOfASourceComparesWithTheAccount() throws {
    let store = try VaultStore.inMemory()
    let menu = #"{"button":[{"type":"click","name":"a","key":"k"}]}"#
    let first = try store.record(try snapshot(menu, .create, at: 0))
    let get = try store.record(try snapshot(menu, .get, at: 1))
    let changed = try store.record(
      try snapshot(#"{"button":[{"type":"click","name":"b","key":"k"}]}"#, .get, at: 2))
    #expect([first.isChange, get.isChange, changed.isChange] == [true, false, true])
  }
}
