import Foundation
import MenuSandbox
import MenuVault
import Testing

/// The whole story through the public API alone, as a server app would drive it: no
/// `@testable`, no command-line code.
@Suite("the library's public API tells the whole story")
struct LibraryStoryTests {
  static let website = #"""
    {"is_menu_open":1,"selfmenu_info":{"button":[
      {"type":"click","name":"营业时间","key":"HOURS"},
      {"type":"view","name":"官网","url":"https://shop.example.com/"}]}}
    """#
  static let good = #"""
    {"button":[{"name":"新品","sub_button":[{"type":"view","name":"本周上新","url":"https://shop.example.com/new"}]},
     {"type":"click","name":"营业时间","key":"OPENING_HOURS"}],
     "conditionalmenu":[{"button":[{"type":"view","name":"下载App","url":"https://shop.example.com/android"}],
     "matchrule":{"client_platform_type":"2"}}]}
    """#
  static let bad =
    #"{"button":[{"type":"view","name":"本周上新","url":"https://shop.example.com/nwe"}]}"#

  @Test("add account, pull a website menu, publish, a bad publish, rollback, in sync, verify")
  func story() async throws {
    let server = try await SandboxServer.start(SandboxConfiguration())
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-story-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
      try await Self.tell(server: server, vault: directory.appendingPathComponent("v.sqlite").path)
    } catch {
      await server.stop()
      throw error
    }
    await server.stop()
  }

  static func tell(server: SandboxServer, vault: String) async throws {
    let workflows = Workflows(store: try VaultStore.open(path: vault))
    let account = try await workflows.addAccount(
      name: "shop",
      settings: AccountSettings(
        platform: .wechat, appID: SandboxConfiguration.App.standard.appID,
        apiBaseURL: server.baseURL.absoluteString))
    let api = try account.menuAPI(
      credentials: CredentialVariables([
        AccountSettings.defaultSecretVariable: SandboxConfiguration.App.standard.secret
      ]))

    try await server.seedWebsiteMenu(Array(website.utf8))
    let pulled = try await workflows.pull(account: account, api: api)
    #expect(
      pulled.live.response.source == .selfmenu, "menu/get says 46003: the website menu is live")
    #expect(pulled.live.menu.menuSet.defaultMenu.buttons.map(\.name) == ["营业时间", "官网"])

    func publish(_ text: String) async throws -> PublishOutcome {
      let desired = try Normalizer.normalize(Array(text.utf8))
      let result = try await workflows.publish(
        PublishRequest(desired: desired), account: account, api: api, confirm: { _ in true })
      guard case .published(let outcome) = result else {
        throw StoryFailure(what: "not published: \(result)")
      }
      return outcome
    }
    let good = try await publish(good)
    let goodSent = try #require(good.sent)
    #expect(
      good.plan.diff.changes.contains { $0.path == "conditionalmenu[0]" && $0.kind == .added })
    let bad = try await publish(bad)
    #expect(
      bad.plan.diff.changes.contains { $0.kind == .removed && $0.path == "conditionalmenu[0]" })

    let target = try await workflows.snapshot(goodSent.id)
    let rollback = try await workflows.publish(
      PublishRequest(rollingBackTo: target), account: account, api: api, confirm: { _ in true })
    guard case .published(let outcome) = rollback, let sent = outcome.sent else {
      Issue.record("the rollback did not publish: \(rollback)")
      return
    }
    #expect(sent.contentHash == goodSent.contentHash)
    #expect(try await workflows.snapshot(sent.id).info.rollbackOf == goodSent.id)

    let again = try await workflows.publish(
      PublishRequest(rollingBackTo: target), account: account, api: api, confirm: { _ in true })
    guard case .alreadyLive(_, let operation) = again else {
      Issue.record("a second rollback should find the menu live: \(again)")
      return
    }
    #expect(operation?.status == .deployed)

    let status = try await workflows.status(account: account, api: api)
    #expect(status.isInSync)
    #expect(status.pendingOperation == nil)
    let history = try await workflows.history(account: "shop")
    #expect(history.first { $0.source == .get }?.hash == goodSent.contentHash)
    #expect(history.contains { $0.rollbackOf == goodSent.id })
    #expect(try workflows.store.verify().isOK)
  }
}

struct StoryFailure: Error, CustomStringConvertible {
  var what: String
  var description: String { what }
}
