import Foundation
import MenuSandbox
import Testing

@testable import MenuVault

/// A failed publish puts the previous menu back (Helm's `--atomic`, on by default).
@Suite("publish: a failure after the first write restores the previous menu")
struct PublishRestoreTests {
  /// Where a fault is injected: the path, the faults queued on it, and the step that fails.
  struct FaultPoint: Sendable, CustomTestStringConvertible {
    var name: String
    var path: String
    var faults: [SandboxFault]
    var failedStep: String

    var testDescription: String { name }

    static let refused = SandboxFault(.errorCode(40017, message: nil))
    static let passOne = SandboxFault(.delayOnly, delay: .milliseconds(1))

    static let all: [FaultPoint] = [
      FaultPoint(
        name: "the second delconditional", path: "/cgi-bin/menu/delconditional",
        faults: [passOne, refused], failedStep: "delconditional"),
      FaultPoint(
        name: "create", path: "/cgi-bin/menu/create", faults: [refused], failedStep: "create"),
      FaultPoint(
        name: "addconditional 1/2", path: "/cgi-bin/menu/addconditional", faults: [refused],
        failedStep: "addconditional 1/2"),
      FaultPoint(
        name: "addconditional 2/2", path: "/cgi-bin/menu/addconditional",
        faults: [passOne, refused], failedStep: "addconditional 2/2"),
      FaultPoint(
        name: "a read-back that does not match (addconditional 2/2 answered but not applied)",
        path: "/cgi-bin/menu/addconditional",
        faults: [passOne, SandboxFault(.acceptedNotApplied)], failedStep: "read-back"),
    ]
  }

  /// The menu live before the failed publish: a default menu and two conditional menus.
  static let before = MenuSet(
    defaultMenu: TestMenus.basic,
    conditionalMenus: [TestMenus.conditional(tag: "1"), TestMenus.conditional(tag: "2")])
  /// The menu the failed publish tries to put live.
  static let after = MenuSet(
    defaultMenu: Menu(buttons: [.leaf("新品", .click, [.key: "NEW"])]),
    conditionalMenus: [TestMenus.conditional(tag: "3"), TestMenus.conditional(tag: "4")])

  struct Bench {
    var harness: SandboxHarness
    var store: VaultStore
    var account: Account
    var workflows: Workflows
    var api: WeChatMenuAPI

    init(_ harness: SandboxHarness) throws {
      self.harness = harness
      store = try VaultStore.inMemory()
      account = try store.addAccount(
        name: "shop", settings: AccountSettings(platform: .wechat, appID: SandboxHarness.appID))
      workflows = Workflows(store: store)
      api = WeChatMenuAPI(
        client: harness.wechat(
          options: harness.options(
            retry: RetryPolicy(
              maximumAttempts: 1, initialDelay: .milliseconds(1), maximumDelay: .milliseconds(1)))))
    }

    func publish(_ set: MenuSet, restore: Bool = true) async throws -> PublishOutcome {
      let desired = try Normalizer.normalize(document: set.document, platform: .wechat)
      let request = PublishRequest(desired: desired, restoreOnFailure: restore)
      let plan = try await workflows.plan(request, account: account, api: api)
      return try await workflows.execute(plan, request: request, account: account, api: api)
    }

    /// The hash of what the sandbox serves now.
    func liveHash() async throws -> String {
      let live = try await api.fetchLive()
      return try Workflows.normalizeLive(live[0], platform: .wechat).contentHash
    }
  }

  @Test(
    "after the fault the live menu hashes as before, status is in sync, verify passes",
    arguments: FaultPoint.all)
  func restoresAfterFault(point: FaultPoint) async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      let first = try await bench.publish(Self.before)
      let beforeHash = try await bench.liveHash()
      #expect(beforeHash == first.plan.contentHash)
      for fault in point.faults { await harness.server.inject(fault, on: point.path) }

      do {
        _ = try await bench.publish(Self.after)
        Issue.record("the publish succeeded despite the fault")
      } catch WorkflowError.failed(let failure) {
        #expect(failure.step.description.hasPrefix(point.failedStep), "\(failure.step)")
        guard
          case .restored(let restoredID, let readBackID, let steps, let dropped) = failure.restore
        else {
          Issue.record("not restored: \(failure.restore)")
          return
        }
        #expect(restoredID == failure.beforeSnapshotID)
        #expect(!steps.isEmpty, "something had changed, so the restore sent calls")
        #expect(dropped == [])
        #expect(!failure.lockStillHeld)
        let operation = try #require(try bench.store.operation(id: failure.operationID))
        #expect(operation.status == .failed)
        #expect(operation.afterSnapshotID == readBackID)
        #expect(operation.reason?.contains("; restored #\(restoredID) (") == true)
        #expect(operation.reason?.hasPrefix("\(failure.step): ") == true)
      }
      #expect(try await bench.liveHash() == beforeHash)
      let status = try await bench.workflows.status(account: bench.account, api: bench.api)
      #expect(status.isInSync, "\(status.diff.changes.map(\.line))")
      #expect(try bench.store.verify().isOK)
      #expect(try bench.store.pendingOperation(account: "shop") == nil, "the lock is released")
    }
  }

  @Test("a fault before anything changed: the previous menu was still live, no restore calls")
  func failureAtFirstWrite() async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      _ = try await bench.publish(Self.before)
      await harness.server.inject(FaultPoint.refused, on: "/cgi-bin/menu/delconditional")
      let writesBefore = await harness.server.calls().filter { !$0.path.contains("get") }.count
      do {
        _ = try await bench.publish(Self.after)
        Issue.record("the publish succeeded despite the fault")
      } catch WorkflowError.failed(let failure) {
        guard case .restored(_, _, let steps, _) = failure.restore else {
          Issue.record("not restored: \(failure.restore)")
          return
        }
        #expect(steps == [])
      }
      let writes = await harness.server.calls().filter { !$0.path.contains("get") }.count
      #expect(writes == writesBefore + 1, "only the refused delconditional was sent")
    }
  }

  @Test("a failure that changed nothing leaves a website menu live, though it is not publishable")
  func lossyWebsiteMenuUntouchedWhenNothingChanged() async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      // Set on the website: a text reply converts lossily, so this menu cannot be sent back.
      try await harness.server.seedWebsiteMenu(
        Array(
          #"""
          {"is_menu_open":1,"selfmenu_info":{"button":[
            {"type":"text","name":"营业时间","value":"每天 10:00-22:00"},
            {"type":"view","name":"官网","url":"https://shop.example.com/"}]}}
          """#.utf8))
      let websiteHash = try await bench.liveHash()
      await harness.server.inject(FaultPoint.refused, on: "/cgi-bin/menu/create")
      do {
        _ = try await bench.publish(Self.after)
        Issue.record("the publish succeeded despite the fault")
      } catch WorkflowError.failed(let failure) {
        #expect(failure.step == .createMenu)
        guard case .restored(_, _, let steps, _) = failure.restore else {
          Issue.record("the website menu was still live, yet: \(failure.restore)")
          return
        }
        #expect(steps == [], "nothing was sent to put it back")
      }
      #expect(try await bench.liveHash() == websiteHash)
    }
  }

  @Test("--no-restore leaves the account as the failure left it")
  func noRestore() async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      _ = try await bench.publish(Self.before)
      let beforeHash = try await bench.liveHash()
      await harness.server.inject(FaultPoint.refused, on: "/cgi-bin/menu/addconditional")
      do {
        _ = try await bench.publish(Self.after, restore: false)
        Issue.record("the publish succeeded despite the fault")
      } catch WorkflowError.failed(let failure) {
        #expect(failure.step == .addConditional(number: 1, count: 2))
        #expect(failure.restore == .notAttempted)
        #expect(failure.beforeSnapshotID != nil)
        #expect(failure.platformError?.wechatErrorCode == 40017, "the platform's error, kept whole")
      }
      #expect(try await bench.liveHash() != beforeHash, "half-published, as asked")
    }
  }

  @Test("a fault during the restore itself: the outcome names the restore's step")
  func restoreFails() async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      _ = try await bench.publish(Self.before)
      // The publish's create and the restore's create are both refused.
      await harness.server.inject(
        SandboxFault(.errorCode(40017, message: nil), count: 2), on: "/cgi-bin/menu/create")
      do {
        _ = try await bench.publish(Self.after)
        Issue.record("the publish succeeded despite the fault")
      } catch let error as WorkflowError {
        guard case .failed(let failure) = error, failure.step == .createMenu,
          let before = failure.beforeSnapshotID,
          case .failed(let id, let step, let reason, let platformError) = failure.restore
        else {
          Issue.record("unexpected: \(error)")
          return
        }
        #expect(id == before)
        #expect(step == .createMenu)
        #expect(reason.contains("errcode 40017"))
        #expect(platformError?.wechatErrorCode == 40017)
        #expect(
          error.errorDescription?.contains(
            "putting the previous menu (snapshot #\(before)) back failed too, at step restore: create"
          ) == true)
        let operation = try #require(try bench.store.operation(id: failure.operationID))
        #expect(
          operation.reason?.contains("restoring #\(before) failed at restore: create") == true)
      }
      #expect(try bench.store.pendingOperation(account: "shop") == nil, "the lock is released")
    }
  }

  @Test("a delete answered but not carried out fails at its read-back, and says the menu is live")
  func deleteReadBackMismatch() async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      _ = try await bench.publish(Self.before)
      let beforeHash = try await bench.liveHash()
      await harness.server.inject(SandboxFault(.acceptedNotApplied), on: "/cgi-bin/menu/delete")
      do {
        _ = try await bench.workflows.delete(account: bench.account, api: bench.api, holder: nil)
        Issue.record("the delete succeeded although nothing was deleted")
      } catch WorkflowError.failed(let failure) {
        #expect(failure.step == .readBack)
        #expect(failure.reason.hasPrefix("the menu read back hashes to \(beforeHash)"))
        guard case .restored(_, _, let steps, _) = failure.restore else {
          Issue.record("not restored: \(failure.restore)")
          return
        }
        #expect(steps == [], "the menu was never deleted: nothing to put back")
        let operation = try #require(try bench.store.operation(id: failure.operationID))
        #expect(operation.kind == .delete)
        #expect(operation.reason?.hasSuffix("(it was still live)") == true)
      }
      #expect(try await bench.liveHash() == beforeHash)
    }
  }

  /// Seeds a conditional menu created before WeChat's privacy change (a sex rule).
  static func seedLegacy(_ harness: SandboxHarness) async throws {
    let seeded = try await harness.raw(
      "POST", "/sandbox/legacy-conditional-menu",
      body: #"{"button":[{"type":"click","name":"男士","key":"MEN"}],"matchrule":{"sex":"1"}}"#)
    #expect(seeded.status == 200, "\(seeded.body)")
  }

  @Test("a failure that changed nothing leaves a pre-change conditional menu where it was")
  func legacyMenuUntouchedWhenNothingChanged() async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      _ = try await bench.publish(Self.before)
      try await Self.seedLegacy(harness)
      let beforeHash = try await bench.liveHash()
      await harness.server.inject(FaultPoint.refused, on: "/cgi-bin/menu/delconditional")
      do {
        _ = try await bench.publish(Self.after)
        Issue.record("the publish succeeded despite the fault")
      } catch WorkflowError.failed(let failure) {
        #expect(failure.restore.restoredSteps == [], "\(failure.restore)")
      }
      #expect(try await bench.liveHash() == beforeHash, "the legacy menu is still there")
    }
  }

  @Test("a restore leaves out a pre-change conditional menu and says so; status is in sync")
  func restoreDropsLegacyMenu() async throws {
    try await SandboxHarness.run { harness in
      let bench = try Bench(harness)
      _ = try await bench.publish(Self.before)
      try await Self.seedLegacy(harness)
      await harness.server.inject(FaultPoint.refused, on: "/cgi-bin/menu/addconditional")
      var restoreReadBack: Int64?
      do {
        _ = try await bench.publish(Self.after)
        Issue.record("the publish succeeded despite the fault")
      } catch let error as WorkflowError {
        guard case .failed(let failure) = error,
          case .restored(_, let readBack, let steps, let dropped) = failure.restore
        else {
          Issue.record("not restored: \(error)")
          return
        }
        restoreReadBack = readBack
        #expect(!steps.isEmpty)
        #expect(dropped.map(\.path) == ["conditionalmenu[2]"])
        #expect(dropped.map(\.fields) == [["sex"]])
        #expect(
          error.errorDescription?.contains(
            "without conditionalmenu[2] (sex=1), which matched nobody and WeChat refuses to add again"
          ) == true)
      }
      let live = try await bench.api.fetchLive()
      let menu = try Workflows.normalizeLive(live[0], platform: .wechat)
      #expect(menu.menuSet == Self.before, "the default menu and the active conditional menus")
      let status = try await bench.workflows.status(account: bench.account, api: bench.api)
      #expect(status.isInSync, "\(status.diff.changes.map(\.line))")
      // Compared with what the restore read back, not with the publish before the legacy seed.
      #expect(status.reference?.id == restoreReadBack)
    }
  }
}

extension RestoreOutcome {
  /// The restore's own steps, when it put the menu back.
  var restoredSteps: [OperationStep]? {
    if case .restored(_, _, let steps, _) = self { return steps }
    return nil
  }
}
