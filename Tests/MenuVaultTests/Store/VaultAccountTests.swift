import Foundation
import MenuVault
import Testing

@testable import MenuVaultStore

@Suite("accounts and the publish lock")
struct VaultAccountTests {
  static let settings = AccountSettings(
    platform: .wechat, appID: "wx1234567890abcdef", label: "Shop",
    apiBaseURL: "http://127.0.0.1:8080",
    secretEnvironmentVariable: "SHOP_SECRET", tokenEnvironmentVariable: nil, tokenCommand: nil)

  @Test(
    "an account is added, listed, updated, removed and brought back", arguments: VaultKind.allCases)
  func accountLifecycle(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    let time = Timestamp(millisecondsSince1970: SampleMenus.baseMilliseconds)
    let added = try vault.store.addAccount(name: "shop", settings: Self.settings, at: time)
    #expect(added.name == "shop" && added.settings == Self.settings && added.createdAt == time)
    #expect(try vault.store.accounts() == [added])
    #expect(throws: VaultStoreError.accountExists(name: "shop")) {
      try vault.store.addAccount(name: "shop", settings: Self.settings)
    }

    var changed = Self.settings
    changed.label = "Shop (main)"
    changed.tokenCommand = "pass show shop-token"
    #expect(try vault.store.updateAccount(name: "shop", settings: changed).settings == changed)
    var weibo = changed
    weibo.platform = .weibo
    #expect(
      throws: VaultStoreError.platformMismatch(account: "shop", recorded: .wechat, given: .weibo)
    ) { try vault.store.updateAccount(name: "shop", settings: weibo) }

    _ = try vault.store.record(SampleMenus.snapshot("A", account: "shop", second: 0))
    try vault.store.removeAccount(name: "shop")
    #expect(try vault.store.accounts().isEmpty)
    #expect(try vault.store.accounts(includeRemoved: true).map(\.name) == ["shop"])
    #expect(try vault.store.history(account: "shop").count == 1)
    #expect(throws: VaultStoreError.accountNotFound(name: "shop")) {
      try vault.store.removeAccount(name: "shop")
    }

    let back = try vault.store.addAccount(name: "shop", settings: Self.settings)
    #expect(back.id == added.id && back.removedAt == nil && back.settings == Self.settings)
    #expect(try vault.store.history(account: "shop").count == 1)
  }

  @Test(
    "a second operation on an account is refused while one is pending",
    arguments: VaultKind.allCases)
  func pendingOperationIsALock(kind: VaultKind) throws {
    let vault = try TestVault(kind)
    try vault.store.addAccount(name: "shop", settings: Self.settings)
    try vault.store.addAccount(name: "other", settings: Self.settings)
    let start = Timestamp(millisecondsSince1970: SampleMenus.baseMilliseconds)
    let publish = try vault.store.beginOperation(
      account: "shop", kind: .publish, holder: "pid 4242", at: start)
    #expect(publish.status == .pending && publish.finishedAt == nil)

    let refused = VaultStoreError.operationPending(publish)
    #expect(throws: refused) { try vault.store.beginOperation(account: "shop", kind: .rollback) }
    #expect(
      refused.errorDescription
        == "account 'shop' is locked: publish operation \(publish.id) started "
        + "2026-11-21T00:00:00.000Z by pid 4242 is still pending; wait for it, or clear the lock "
        + "if its process died")
    // Another account is not locked.
    _ = try vault.store.beginOperation(account: "other", kind: .delete)

    let live = try vault.store.record(SampleMenus.snapshot("A", account: "shop", second: 0))
    try vault.store.markOperationStep(
      id: publish.id, step: .step(.snapshotLive), beforeSnapshotID: live.id)
    try vault.store.markOperationStep(id: publish.id, step: .step(.createMenu))
    let done = try vault.store.finishOperation(
      id: publish.id, status: .deployed, afterSnapshotID: live.id)
    #expect(
      done.status == .deployed && done.step == .step(.createMenu)
        && done.beforeSnapshotID == live.id)
    #expect(done.afterSnapshotID == live.id && done.finishedAt != nil)
    #expect(throws: VaultStoreError.operationFinished(id: publish.id, status: .deployed)) {
      try vault.store.finishOperation(id: publish.id, status: .failed, reason: "late")
    }
    let rollback = try vault.store.beginOperation(
      account: "shop", kind: .rollback, targetSnapshotID: live.id)
    #expect(try vault.store.pendingOperation(account: "shop") == rollback)
    #expect(try vault.store.operations(account: "shop").map(\.id) == [rollback.id, publish.id])
  }

  @Test("an operation that names a missing snapshot is refused and takes no lock")
  func missingSnapshotIsRefused() throws {
    let vault = try TestVault(.memory)
    try vault.store.addAccount(name: "shop", settings: Self.settings)
    #expect(throws: VaultStoreError.snapshotNotFound(id: 9)) {
      try vault.store.beginOperation(account: "shop", kind: .rollback, targetSnapshotID: 9)
    }
    #expect(try vault.store.pendingOperation(account: "shop") == nil)
    let operation = try vault.store.beginOperation(account: "shop", kind: .publish)
    #expect(throws: VaultStoreError.snapshotNotFound(id: 10)) {
      try vault.store.finishOperation(id: operation.id, status: .deployed, afterSnapshotID: 10)
    }
    #expect(try vault.store.pendingOperation(account: "shop")?.id == operation.id)
  }

  @Test("a lock left by a dead process can be cleared and is kept as a failed operation")
  func staleLockIsCleared() throws {
    let vault = try TestVault(.memory)
    try vault.store.addAccount(name: "shop", settings: Self.settings)
    let stale = try vault.store.beginOperation(account: "shop", kind: .publish, holder: "pid 1")
    let cleared = try #require(try vault.store.clearPendingOperation(account: "shop"))
    #expect(cleared.id == stale.id && cleared.status == .failed)
    #expect(cleared.reason == "cleared: the process that started it no longer runs")
    #expect(try vault.store.pendingOperation(account: "shop") == nil)
    #expect(try vault.store.clearPendingOperation(account: "shop") == nil)
    _ = try vault.store.beginOperation(account: "shop", kind: .publish)
  }

  @Test("a finished operation cannot be changed even with SQL")
  func finishedOperationIsImmutable() throws {
    let vault = try TestVault(.memory)
    try vault.store.addAccount(name: "shop", settings: Self.settings)
    let operation = try vault.store.beginOperation(account: "shop", kind: .publish)
    try vault.store.finishOperation(id: operation.id, status: .failed, reason: "timeout")
    #expect(throws: (any Error).self) {
      try vault.store.writer.write {
        try $0.execute(sql: "UPDATE operation SET status = 'deployed'")
      }
    }
    #expect(try vault.store.operation(id: operation.id)?.status == .failed)
  }
}

@Suite("timestamps in ISO-8601 with milliseconds")
struct TimestampTests {
  @Test(
    "a timestamp prints with milliseconds and Z and parses back",
    arguments: [
      (Int64(1_795_249_800_123), "2026-11-21T08:30:00.123Z"),
      (0, "1970-01-01T00:00:00.000Z"),
      (-1, "1969-12-31T23:59:59.999Z"),
      (951_782_400_000, "2000-02-29T00:00:00.000Z"),
      (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
  func roundTrip(milliseconds: Int64, text: String) {
    let timestamp = Timestamp(millisecondsSince1970: milliseconds)
    #expect(timestamp.iso8601 == text)
    #expect(Timestamp(iso8601: text) == timestamp)
    #expect(timestamp.iso8601 == ISO8601Reference.string(milliseconds))
  }

  @Test(
    "other ISO-8601 spellings parse to the same moment",
    arguments: [
      ("2026-11-21T08:30:00Z", Int64(1_795_249_800_000)),
      ("2026-11-21T08:30:00.1Z", 1_795_249_800_100),
      ("2026-11-21T08:30:00.123456Z", 1_795_249_800_123),
      ("2026-11-21T16:30:00.123+08:00", 1_795_249_800_123),
      ("2026-11-21T03:00:00-05:30", 1_795_249_800_000),
    ])
  func otherSpellings(text: String, milliseconds: Int64) {
    #expect(Timestamp(iso8601: text)?.millisecondsSince1970 == milliseconds)
  }

  @Test(
    "impossible or incomplete times are refused",
    arguments: [
      "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21",
      "2026-11-21T08:30:00", "2026-11-21T08:30:00.Z", "2026-11-21T08:30:00Zjunk", "",
      "2026-11-21 08:30:00Z",
    ])
  func refused(text: String) {
    #expect(Timestamp(iso8601: text) == nil)
  }
}

/// Foundation's formatter, used only to check the hand-written one.
enum ISO8601Reference {
  static func string(_ milliseconds: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
  }
}
