import Foundation
import MenuSandbox
import Testing

@testable import MenuVault

@Suite("publish with the library's defaults, and a confirmed plan")
struct PublishDefaultsTests {
  typealias Bench = PublishRestoreTests.Bench

  @Test("a request made with the defaults puts the previous menu back after a failed step")
  func defaultsRestore() async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      _ = try await bench.publish(PublishRestoreTests.before)
      let beforeHash = try await bench.liveHash()
      await harness.server.inject(
        SandboxFault(.errorCode(40017, message: nil)), on: "/cgi-bin/menu/create")
      let desired = try Normalizer.normalize(
        document: PublishRestoreTests.after.document, platform: .wechat)
      do {
        _ = try await bench.workflows.publish(
          PublishRequest(desired: desired), account: bench.account, api: bench.api,
          confirm: { _ in true })
        Issue.record("the publish succeeded despite the fault")
      } catch WorkflowError.failed(let failure) {
        guard case .restored = failure.restore else {
          Issue.record("not restored: \(failure.restore)")
          return
        }
      }
      #expect(try await bench.liveHash() == beforeHash)
    }
  }

  @Test("a confirmed plan whose live menu changed since is refused with its own error")
  func confirmedPlanNoLongerHolds() async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      _ = try await bench.publish(PublishRestoreTests.before)
      let desired = try Normalizer.normalize(
        document: PublishRestoreTests.after.document, platform: .wechat)
      let shown = try await bench.workflows.plan(
        PublishRequest(desired: desired), account: bench.account, api: bench.api)
      // Someone publishes something else meanwhile.
      _ = try await bench.publish(MenuSet(defaultMenu: TestMenus.basic))
      let operationsBefore = try bench.store.operations(account: "shop").count
      let confirmed = ConfirmedPlan(liveHash: shown.liveMenuHash, menuHash: shown.contentHash)
      do {
        _ = try await bench.workflows.publish(
          PublishRequest(desired: desired, confirmed: confirmed), account: bench.account,
          api: bench.api, confirm: { _ in true })
        Issue.record("published although live changed since the confirmation")
      } catch WorkflowError.liveChangedSinceConfirmation(let change) {
        #expect(change.confirmed == confirmed)
        #expect(change.plan.liveMenuHash == MenuSet(defaultMenu: TestMenus.basic).contentHash)
        #expect(change.description.hasPrefix("the live menu changed after the plan was confirmed"))
      }
      #expect(try bench.store.operations(account: "shop").count == operationsBefore)
      // The same confirmation, made against what is live now, goes ahead.
      let now = try await bench.workflows.plan(
        PublishRequest(desired: desired), account: bench.account, api: bench.api)
      let result = try await bench.workflows.publish(
        PublishRequest(
          desired: desired,
          confirmed: ConfirmedPlan(liveHash: now.liveMenuHash, menuHash: now.contentHash)),
        account: bench.account, api: bench.api, confirm: { _ in true })
      #expect(result.sent != nil)
    }
  }
}
