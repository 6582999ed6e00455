import Foundation
import GRDB
import MenuVault
import Testing

@testable import MenuVaultStore

/// The account state kept current by every write, and retention's guard.
@Suite("the account state and what may be deleted")
struct AccountStateTests {
  @Test("a failed pull counts, a good pull clears the count", arguments: VaultKind.allCases)
  func failuresCountAndClear(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    let store = vault.store
    _ = try store.record(SampleMenus.snapshot("A", second: 0))
    let later = Timestamp(millisecondsSince1970: SampleMenus.baseMilliseconds + 10_000)
    try store.recordPullFailure(account: "main", message: "refused (40001)", at: later)
    try store.recordPullFailure(account: "main", message: "refused again (40001)", at: later)
    var record = try #require(try store.accountStates(names: ["main"]).first)
    #expect(record.consecutiveFailures == 2)
    #expect(record.lastError == "refused again (40001)")
    #expect(record.lastAttemptAt == later)
    #expect(AccountStatus(record).state == .failing)
    // A pull recorded from before the failures (an import of old reads) clears nothing.
    _ = try store.record(SampleMenus.snapshot("A", second: 5))
    #expect(try store.accountStates(names: ["main"]).first?.consecutiveFailures == 2)
    _ = try store.record(SampleMenus.snapshot("A", second: 20))
    record = try #require(try store.accountStates(names: ["main"]).first)
    #expect(record.consecutiveFailures == 0)
    #expect(record.lastError == nil)
    #expect(AccountStatus(record).state == .inSync)
  }

  @Test("live, reference and changes follow each recorded pull", arguments: VaultKind.allCases)
  func followsPulls(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    let store = vault.store
    try store.addAccount(name: "main", settings: AccountSettings(platform: .wechat))
    var record = try #require(try store.accountStates().first)
    #expect(record.live == nil)
    #expect(AccountStatus(record).state == .neverPulled)
    let first = try store.record(SampleMenus.snapshot("A", second: 0))
    let second = try store.record(SampleMenus.snapshot("B", second: 1))
    record = try #require(try store.accountStates().first)
    #expect(record.live?.id == second.id)
    #expect(record.reference?.id == first.id)
    #expect(record.referenceOperation == nil)
    #expect(record.changes == 2)
    #expect(AccountStatus(record).state == .drifted)
    let third = try store.record(SampleMenus.snapshot("B", second: 2))
    record = try #require(try store.accountStates().first)
    #expect(record.live?.id == third.id)
    #expect(record.reference?.id == second.id)
    #expect(AccountStatus(record).state == .inSync)
  }

  @Test("a change is never deleted; an unchanged re-fetch nothing points at may be")
  func retentionGuard() throws {
    let vault = try TestVault(.file)
    let store = vault.store
    let change = try store.record(SampleMenus.snapshot("A", second: 0))
    let refetch = try store.record(SampleMenus.snapshot("A", second: 1))
    let reference = try store.record(SampleMenus.snapshot("A", second: 2))
    let live = try store.record(SampleMenus.snapshot("A", second: 3))
    #expect(!refetch.isChange)
    for id in [change.id, reference.id, live.id] {
      #expect(throws: DatabaseError.self, "snapshot \(id)") {
        try store.writer.write {
          try $0.execute(sql: "DELETE FROM snapshot WHERE id = ?", arguments: [id])
        }
      }
    }
    try store.writer.write {
      try $0.execute(sql: "DELETE FROM snapshot WHERE id = ?", arguments: [refetch.id])
    }
    #expect(try store.verify().isOK)
    #expect(try store.verify().snapshotCount == 3)
  }

  @Test("a thousand accounts' states come back in one call, each with its live and reference")
  func thousandAccountsOneRead() throws {
    let vault = try TestVault(.memory)
    var snapshots: [NewSnapshot] = []
    for index in 0..<1000 {
      snapshots.append(SampleMenus.snapshot("A", account: "shop-\(index)", second: 0))
      snapshots.append(SampleMenus.snapshot("B", account: "shop-\(index)", second: 1))
    }
    _ = try vault.store.record(snapshots)
    let states = try vault.store.accountStates()
    #expect(states.count == 1000)
    #expect(states.allSatisfy { AccountStatus($0).state == .drifted })
    #expect(states.allSatisfy { $0.reference != nil && $0.changes == 2 })
  }
}
