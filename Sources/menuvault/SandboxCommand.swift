import ArgumentParser
import Foundation
import MenuSandbox
import MenuVault

/// `menuvault sandbox`: serve a local copy of the WeChat and Weibo menu APIs.
struct SandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sandbox",
    abstract: "Run a local server that behaves like the WeChat and Weibo menu APIs.",
    discussion: """
      Prints `listening on http://HOST:PORT` as its first line, then serves until interrupted \
      (Ctrl-C or SIGTERM, exit 0). Point a client's base URL at it to rehearse a publish or a \
      rollback. Each API call is logged on standard error with tokens redacted. Control \
      endpoints under /sandbox/ seed website-set menus, inject faults and show the call log \
      (see the README).
      """
  )

  @Option(help: "The address to listen on: an IPv4 or IPv6 address.")
  var host: String = "127.0.0.1"

  @Option(help: "The port to listen on; 0 picks a free one.")
  var port: UInt16 = 0

  @Option(
    name: .customLong("app"),
    help: ArgumentHelp(
      "A WeChat app the sandbox accepts, as APPID:SECRET; repeat for more (default: wxsandbox:sandbox-secret).",
      valueName: "appid:secret"))
  var apps: [String] = []

  @Option(
    name: .customLong("weibo-token"),
    help: ArgumentHelp(
      "An access token the Weibo endpoints accept; repeat for more (default: weibo-sandbox-token).",
      valueName: "token"))
  var weiboTokens: [String] = []

  @Flag(help: "Do not log API calls on standard error.")
  var quiet = false

  func validate() throws {
    for app in apps where SandboxConfiguration.App(argument: app) == nil {
      throw ValidationError("--app '\(app)' is not APPID:SECRET with both parts non-empty")
    }
    if host != "localhost" && !HostAddress.isIPAddress(host) {
      throw ValidationError(
        "--host '\(host)' is not an IPv4 or IPv6 address: use 127.0.0.1, ::1 or 0.0.0.0")
    }
    if weiboTokens.contains(where: \.isEmpty) {
      throw ValidationError("--weibo-token needs a non-empty token")
    }
  }

  func run() async throws {
    let log: (@Sendable (String) -> Void)? = quiet ? nil : { @Sendable line in Terminal.note(line) }
    let configuration = SandboxConfiguration(
      host: host, port: port,
      apps: apps.compactMap { SandboxConfiguration.App(argument: $0) },
      weiboTokens: weiboTokens, log: log)
    // The signals are caught from the start, so an early interrupt still stops the server
    // cleanly.
    do throws(SandboxError) {
      try await SandboxServer.run(configuration) { baseURL in
        let address = baseURL.absoluteString
        Terminal.line(
          "listening on " + (address.hasSuffix("/") ? String(address.dropLast()) : address))
        let appIDs = configuration.apps.map { $0.appID }.joined(separator: ", ")
        Terminal.note(
          "WeChat apps: \(appIDs); Weibo tokens: \(configuration.weiboTokens.count); "
            + "control endpoints: \(address)sandbox/")
      }
    } catch {
      throw CommandFailure(message: error.description, exitCode: .unavailable)
    }
  }
}
