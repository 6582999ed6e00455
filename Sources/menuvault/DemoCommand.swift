import ArgumentParser
import Foundation
import MenuSandbox
import MenuVault

/// `menuvault demo`: the whole story against an in-process sandbox, with real output.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract:
      "Walk through pull, publish, a bad publish, history, diff, rollback, status and verify against a local sandbox.",
    discussion:
      "Needs no network, no account and no credentials. Uses a temporary vault unless --db is given."
  )

  @Option(
    name: .customLong("db"), help: "Keep the demo's vault in this file instead of a temporary one.")
  var databasePath: String?

  func run() async throws {
    let sandbox: SandboxServer
    do {
      sandbox = try await SandboxServer.start()
    } catch {
      throw CommandFailure(
        message: "cannot start the sandbox: \(error.description)", exitCode: .failure)
    }
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-demo-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    do {
      try await story(sandbox: sandbox, scratch: scratch)
      await sandbox.stop()
    } catch {
      await sandbox.stop()
      throw error
    }
  }

  func story(sandbox: SandboxServer, scratch: URL) async throws {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    let path =
      databasePath ?? VaultOptions.leading.withLock({ $0 })
      ?? scratch.appendingPathComponent("vault.sqlite").path
    let store = try VaultAccess.run { try VaultStore.open(path: path) }
    Self.heading(
      "MenuVault demo: a sandbox that speaks the WeChat menu API at \(sandbox.baseURL.absoluteString)"
    )
    Terminal.line("vault: \(path)")

    let workflows = Workflows(store: store)
    let account = try await VaultAccess.run {
      try await workflows.addAccount(
        name: SandboxDemo.account,
        settings: AccountSettings(
          platform: .wechat, appID: SandboxConfiguration.App.standard.appID,
          label: SandboxDemo.label, apiBaseURL: sandbox.baseURL.absoluteString))
    }
    // The sandbox's secret, handed over as `menuvault serve` and `pull` find it in the
    // environment: the account's own client, built the way every command builds it.
    let credentials = CredentialVariables([
      AccountSettings.defaultSecretVariable: SandboxConfiguration.App.standard.secret
    ])
    let api = try WorkflowAccess.menuAPI(for: account, credentials: credentials)
    var vault = VaultOptions()
    vault.databasePath = path
    let context = AccountContext(store: store, account: account, api: api, vault: vault)

    Self.heading("1. A colleague set the menu on the mp.weixin.qq.com website; we pull it")
    do {
      try await sandbox.seedWebsiteMenu(Array(SandboxDemo.websiteMenu.utf8))
    } catch {
      throw CommandFailure(
        message: "cannot seed the sandbox: \(error.description)", exitCode: .failure)
    }
    let first = try await WorkflowAccess.run {
      try await workflows.pull(account: account, api: context.api)
    }
    PullCommand.lines(first).forEach(Terminal.line)
    Terminal.line("")
    Terminal.line(first.live.menu.menuSet.tree)
    for note in first.live.menu.notes { Terminal.line("note: \(note.line)") }

    Self.heading("2. We publish a good menu, with a conditional menu for Android users")
    let good = try Normalizer.normalize(Array(SandboxDemo.goodMenu.utf8))
    let goodSnapshot = try await PublishRunner.run(
      PublishRequest(desired: good, holder: AccountContext.holder), context: context, dryRun: false,
      yes: true
    ).sent

    Self.heading("3. A bad publish: the shop link now points at a page that does not exist")
    let bad = try Normalizer.normalize(Array(SandboxDemo.badMenu.utf8))
    let badSnapshot = try await PublishRunner.run(
      PublishRequest(desired: bad, holder: AccountContext.holder), context: context, dryRun: false,
      yes: true
    ).sent

    Self.heading("4. History shows every change; diff shows what the bad publish did")
    Terminal.line("$ menuvault history --account \(SandboxDemo.account)")
    for info in try await VaultAccess.run({ try await workflows.snapshots(account: account.name) })
    {
      Terminal.line(info.historyLine)
    }
    if let goodSnapshot, let badSnapshot {
      Terminal.line("$ menuvault diff \(goodSnapshot.id) \(badSnapshot.id)")
      let comparison = try await VaultAccess.run {
        try await workflows.compare(from: goodSnapshot.id, to: badSnapshot.id)
      }
      comparison.diff.changes.forEach { Terminal.line($0.line) }

      Self.heading("5. Roll back to snapshot #\(goodSnapshot.id), the good menu")
      let target = try await VaultAccess.run { try await workflows.snapshot(goodSnapshot.id) }
      try await PublishRunner.run(
        PublishRequest(rollingBackTo: target, holder: AccountContext.holder),
        context: context, dryRun: false, yes: true)
    }

    Self.heading("6. Status: is what users see what we published?")
    let report = try await WorkflowAccess.run {
      try await workflows.status(account: account, api: context.api)
    }
    Terminal.line(
      report.isInSync
        ? "\(SandboxDemo.account): in sync: live #\(report.pull.live.snapshot.id) "
          + "\(report.pull.live.menu.contentHash.prefix(12))"
        : "\(SandboxDemo.account): drifted")

    Self.heading("7. Verify the vault: every stored byte still matches its hash")
    let verified = try VaultAccess.run { try store.verify() }
    Terminal.line(
      verified.isOK ? "ok: \(verified.summary)" : "problems: \(verified.problems.count)")
    Terminal.line("")
    Terminal.line("Done. Try it on your own menus: menuvault --help")
    try? store.close()
    Terminal.line(
      databasePath == nil
        ? "Browse this vault in a web page: run the demo again with --db PATH (this one is "
          + "removed on exit), then menuvault serve --db PATH"
        : "Browse this vault in a web page: menuvault serve --db \(Terminal.shellWord(path))")
  }

  static func heading(_ text: String) {
    Terminal.line("")
    Terminal.line("== \(text)")
  }
}
