import Foundation
import MenuVault
import Testing

@testable import MenuVaultStore

@Suite("export to NDJSON and restore")
struct VaultExportTests {
  /// A vault with two accounts, an unchanged re-fetch, a rollback and a non-UTF-8 raw response.
  static func populated(_ kind: VaultKind) throws -> TestVault {
    let vault = try TestVault(kind)
    let first = try vault.store.record(SampleMenus.snapshot("A", second: 0))
    _ = try vault.store.record([
      SampleMenus.snapshot("A", second: 60),
      SampleMenus.snapshot(
        "B\n\"quoted\" \\ tab\t", second: 120, source: .create, menuIDs: [], isMenuOpen: nil),
      SampleMenus.snapshot(
        "A", second: 180, source: .rollback, menuIDs: ["1", "2"], isMenuOpen: false,
        rollbackOf: first.id),
      SampleMenus.snapshot(
        "S", account: "weibo-shop", platform: .weibo, second: 10, source: .weiboShow,
        raw: [0xFF, 0xFE, 0x00, 0x7B]),
    ])
    return vault
  }

  @Test(
    "export then restore into a fresh vault gives identical hashes and metadata",
    arguments: VaultKind.allCases)
  func exportRestoreRoundTrip(kind: VaultKind) throws {
    let source = try Self.populated(kind)
    let exported = try source.store.exportBytes()
    let lines = exported.split(separator: UInt8(ascii: "\n"))
    #expect(lines.count == 5)

    let target = try TestVault(kind)
    let report = try target.store.restore(from: exported)
    #expect(
      report
        == RestoreReport(
          snapshotLines: 5, snapshotsAdded: 5, snapshotsAlreadyPresent: 0, blobsAdded: 6,
          accountsCreated: 2))
    for account in ["main", "weibo-shop"] {
      let original = try source.store.history(account: account, changesOnly: false)
      let restored = try target.store.history(account: account, changesOnly: false)
      #expect(restored == original)
      for info in original {
        #expect(
          try target.store.rawBytes(snapshotID: info.id)
            == source.store.rawBytes(snapshotID: info.id))
      }
    }
    #expect(try target.store.exportBytes() == exported)
    #expect(try target.store.verify().isOK)
  }

  @Test("restoring the same file twice adds nothing the second time")
  func restoreIsIdempotent() throws {
    let exported = try Self.populated(.memory).store.exportBytes()
    let target = try TestVault(.file)
    try target.store.restore(from: exported)
    let again = try target.store.restore(from: exported)
    #expect(
      again
        == RestoreReport(
          snapshotLines: 5, snapshotsAdded: 0, snapshotsAlreadyPresent: 5, blobsAdded: 0,
          accountsCreated: 0))
    #expect(try target.store.verify().snapshotCount == 5)
  }

  @Test("an export line has the documented keys in order")
  func exportLineShape() throws {
    let vault = try TestVault(.memory)
    _ = try vault.store.record(SampleMenus.snapshot("A", second: 0))
    let line = String(decoding: try vault.store.exportBytes(account: "main"), as: UTF8.self)
    let hash = ContentHash.sha256Hex(SampleMenus.canonical("A"))
    let rawHash = ContentHash.sha256Hex(SampleMenus.raw("A"))
    let raw = String(decoding: SampleMenus.raw("A"), as: UTF8.self)
      .replacingOccurrences(of: "\"", with: "\\\"")
    let normalized = String(decoding: SampleMenus.canonical("A"), as: UTF8.self)
    #expect(
      line
        == #"{"id":1,"account":"main","platform":"wechat","taken_at":"2026-11-21T00:00:00.123Z","#
        + #""source":"get","hash":"\#(hash)","raw_hash":"\#(rawHash)","fidelity":"exact","#
        + #""rollback_of":null,"menu_ids":["208396938"],"is_menu_open":true,"#
        + #""raw":"\#(raw)","normalized":\#(normalized)}"# + "\n")
  }

  @Test("raw bytes that are not UTF-8 are exported as raw_base64")
  func nonUTF8RawIsBase64() throws {
    let vault = try Self.populated(.memory)
    let exported = try vault.store.exportBytes(account: "weibo-shop")
    let text = String(decoding: exported, as: UTF8.self)
    #expect(text.contains(#""raw_base64":"//4Aew==""#))
    #expect(!text.contains(#""raw":"#))
  }

  @Test("a tampered line is refused by its number and nothing is written")
  func tamperedLineIsRefused() throws {
    let exported = try Self.populated(.memory).store.exportBytes()
    var lines = exported.split(separator: UInt8(ascii: "\n")).map {
      String(decoding: $0, as: UTF8.self)
    }
    let original = lines[2]
    lines[2] = original.replacingOccurrences(of: #""name":"官网""#, with: #""name":"官方""#)
    #expect(lines[2] != original)
    let tampered = Array((lines.joined(separator: "\n") + "\n").utf8)

    let target = try TestVault(.file)
    let recorded = ContentHash.sha256Hex(SampleMenus.canonical("B\n\"quoted\" \\ tab\t"))
    var computed = ""
    do {
      try target.store.restore(from: tampered)
      Issue.record("a tampered restore succeeded")
    } catch let VaultStoreError.restoreHashMismatch(line, key, found, hash) {
      #expect(line == 3 && key == "hash" && found == recorded)
      computed = hash
    }
    #expect(computed.count == 64 && computed != recorded)
    let report = try target.store.verify()
    #expect(report.snapshotCount == 0 && report.blobCount == 0 && report.accountCount == 0)
  }

  @Test("a tampered raw text is refused by raw_hash")
  func tamperedRawIsRefused() throws {
    let exported = String(decoding: try Self.populated(.memory).store.exportBytes(), as: UTF8.self)
    let tampered = exported.replacingOccurrences(of: "208396938}}", with: "208396939}}")
    let target = try TestVault(.memory)
    #expect {
      try target.store.restore(from: Array(tampered.utf8))
    } throws: { error in
      guard case VaultStoreError.restoreHashMismatch(1, "raw_hash", _, _) = error else {
        return false
      }
      return true
    }
    #expect(try target.store.verify().snapshotCount == 0)
  }

  @Test(
    "a line that is not a snapshot is refused by its number",
    arguments: [
      ("not json", "not valid JSON"),
      ("[1]", "not a JSON object"),
      (#"{"id":1}"#, "account must be a string"),
    ])
  func malformedLineIsRefused(line: String, problem: String) throws {
    let exported = String(decoding: try Self.populated(.memory).store.exportBytes(), as: UTF8.self)
    let bytes = Array((exported + "\n" + line + "\n").utf8)
    let target = try TestVault(.memory)
    #expect {
      try target.store.restore(from: bytes)
    } throws: { error in
      guard case VaultStoreError.restoreLineInvalid(7, let message) = error else { return false }
      return message.hasPrefix(problem)
    }
    #expect(try target.store.verify().snapshotCount == 0)
  }

  @Test("restore into a vault where the account is on another platform names the line")
  func platformConflictNamesTheLine() throws {
    let exported = try Self.populated(.memory).store.exportBytes()
    let target = try TestVault(.memory)
    _ = try target.store.record(SampleMenus.snapshot("Z", account: "weibo-shop", second: 0))
    #expect {
      try target.store.restore(from: exported)
    } throws: { error in
      guard case VaultStoreError.restoreLineInvalid(5, let message) = error else { return false }
      return message.hasPrefix("account 'weibo-shop' is a wechat account")
    }
    #expect(try target.store.verify().snapshotCount == 1)
  }
}
