import Foundation
import Testing

@Suite("end to end: account add --from FILE and account list --json")
struct AccountsFromCSVTests {
  /// A scratch directory with a vault path in it.
  static func scratch() throws -> (directory: URL, vault: String) {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return (directory, directory.appendingPathComponent("vault.sqlite").path)
  }

  static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  static let accounts = #"""
    name,platform,appid,secret-env,label,api-base
    shop,wechat,wx1234567890abcdef,SHOP_SECRET,"Shop, Shanghai ""flagship""",
    fans,weibo,1838358847,,Fans,http://127.0.0.1:8765

    "news, daily",wechat,wx0000000000000002,NEWS_SECRET,"two
    lines",
    """#

  /// `account list --json`, decoded.
  static func list(_ vault: String) async throws -> [[String: Any]] {
    let listed = try await CommandRunner.run(["account", "list", "--json", "--db", vault])
    #expect(listed.status == 0, "\(listed.stderr)")
    return try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
      ?? []
  }

  @Test("a good file is added in one go; quoted fields keep their commas, quotes and line breaks")
  func goodFile() async throws {
    let (directory, vault) = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try Self.write(Self.accounts, "accounts.csv", in: directory)
    let added = try await CommandRunner.run(["account", "add", "--from", path, "--db", vault])
    #expect(added.status == 0, "\(added.stderr)")
    #expect(
      added.stdout == "\(path): 3 added, 0 updated, 0 unchanged (skipped)\n")
    #expect(added.stderr.isEmpty)

    let entries = try await Self.list(vault)
    #expect(entries.map { $0["name"] as? String } == ["fans", "news, daily", "shop"])
    let shop = try #require(entries.last)
    #expect(shop["label"] as? String == #"Shop, Shanghai "flagship""#)
    #expect(shop["secret_env"] as? String == "SHOP_SECRET")
    #expect(shop["appid"] as? String == "wx1234567890abcdef")
    #expect(shop["api_base"] is NSNull)
    #expect(shop["token_env"] is NSNull)
    #expect(shop["has_token_command"] as? Bool == false)
    #expect(shop["removed_at"] is NSNull)
    #expect(
      Set(shop.keys) == [
        "api_base", "appid", "created_at", "has_token_command", "label", "name", "platform",
        "removed_at", "secret_env", "token_env",
      ])
    #expect(entries[0]["platform"] as? String == "weibo")
    #expect(entries[0]["api_base"] as? String == "http://127.0.0.1:8765")
    #expect(entries[1]["label"] as? String == "two\nlines")
  }

  @Test(
    "identical rows are skipped; a changed row is refused, naming line and column, unless --update")
  func existingAccounts() async throws {
    let (directory, vault) = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try Self.write(Self.accounts, "accounts.csv", in: directory)
    _ = try await CommandRunner.run(["account", "add", "--from", path, "--db", vault])
    let again = try await CommandRunner.run(["account", "add", "--from", path, "--db", vault])
    #expect(again.status == 0)
    #expect(
      again.stdout == "\(path): 0 added, 0 updated, 3 unchanged (skipped)\n")

    // A new account before the changed one: refused with it, since nothing is added.
    let changed = try Self.write(
      """
      name,platform,appid,secret-env
      new,wechat,wx0000000000000003,NEW_SECRET
      shop,wechat,wx1234567890abcdef,OTHER_SECRET
      """, "changed.csv", in: directory)
    let before = try await Self.list(vault)
    let refused = try await CommandRunner.run(["account", "add", "--from", changed, "--db", vault])
    #expect(refused.status == 65)
    #expect(refused.stdout.isEmpty)
    #expect(
      refused.stderr
        == "menuvault: \(changed) line 3, column 4 (secret-env): account shop is in the vault "
        + "with secret-env 'SHOP_SECRET', not 'OTHER_SECRET', and updating existing accounts was "
        + "not asked for; nothing was added; --update replaces its settings\n")
    let after = try await Self.list(vault)
    #expect(after.map { $0["name"] as? String } == before.map { $0["name"] as? String })

    let updated = try await CommandRunner.run([
      "account", "add", "--from", changed, "--update", "--db", vault,
    ])
    #expect(updated.status == 0, "\(updated.stderr)")
    #expect(
      updated.stdout
        == "\(changed): 1 added, 1 updated, 0 unchanged (skipped)\n")
    let shop = try #require(try await Self.list(vault).first { $0["name"] as? String == "shop" })
    #expect(shop["secret_env"] as? String == "OTHER_SECRET")
    #expect(shop["label"] is NSNull, "an update replaces every setting with the row's")
  }

  @Test(
    "a bad row: exit 65, one line naming file, line and column, and nothing written",
    arguments: [
      (
        "name,platform,appid\nshop,wechat,wx1\nfans,weibo\n",
        "line 3, column 3 (appid): 2 field(s) where the header names 3: a field that holds a "
          + "comma must be quoted"
      ),
      (
        "name,platform,appid\nshop,wechat,wx1\nfans,wiebo,183\n",
        "line 3, column 2 (platform): unknown platform 'wiebo': wechat or weibo"
      ),
      (
        "name,platform,appid,region\nshop,wechat,wx1,sh\n",
        "line 1, column 4: unknown column 'region': the columns are name, platform, appid, "
          + "api-base, secret-env, token-env, token-command, label"
      ),
      (
        "name,appid\nshop,wx1\n",
        "line 1: the header has no platform column: every account needs name, platform, appid"
      ),
      (
        "name,platform,appid,api-base\nshop,wechat,wx1,\nfans,wechat,wx2,ftp://example.com\n",
        "line 3, column 4 (api-base): account fans: the api base 'ftp://example.com' is not an "
          + "http(s) URL with a host"
      ),
      (
        "name,platform,appid\nshop,wechat,\"wx1\n",
        "line 2, column 3: a quoted field has no closing quote"
      ),
      (
        "name,platform,appid\nshop,wechat,wx1\nshop,wechat,wx2\n",
        "line 3, column 1 (name): account shop is on line 2 too"
      ),
    ])
  func badRow(_ file: String, _ message: String) async throws {
    let (directory, vault) = try Self.scratch()
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = try Self.write(file, "bad.csv", in: directory)
    let result = try await CommandRunner.run(["account", "add", "--from", path, "--db", vault])
    #expect(result.status == 65)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "menuvault: \(path) \(message); nothing was added\n")
    #expect(!FileManager.default.fileExists(atPath: vault), "not even a vault file")
  }

  @Test("--from takes no single-account option, --update needs --from, one account needs three")
  func usage() async throws {
    let cases: [([String], String)] = [
      (
        ["--from", "a.csv", "--label", "x"],
        "--from reads every setting from the file: leave out --label"
      ),
      (["shop", "--from", "a.csv"], "--from reads every setting from the file: leave out NAME"),
      (
        ["shop", "--platform", "wechat", "--appid", "wx1", "--update"], "--update goes with --from"
      ),
      (["shop", "--platform", "wechat"], "give NAME, --platform and --appid, or --from FILE"),
    ]
    for (arguments, message) in cases {
      let result = try await CommandRunner.run(["account", "add"] + arguments)
      #expect(result.status == 64)
      #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result.stderr)")
    }
  }
}
