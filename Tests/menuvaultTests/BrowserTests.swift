import Foundation
import Testing

/// Issue 12: a real browser against a running `menuvault serve`. Debian's headless `chromium`
/// loads the snapshot and compare pages of the demo vault; the test reads the phone's buttons
/// back from the DOM the browser built and keeps screenshots in `.build/browser-screenshots/`
/// for a person to look at. CI (`.ci/run`) installs chromium, so a missing browser fails.
@Suite("the web pages in a real browser")
struct BrowserTests {
  /// Where the screenshots are kept: `.build/browser-screenshots/` under the package root.
  static let screenshots = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent(".build/browser-screenshots")

  @Test("headless chromium renders the demo's snapshot and compare pages with their buttons")
  func snapshotAndComparePages() async throws {
    let chromium = try #require(
      Chromium.find(),
      """
      chromium is not installed (not on PATH nor at /usr/bin/chromium): these tests drive a \
      real browser; .ci/run installs it with `apt-get install chromium fonts-noto-cjk`
      """)

    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let vault = scratch.appendingPathComponent("vault.sqlite").path

    // The demo vault and the snapshots to look at: the first two publishes (`create` rows).
    let demo = try await CommandRunner.run(["demo", "--db", vault])
    try #require(demo.status == 0, "menuvault demo failed: \(demo.stderr)")
    let history = try await CommandRunner.run(
      ["history", "--account", "demo-shop", "--db", vault, "--json"])
    try #require(history.status == 0, "menuvault history failed: \(history.stderr)")
    let rows = try JSONDecoder().decode([HistoryRow].self, from: Data(history.stdout.utf8))
    let creates = rows.filter { $0.source == "create" }.map(\.id).sorted()
    try #require(creates.count >= 2, "the demo should publish twice: \(history.stdout)")
    let (from, to) = (creates[0], creates[1])
    // The website menu the demo pulled first: converted, lossy and unpublishable buttons.
    let website = try #require(
      rows.filter { $0.source == "selfmenu" }.map(\.id).min(), "\(history.stdout)")
    let fromButtons = try await Self.buttons(of: from, vault: vault)
    let toButtons = try await Self.buttons(of: to, vault: vault)
    try #require(fromButtons.count > 0 && toButtons.count > 0)

    // The server, on a free port.
    let server = try ServeProcess(vault: vault, log: scratch.appendingPathComponent("serve.log"))
    defer { server.stop() }
    let base = try await server.start()
    #expect(base.hasPrefix("http://127.0.0.1:") && base.hasSuffix("/"))

    try FileManager.default.createDirectory(
      at: Self.screenshots, withIntermediateDirectories: true)
    let profile = scratch.appendingPathComponent("chromium-profile").path

    // The snapshot page: one element per button of the menu `show --json` gives, in order.
    let snapshotURL = base + "snapshots/\(from)"
    let snapshotDOM = try await chromium.dumpDOM(snapshotURL, profile: profile)
    #expect(snapshotDOM.contains(#"data-path="button[0]""#), "no first button: \(snapshotURL)")
    #expect(Self.values(of: "data-path", in: snapshotDOM) == fromButtons.map(\.path))
    #expect(Self.values(of: "data-name", in: snapshotDOM) == fromButtons.map(\.name))
    #expect(snapshotDOM.contains(#"class="phone-bar phone-bar-wechat""#))

    // The compare page: both phones, every button of both menus, and the changes marked.
    let compareURL = base + "compare?from=\(from)&to=\(to)"
    let compareDOM = try await chromium.dumpDOM(compareURL, profile: profile)
    #expect(
      Self.values(of: "data-path", in: compareDOM).sorted()
        == (fromButtons + toButtons).map(\.path).sorted())
    #expect(
      Self.values(of: "data-name", in: compareDOM).sorted()
        == (fromButtons + toButtons).map(\.name).sorted())
    let marked = Self.values(of: "class", in: compareDOM).filter { classes in
      classes.split(separator: " ").contains { $0.hasPrefix("mark-") }
    }
    #expect(
      marked.contains { $0.hasPrefix("phone-button ") || $0.hasPrefix("phone-sub-button ") },
      "no marked button on \(compareURL)")
    #expect(!Self.values(of: "data-mark", in: compareDOM).isEmpty)

    // Screenshots a person can open, and the README shows (scripts/readme-screenshots copies
    // them into docs/).
    let shots = [
      ("serve-snapshot.png", base + "snapshots/\(website)"), ("serve-compare.png", compareURL),
    ]
    for (name, url) in shots {
      let file = Self.screenshots.appendingPathComponent(name)
      try? FileManager.default.removeItem(at: file)
      try await chromium.screenshot(url, to: file.path, profile: profile)
      let png = try Data(contentsOf: file)
      #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(file.path)")
      #expect(Self.pngSize(png) == [1200, 1000], "\(file.path)")
      #expect(png.count > 10_000, "\(file.path) is suspiciously small: \(png.count) bytes")
    }

    // Every page answered, and the server stops cleanly on SIGTERM.
    let status = server.stop()
    #expect(status == .exit(0))
    let log =
      (try? String(contentsOf: scratch.appendingPathComponent("serve.log"), encoding: .utf8))
      ?? ""
    #expect(log.contains("GET /snapshots/\(from) 200"), "serve log: \(log)")
    #expect(log.contains("GET /snapshots/\(website) 200"), "serve log: \(log)")
    #expect(log.contains("GET /compare 200"), "serve log: \(log)")
  }

  /// A row of `history --json`.
  struct HistoryRow: Decodable {
    var id: Int
    var source: String
  }

  /// A button of a menu as the page should draw it: its path and name.
  struct MenuButton: Equatable {
    var path: String
    var name: String
  }

  /// The buttons of snapshot `id` as `show --json` gives them, in document order: each
  /// top-level button then its sub-buttons, the default menu then the conditional ones.
  static func buttons(of id: Int, vault: String) async throws -> [MenuButton] {
    let shown = try await CommandRunner.run(["show", "--json", "\(id)", "--db", vault])
    try #require(shown.status == 0, "menuvault show \(id) failed: \(shown.stderr)")
    let menu = try #require(
      try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    func walk(_ buttons: Any?, prefix: String) -> [MenuButton] {
      var result: [MenuButton] = []
      for (index, button) in ((buttons as? [[String: Any]]) ?? []).enumerated() {
        let path = "\(prefix)button[\(index)]"
        result.append(MenuButton(path: path, name: button["name"] as? String ?? ""))
        for (subIndex, sub) in ((button["sub_button"] as? [[String: Any]]) ?? []).enumerated() {
          result.append(
            MenuButton(
              path: "\(path).sub_button[\(subIndex)]", name: sub["name"] as? String ?? ""))
        }
      }
      return result
    }
    var result = walk(menu["button"], prefix: "")
    for (index, conditional) in ((menu["conditionalmenu"] as? [[String: Any]]) ?? []).enumerated() {
      result += walk(conditional["button"], prefix: "conditionalmenu[\(index)].")
    }
    return result
  }

  /// The values of every `name="..."` attribute in a serialized DOM, unescaped, in order.
  static func values(of name: String, in dom: String) -> [String] {
    dom.components(separatedBy: " \(name)=\"").dropFirst().map { rest in
      String(rest.prefix { $0 != "\"" })
        .replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&lt;", with: "<")
        .replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&nbsp;", with: "\u{00A0}")
        .replacingOccurrences(of: "&amp;", with: "&")
    }
  }

  /// The width and height from a PNG's IHDR chunk; empty when the data is too short.
  static func pngSize(_ png: Data) -> [Int] {
    let bytes = [UInt8](png)
    guard bytes.count >= 24 else { return [] }
    func number(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    return [number(16), number(20)]
  }
}

/// How a child process ended.
enum ExitStatus: Equatable {
  case exit(Int32)
  case signal(Int32)
}

/// A `menuvault serve --db VAULT --port 0` child process, its log written to a file.
final class ServeProcess: Sendable {
  private let process = Process()
  private let output = Pipe()
  private let log: FileHandle

  init(vault: String, log logURL: URL) throws {
    _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
    log = try FileHandle(forWritingTo: logURL)
    process.executableURL = CommandRunner.binary
    process.arguments = ["serve", "--db", vault, "--port", "0"]
    process.standardOutput = output
    process.standardError = log
  }

  /// Starts the server and returns the URL of its first stdout line,
  /// `listening on http://127.0.0.1:PORT/`.
  func start() async throws -> String {
    try process.run()
    let handle = output.fileHandleForReading
    let line = await withCheckedContinuation { continuation in
      Thread.detachNewThread {
        var bytes: [UInt8] = []
        while let byte = handle.readData(ofLength: 1).first, byte != UInt8(ascii: "\n") {
          bytes.append(byte)
        }
        continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
      }
    }
    let prefix = "listening on "
    guard line.hasPrefix(prefix) else {
      stop()
      throw ServeStartFailure(line: line)
    }
    return String(line.dropFirst(prefix.count))
  }

  /// Sends SIGTERM (when still running), waits, and returns how the server ended.
  @discardableResult
  func stop() -> ExitStatus {
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    try? log.close()
    return process.terminationReason == .exit
      ? .exit(process.terminationStatus) : .signal(process.terminationStatus)
  }
}

struct ServeStartFailure: Error, CustomStringConvertible {
  var line: String
  var description: String { "menuvault serve did not print its listening line: '\(line)'" }
}

struct ChromiumFailure: Error, CustomStringConvertible {
  var description: String
}

/// Debian's `chromium`, run headless.
struct Chromium {
  var executable: URL

  /// `chromium` from PATH, else /usr/bin/chromium; `nil` when neither exists.
  static func find() -> Chromium? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let candidates =
      path.split(separator: ":").map { URL(fileURLWithPath: String($0)) }
      + [URL(fileURLWithPath: "/usr/bin")]
    for directory in candidates {
      let candidate = directory.appendingPathComponent("chromium")
      if FileManager.default.isExecutableFile(atPath: candidate.path) {
        return Chromium(executable: candidate)
      }
    }
    return nil
  }

  /// The DOM of `url` once loaded (scripts run), serialized as HTML.
  func dumpDOM(_ url: String, profile: String) async throws -> String {
    let result = try await run(["--dump-dom", url], profile: profile)
    guard result.status == 0, result.stdout.contains("</html>") else {
      throw ChromiumFailure(
        description: "chromium --dump-dom \(url) exited \(result.status): \(result.stderr)")
    }
    return result.stdout
  }

  /// Saves a 1200×1000 screenshot of `url` as a PNG at `file`.
  func screenshot(_ url: String, to file: String, profile: String) async throws {
    let result = try await run(
      ["--screenshot=\(file)", "--window-size=1200,1000", "--hide-scrollbars", url],
      profile: profile)
    guard result.status == 0, FileManager.default.fileExists(atPath: file) else {
      throw ChromiumFailure(
        description: "chromium --screenshot \(url) exited \(result.status): \(result.stderr)")
    }
  }

  /// Runs headless chromium on a thread of its own, killed after `timeout` seconds.
  private func run(_ arguments: [String], profile: String, timeout: Double = 120) async throws
    -> CommandResult
  {
    let executable = executable
    let all =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-dev-shm-usage", "--user-data-dir=\(profile)",
      ] + arguments
    return try await ProcessRunner.run(executable, all, timeout: timeout)
  }
}
