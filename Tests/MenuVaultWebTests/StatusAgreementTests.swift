import Foundation
import HummingbirdTesting
import MenuSandbox
import MenuVault
import MenuVaultWeb
import Testing

/// `status` (a pull, then the account's status) and the overview page (the vault alone) read
/// one rule: across an account's life they name the same state, live snapshot and reference.
@Suite("status and the overview page agree")
struct StatusAgreementTests {
  struct Seen: Equatable, CustomStringConvertible {
    var state: String
    var live: Int64?
    var reference: Int64?
    var description: String {
      "\(state) live \(live.map(String.init) ?? "-") ref \(reference.map(String.init) ?? "-")"
    }
  }

  @Test("never pulled, first pull, publish, a website edit, an empty menu/get, a pending lock")
  func acrossALife() async throws {
    let sandbox = try await SandboxServer.start(SandboxConfiguration())
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-agree-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("vault.sqlite").path
    let store = try VaultStore.open(path: path)
    let workflows = Workflows(store: store)
    let account = try await workflows.addAccount(
      name: "shop",
      settings: AccountSettings(
        platform: .wechat, appID: SandboxConfiguration.App.standard.appID,
        apiBaseURL: sandbox.baseURL.absoluteString))
    let api = try account.menuAPI(credentials: DemoVault.credentials)

    func overview() async throws -> Seen {
      let reader = try VaultStore.openForReading(path: path)
      defer { try? reader.close() }
      let app = try WebServer.buildApplication(
        store: reader, options: try WebServerOptions(port: 80), credentials: DemoVault.credentials,
        logger: .silent)
      return try await app.test(.router) { client in
        let response = try await client.execute(uri: "/", method: .get, headers: .json)
        let rows = try #require(
          try JSONSerialization.jsonObject(with: Data(response.bytes)) as? [[String: Any]])
        let row = try #require(rows.first { $0["name"] as? String == "shop" })
        return Seen(
          state: row["status"] as? String ?? "?",
          live: (row["live_snapshot"] as? Int).map(Int64.init),
          reference: (row["reference_snapshot"] as? Int).map(Int64.init))
      }
    }
    func status() async throws -> Seen {
      let report = try await workflows.status(account: account, api: api)
      #expect(report.status.live?.id == report.pull.live.snapshot.id)
      return Seen(
        state: report.status.state.rawValue, live: report.pull.live.snapshot.id,
        reference: report.reference?.id)
    }

    let never = try await workflows.accountStatus(account)
    #expect(never.state == .neverPulled)
    #expect(try await overview() == Seen(state: "never-pulled", live: nil, reference: nil))

    try await sandbox.seedWebsiteMenu(Array(SandboxDemo.websiteMenu.utf8))
    let first = try await status()
    #expect(first.state == "in-sync" && first.reference == nil)
    #expect(try await overview() == first)

    let published = try await workflows.publish(
      PublishRequest(desired: try Normalizer.normalize(Array(SandboxDemo.goodMenu.utf8))),
      account: account,
      api: api, confirm: { _ in true })
    let afterPublish = try await status()
    #expect(afterPublish.state == "in-sync")
    guard case .published(let outcome) = published else {
      Issue.record("not published: \(published)")
      return
    }
    #expect(afterPublish.reference == outcome.readBack?.live.snapshot.id)
    #expect(try await overview() == afterPublish)

    try await sandbox.seedWebsiteMenu(Array(SandboxDemo.websiteMenu.utf8))
    let drifted = try await status()
    #expect(drifted.state == "drifted")
    #expect(try await overview() == drifted)

    // menu/get answers an empty button list: the website menu is what users see, to both.
    await sandbox.inject(
      SandboxFault(.answer(Array(#"{"menu":{"button":[]}}"#.utf8))), on: "/cgi-bin/menu/get")
    let empty = try await status()
    let emptyLiveID = try #require(empty.live)
    #expect(try store.snapshot(id: emptyLiveID)?.source == .selfmenu)
    #expect(try await overview() == empty)

    _ = try store.beginOperation(account: "shop", kind: .publish, holder: "test", at: .now())
    let locked = try await status()
    #expect(locked.state == "locked")
    #expect(try await overview() == locked)
    await sandbox.stop()
  }
}
