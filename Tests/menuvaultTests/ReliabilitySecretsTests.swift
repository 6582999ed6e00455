import Foundation
import Testing

extension ReliabilityTests {
  @Suite("Reliability: secrets never leave the process")
  struct Secrets {
    static let appID = "wx9f3c2a1b7e6d5c4b"
    static let secret = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d"
    static let wrongSecret = "f0e1d2c3b4a5968778695a4b3c2d1e0f"
    static let weiboToken = "2.00Qz7mKd8F3hJxW9a1b2c3d4e5f6g7h8iJkLmN"

    @Test(
      "after a full run, no secret or token is in the vault, its WAL, the output, the export or the backup; the files are 0600"
    )
    func fullRun() async throws {
      let directory = try ScratchDirectory("secrets")
      let sandbox = try SandboxProcess(
        arguments: ["--app", "\(Self.appID):\(Self.secret)", "--weibo-token", Self.weiboToken],
        quiet: false, in: directory)
      let vault = directory.path("vault.sqlite")
      let env = [
        "MENUVAULT_APPSECRET": "", "MENUVAULT_ACCESS_TOKEN": "", "SHOP_SECRET": Self.secret,
        "FANS_TOKEN": Self.weiboToken, "WRONG_SECRET": Self.wrongSecret,
      ]
      var outputs: [String] = []
      func run(_ arguments: [String]) async throws -> CommandResult {
        let result = try await BackgroundCommand.run(
          arguments + ["--db", vault], environment: env, in: directory)
        outputs += [result.stdout, result.stderr]
        return result
      }
      var tokens = [try await stableToken(sandbox)]

      for (name, platform, variable) in [
        ("shop", "wechat", "--secret-env=SHOP_SECRET"), ("fans", "weibo", "--token-env=FANS_TOKEN"),
        ("wrong", "wechat", "--secret-env=WRONG_SECRET"),
      ] {
        let add = try await run([
          "account", "add", name, "--platform", platform, "--appid",
          platform == "wechat" ? Self.appID : "1838358847", "--api-base", sandbox.baseURL, variable,
        ])
        #expect(add.status == 0, "\(add.stderr)")
      }
      let good = try directory.write("good.json", ReliabilityMenus.good)
      let bad = try directory.write("bad.json", ReliabilityMenus.bad)
      let weibo = try directory.write("weibo.json", E2EMenus.weiboGood)
      #expect(try await run(["pull", "--account", "shop"]).status == 0)
      let published = try await run(["publish", good, "--account", "shop", "--yes"])
      #expect(published.status == 0, "\(published.stderr)")
      let goodID = try #require(snapshotID(after: "sent snapshot", in: published.stdout))
      #expect(try await run(["publish", bad, "--account", "shop", "--yes"]).status == 0)
      // A token that expires mid-rollback is replaced: one more token to look for.
      try await sandbox.fault(#"{"path":"/cgi-bin/menu/addconditional","errcode":42001}"#)
      #expect(try await run(["rollback", "\(goodID)", "--yes"]).status == 0)
      tokens.append(try await stableToken(sandbox))
      #expect(try await run(["status", "--account", "shop"]).status == 0)
      // Errors print the endpoint and the code, never the credential.
      try await sandbox.fault(#"{"path":"/cgi-bin/menu/get","errcode":40001,"count":2}"#)
      #expect(try await run(["pull", "--account", "shop"]).status == 69)
      #expect(try await run(["pull", "--account", "wrong"]).status == 69)
      #expect(try await run(["publish", weibo, "--account", "fans", "--yes"]).status == 0)
      try await sandbox.fault(#"{"path":"/2/messages/menu/show.json","error_code":21332}"#)
      #expect(try await run(["pull", "--account", "fans"]).status == 69)
      _ = try await run(["pull", "--all"])
      _ = try await run(["history", "--account", "shop", "--all", "--json"])
      _ = try await run(["show", "\(goodID)", "--raw"])
      _ = try await run(["account", "list"])
      let export = try await run(["export"])
      #expect(export.status == 0)
      let exportFile = directory.path("export.ndjson")
      #expect(try await run(["export", "--out", exportFile]).status == 0)
      let backupFile = directory.path("backup.sqlite")
      #expect(try await run(["backup", backupFile]).status == 0)
      // A pull killed in flight leaves its WAL behind.
      try await sandbox.fault(#"{"path":"/cgi-bin/get_current_selfmenu_info","delay_ms":1000}"#)
      // The earlier pulls called selfmenu too: wait for this pull's own call.
      let selfmenuCalls = try await sandbox.callCount("/cgi-bin/get_current_selfmenu_info")
      let killed = try BackgroundCommand(
        ["pull", "--account", "shop", "--db", vault], environment: env, in: directory)
      // Killed once the pull is waiting on selfmenu, so the vault (and its WAL) is open.
      let deadline = ContinuousClock.now + .seconds(30)
      while try await sandbox.callCount("/cgi-bin/get_current_selfmenu_info") == selfmenuCalls {
        try #require(ContinuousClock.now < deadline, "the pull never reached selfmenu")
        try await Task.sleep(for: .milliseconds(20))
      }
      try await Task.sleep(for: .milliseconds(200))
      killed.kill()
      _ = await killed.wait()
      outputs += [killed.stdout, killed.stderr]
      #expect(FileManager.default.fileExists(atPath: vault + "-wal"), "the WAL is checked too")
      tokens.append(try await stableToken(sandbox))

      let secrets = [Self.secret, Self.wrongSecret, Self.weiboToken] + tokens
      var places: [(String, Data)] = outputs.enumerated().map {
        ("output \($0.offset)", Data($0.element.utf8))
      }
      for path in [vault, vault + "-wal", vault + "-shm", exportFile, backupFile] {
        if let data = FileManager.default.contents(atPath: path) { places.append((path, data)) }
      }
      places.append(("the sandbox log", Data(sandbox.log.utf8)))
      #expect(places.count > 40)
      #expect(sandbox.log.contains("access_token=<redacted>"), "the log was checked")
      for secret in secrets {
        for (place, data) in places {
          #expect(
            data.range(of: Data(secret.utf8)) == nil, "\(secret.prefix(6))… found in \(place)")
        }
      }
      for path in [vault, vault + "-wal", vault + "-shm", exportFile, backupFile]
      where FileManager.default.fileExists(atPath: path) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
        #expect(mode == 0o600, "\(path) has mode \(String(mode, radix: 8))")
      }
    }

    /// The app's current access token, as `stable_token` hands it out (the same while valid).
    func stableToken(_ sandbox: SandboxProcess) async throws -> String {
      let (_, body) = try await sandbox.request(
        "POST", "cgi-bin/stable_token",
        #"{"grant_type":"client_credential","appid":"\#(Self.appID)","secret":"\#(Self.secret)"}"#)
      let token = body.firstMatch(of: #/"access_token"\s*:\s*"([^"]+)"/#)?.output.1
      return String(try #require(token, "\(body)"))
    }
  }
}
