import Foundation
import MenuVault
import Testing

@Suite("publish under the account's lock")
struct PublishLockTests {
  @Test("a menu changed between the plan and the publish: nothing is sent, the failure says why")
  func liveChangedSincePlan() async throws {
    try await SandboxHarness.run { harness in
      let store = try VaultStore.inMemory()
      let account = try store.addAccount(
        name: "shop", settings: AccountSettings(platform: .wechat, appID: SandboxHarness.appID))
      let workflows = Workflows(store: store)
      let api = WeChatMenuAPI(client: harness.wechat())
      let desired = try Normalizer.normalize(
        Array(#"{"button":[{"type":"click","name":"新品","key":"NEW"}]}"#.utf8))
      let request = PublishRequest(desired: desired)
      let plan = try await workflows.plan(request, account: account, api: api)

      // A colleague publishes after our plan was shown and before we go ahead.
      _ = try await harness.wechat().createMenu(TestMenus.basic)
      do {
        _ = try await workflows.execute(plan, request: request, account: account, api: api)
        Issue.record("the publish went ahead on a stale plan")
      } catch WorkflowError.liveChangedSincePlan(let planned, let live) {
        #expect(planned == plan.pulled.live.snapshot.id)
        #expect(live != planned, "the menu live now was snapshotted")
      }
      #expect(await harness.server.calls(path: "/cgi-bin/menu/create").count == 1)
      #expect(try store.operations(account: "shop").first?.status == .failed)
      #expect(
        try store.operations(account: "shop").first?.reason?.hasPrefix("snapshot-live") == true)
    }
  }
}
