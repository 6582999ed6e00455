import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import MenuSandbox
import MenuVault
import MenuVaultWeb
import Testing

/// A vault made the way `menuvault demo` makes it, with the demo's account and menus
/// (``SandboxDemo``), through the library alone, against an in-process sandbox that keeps running
/// for the rollback tests: the website menu pulled, the good publish (with a conditional menu), the
/// bad publish, a rollback to the good one, two unchanged pulls; and an imported account whose menu
/// has a button named like an XSS attack.
final class DemoVault: Sendable {
  static let account = SandboxDemo.account
  static let importedAccount = "imported"
  static let hostileName = "<img src=x onerror=alert(1)>"

  let directory: URL
  let path: String
  let store: VaultStore
  let sandbox: SandboxServer
  /// The snapshot of the good menu that was sent (the rollback's target).
  let goodID: Int64
  /// The snapshot of the bad menu that was sent.
  let badID: Int64
  /// The snapshot the rollback sent (`rollback_of` = `goodID`).
  let rollbackID: Int64
  /// The imported snapshot with the hostile button name.
  let hostileID: Int64

  /// The credentials the sandbox accepts, as the web app is given them.
  static let credentials = CredentialVariables([
    AccountSettings.defaultSecretVariable: SandboxConfiguration.App.standard.secret
  ])

  private init(
    directory: URL, store: VaultStore, sandbox: SandboxServer, goodID: Int64, badID: Int64,
    rollbackID: Int64, hostileID: Int64
  ) {
    self.directory = directory
    self.path = store.path ?? ""
    self.store = store
    self.sandbox = sandbox
    self.goodID = goodID
    self.badID = badID
    self.rollbackID = rollbackID
    self.hostileID = hostileID
  }

  /// Tells the demo's story into a new vault in a temporary directory.
  static func make() async throws -> DemoVault {
    let sandbox = try await SandboxServer.start(SandboxConfiguration())
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-web-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let store = try VaultStore.open(path: directory.appendingPathComponent("vault.sqlite").path)
      let workflows = Workflows(store: store)
      let account = try await workflows.addAccount(
        name: Self.account,
        settings: AccountSettings(
          platform: .wechat, appID: SandboxConfiguration.App.standard.appID,
          label: SandboxDemo.label, apiBaseURL: sandbox.baseURL.absoluteString))
      let api = try account.menuAPI(credentials: credentials)

      try await sandbox.seedWebsiteMenu(Array(SandboxDemo.websiteMenu.utf8))
      _ = try await workflows.pull(account: account, api: api)
      func publish(_ request: PublishRequest) async throws -> RecordedSnapshot {
        let result = try await workflows.publish(
          request, account: account, api: api, confirm: { _ in true })
        guard let sent = result.sent else { throw FixtureFailure("nothing was sent: \(result)") }
        return sent
      }
      let good = try await publish(
        PublishRequest(desired: try Normalizer.normalize(Array(SandboxDemo.goodMenu.utf8))))
      let bad = try await publish(
        PublishRequest(desired: try Normalizer.normalize(Array(SandboxDemo.badMenu.utf8))))
      let rollback = try await publish(
        PublishRequest(rollingBackTo: try await workflows.snapshot(good.id)))
      _ = try await workflows.pull(account: account, api: api)
      _ = try await workflows.pull(account: account, api: api)

      let batch = try ImportBatch.read([("hostile.json", Array(Menus.hostile.utf8))])
      let hostile = try await workflows.record(
        batch, account: Self.importedAccount, platform: .wechat)
      guard let hostileSnapshot = hostile.first else { throw FixtureFailure("no import") }
      return DemoVault(
        directory: directory, store: store, sandbox: sandbox, goodID: good.id, badID: bad.id,
        rollbackID: rollback.id, hostileID: hostileSnapshot.id)
    } catch {
      await sandbox.stop()
      try? FileManager.default.removeItem(at: directory)
      throw error
    }
  }

  /// Stops the sandbox and removes the vault.
  func close() async {
    await sandbox.stop()
    try? store.close()
    try? FileManager.default.removeItem(at: directory)
  }

  /// Builds the web app over this vault, opened for reading only as `menuvault serve` opens it,
  /// and runs `body` with HummingbirdTesting's router client. The router framework binds
  /// nothing: port 80 is the port a `Host` without one names.
  func withApp<Value: Sendable>(
    allowPublish: Bool = false, pageSize: Int = 50, logger: Logger = .silent,
    _ body: @Sendable (any TestClientProtocol) async throws -> Value
  ) async throws -> Value {
    let reader = try VaultStore.openForReading(path: path)
    defer { try? reader.close() }
    let app = try WebServer.buildApplication(
      store: reader,
      options: try WebServerOptions(port: 80, allowPublish: allowPublish, pageSize: pageSize),
      credentials: Self.credentials, logger: logger)
    return try await app.test(.router, body)
  }

  /// Runs `body` over a new demo vault and closes it afterwards.
  static func with<Value: Sendable>(_ body: (DemoVault) async throws -> Value) async throws
    -> Value
  {
    let vault = try await make()
    do {
      let value = try await body(vault)
      await vault.close()
      return value
    } catch {
      await vault.close()
      throw error
    }
  }

  /// A menu with a hostile button name (the demo's own menus are ``SandboxDemo``'s).
  enum Menus {
    static let hostile = #"""
      {"button":[{"type":"click","name":"<img src=x onerror=alert(1)>","key":"XSS"},
        {"type":"view","name":"\"quoted\" & 'single'","url":"https://shop.example.com/?a=1&b=<b>"}]}
      """#
  }
}

struct FixtureFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension Logger {
  /// A logger that drops everything.
  static var silent: Logger { Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }) }
}

extension TestResponse {
  /// The body as UTF-8 text.
  var text: String { String(buffer: body) }

  /// The body bytes.
  var bytes: [UInt8] { Array(buffer: body) }
}

extension HTTPFields {
  /// Headers that ask for JSON.
  static var json: HTTPFields { [.accept: "application/json"] }

  /// The headers of a browser on this server's own page posting a form.
  static func form(origin: String = "http://127.0.0.1:80") -> HTTPFields {
    var fields: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
    fields[.origin] = origin
    return fields
  }

  /// A `Host` header (HTTP/1 puts a first one in the authority; the router test framework sets
  /// the authority to `localhost`, so this one is checked too).
  static func host(_ value: String) -> HTTPFields {
    var fields = HTTPFields()
    if let name = HTTPField.Name("Host") { fields[name] = value }
    return fields
  }
}
