import Foundation
import MenuVault
import Testing

@Suite("the snapshots of an account's last read")
struct VaultLastReadTests {
  @Test("the snapshots of the newest read among the sources, however many others follow it")
  func newestReadAmongSources() throws {
    let store = try VaultStore.inMemory()
    // A pull at second 10 records menu/get and the website menu together; a pull at 20 only
    // menu/get; then publishes (create) at 30 and 40.
    let get10 = try store.record(SampleMenus.snapshot("A", second: 10, source: .get))
    let selfmenu10 = try store.record(SampleMenus.snapshot("A", second: 10, source: .selfmenu))
    let get20 = try store.record(SampleMenus.snapshot("B", second: 20, source: .get))
    _ = try store.record(SampleMenus.snapshot("C", second: 30, source: .create))
    _ = try store.record(SampleMenus.snapshot("D", second: 40, source: .create))

    #expect(
      try store.lastRead(account: "main", sources: [.get, .selfmenu]).map(\.id) == [get20.id])
    #expect(try store.lastRead(account: "main", sources: [.selfmenu]).map(\.id) == [selfmenu10.id])
    #expect(try store.lastRead(account: "main", sources: [.weiboShow]).isEmpty)
    #expect(try store.lastRead(account: "main", sources: []).isEmpty)

    let get50 = try store.record(SampleMenus.snapshot("E", second: 50, source: .get))
    let selfmenu50 = try store.record(SampleMenus.snapshot("E", second: 50, source: .selfmenu))
    #expect(
      try store.lastRead(account: "main", sources: [.get, .selfmenu]).map(\.id)
        == [selfmenu50.id, get50.id])
    _ = get10
  }

  @Test("an unknown account is an error")
  func unknownAccount() throws {
    let store = try VaultStore.inMemory()
    #expect(throws: VaultStoreError.accountNotFound(name: "nobody")) {
      try store.lastRead(account: "nobody", sources: [.get])
    }
  }
}
