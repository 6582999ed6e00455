import ArgumentParser
import Foundation
import Logging
import MenuVault
import MenuVaultWatch
import MenuVaultWeb
import ServiceLifecycle

/// `menuvault serve`: browse the vault's history in a web page.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Browse the history in a web page that draws every menu as the phone shows it.",
    discussion: """
      Prints `listening on http://HOST:PORT/` as its first line, then serves until interrupted \
      (Ctrl-C or SIGTERM, exit 0), logging one line per request on standard error. The pages \
      only read the vault. Requests must name the server's address, localhost, 127.0.0.1 or \
      [::1] with its port in their Host header. Every page also answers \
      `Accept: application/json` with what the matching command's --json prints.
      """
  )

  @Option(help: "The address to listen on: an IPv4 or IPv6 address, or localhost.")
  var host: String = "127.0.0.1"

  @Option(help: "The port to listen on; 0 picks a free one.")
  var port: Int = 0

  @Flag(
    help:
      "Add the rollback pages: a snapshot's page gets a button that shows the diff from the live menu and, once confirmed, rolls back with the credentials in this environment."
  )
  var allowPublish = false

  @Option(
    help: ArgumentHelp(
      "Pull every account once per interval (15m, 1h, down to 1s), beside the pages.",
      valueName: "interval"))
  var watch: String?

  @Option(help: "With --watch, how many accounts are pulled at a time (1 to 256).")
  var jobs: Int = 16

  @Option(
    help: ArgumentHelp(
      "The address people reach the pages at through a reverse proxy (https://menus.example.com): its host is accepted, and it is the base of absolute links.",
      valueName: "url"))
  var publicURL: String?

  @OptionGroup var vault: VaultOptions

  func validate() throws {
    _ = try options()
    _ = try watchOptions()
  }

  /// The watcher's options, `nil` without `--watch`.
  private func watchOptions() throws -> WatchOptions? {
    guard let watch else { return nil }
    guard let interval = Duration(text: watch), interval >= .seconds(1) else {
      throw ValidationError("--watch \(watch): give an interval of 1s or more, like 15m or 1h")
    }
    guard (1...256).contains(jobs) else { throw ValidationError("--jobs \(jobs): give 1 to 256") }
    return WatchOptions(interval: interval, jobs: jobs)
  }

  /// The web server's options, or the library's refusal worded with this command's flags.
  private func options() throws -> WebServerOptions {
    do {
      return try WebServerOptions(
        host: host, port: port, allowPublish: allowPublish, publicURL: publicURL)
    } catch {
      let text = error.errorDescription ?? "\(error)"
      switch error {
      case .notAnAddress: throw ValidationError("--host \(text)")
      case .notAPort: throw ValidationError("--port \(text)")
      case .publishingOffLoopback: throw ValidationError("--allow-publish: \(text)")
      case .notAPublicURL: throw ValidationError("--public-url: \(text)")
      }
    }
  }

  func run() async throws {
    let watchOptions = try watchOptions()
    // The watcher writes: open the vault for writing first, which upgrades an older vault.
    let writable = try watchOptions.map { _ in try vault.openStore() }
    // The pages only read; a rollback opens the file for writing for its own request.
    let store = try vault.openStore(readOnly: true)
    let options = try options()
    let credentials = CredentialVariables(ProcessInfo.processInfo.environment)
    let metrics = WatchMetrics()
    let health = watchOptions.map { WatchHealth(interval: $0.interval) }
    var services: [any Service] = []
    if let watchOptions, let writable, let health {
      services.append(
        Watcher(
          workflows: Workflows(store: writable), options: watchOptions, health: health,
          metrics: metrics,
          makeAPI: { account, clientOptions in
            try account.menuAPI(credentials: credentials, options: clientOptions)
          },
          logger: Logger(
            label: "menuvault.watch", factory: { StreamLogHandler.standardError(label: $0) })))
    }
    do {
      try await WebServer.run(
        store: store, options: options, credentials: credentials, metrics: metrics,
        health: health, services: services,
        onListening: { address in
          Terminal.line("listening on \(address.url)")
          if options.allowPublish {
            Terminal.note("rollback from the browser is enabled (--allow-publish)")
          }
          if let watchOptions {
            Terminal.note(
              "watching every account: one pull each per \(watch ?? ""), \(watchOptions.jobs) at a time"
            )
          }
        })
    } catch {
      let advice =
        port == 0
        ? "check that \(host) is an address of this machine"
        : "another program may hold the port: give another --port, or --port 0 for a free one"
      throw CommandFailure(
        message: "cannot serve on \(host) port \(port): \(error); \(advice)",
        exitCode: .unavailable)
    }
    try? store.close()
    try? writable?.close()
  }
}
