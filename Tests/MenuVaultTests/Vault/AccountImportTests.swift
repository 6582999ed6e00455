import Foundation
import Testing

@testable import MenuVault

@Suite("accounts from CSV: RFC 4180 records, every row checked, one transaction")
struct AccountImportTests {
  @Test("quoted fields keep commas, doubled quotes and line breaks; CRLF, a BOM and blank lines")
  func records() throws {
    let text = "\u{FEFF}a, b ,\"c,\"\"d\"\"\"\r\n\r\n\"x\ny\",,z\n"
    let records = try CSV.records(Array(text.utf8))
    #expect(records.map(\.line) == [1, 3])
    #expect(records[0].fields.map(\.text) == ["a", "b", #"c,"d""#])
    #expect(records[1].fields.map(\.text) == ["x\ny", "", "z"])
    #expect(records[1].fields.map(\.column) == [1, 2, 3])
    #expect(try CSV.records(Array("a,b".utf8)).map { $0.fields.map(\.text) } == [["a", "b"]])
    #expect(try CSV.records([]).isEmpty)
  }

  @Test(
    "a broken record is named by line and column",
    arguments: [
      ("a,b\nc,\"d\n", 2, 2, CSVError.Problem.unterminatedQuote),
      ("a,b\nc,d\"e\n", 2, 2, .quoteInUnquotedField),
      ("a,b\nc, \"d\"\n", 2, 2, .quoteInUnquotedField),
      ("a,\"x\ny\"z,c\n", 2, 2, .textAfterClosingQuote),
    ])
  func brokenRecords(_ text: String, _ line: Int, _ column: Int, _ problem: CSVError.Problem) {
    #expect(throws: CSVError(line: line, column: column, problem: problem)) {
      try CSV.records(Array(text.utf8))
    }
  }

  @Test("bytes that are not UTF-8 are refused where they are")
  func invalidUTF8() {
    #expect(throws: CSVError(line: 2, column: 3, problem: .invalidUTF8)) {
      try CSV.records(Array("a,b,c\nd,e,".utf8) + [0xFF])
    }
  }

  @Test("the header's order is free; an empty field is a setting not given")
  func read() throws {
    let batch = try AccountImport.read(
      Array(
        """
        label,appid,name,platform,token-command,token-env,secret-env,api-base
        "Shop, Shanghai",wx1,shop,wechat,,,SHOP_SECRET,http://127.0.0.1:8765
        ,183,fans,weibo,ask-token --weibo,,,
        """.utf8), source: "accounts.csv")
    #expect(batch.source == "accounts.csv")
    #expect(
      batch.rows == [
        AccountImport.Row(
          line: 2, name: "shop",
          settings: AccountSettings(
            platform: .wechat, appID: "wx1", label: "Shop, Shanghai",
            apiBaseURL: "http://127.0.0.1:8765", secretEnvironmentVariable: "SHOP_SECRET")),
        AccountImport.Row(
          line: 3, name: "fans",
          settings: AccountSettings(
            platform: .weibo, appID: "183", tokenCommand: "ask-token --weibo")),
      ])
  }

  @Test(
    "a bad row or header is named by line, column and setting",
    arguments: [
      ("", 1, nil, nil, AccountImportError.Problem.noHeader),
      ("name,platform,appid,name\n", 1, 4, nil, .duplicateColumn(.name)),
      ("name,platform,app_id\n", 1, 3, nil, .unknownColumn("app_id")),
      ("name,platform\n", 1, nil, nil, .missingColumn(.appID)),
      (
        "name,platform,appid\nshop,wechat,wx1,extra\n", 2, 4, nil,
        .fieldCount(found: 4, expected: 3)
      ),
      ("name,platform,appid\n,wechat,wx1\n", 2, 1, .name, .empty(.name)),
      ("name,platform,appid\nshop,,wx1\n", 2, 2, .platform, .empty(.platform)),
      ("name,platform,appid\nshop,WeChat,wx1\n", 2, 2, .platform, .unknownPlatform("WeChat")),
      (
        "name,platform,appid\nshop,wechat,\n", 2, 3, .appID,
        .settings(.noAppID(account: "shop"))
      ),
      (
        "name,platform,appid,token-env\nshop,wechat,wx1,1TOKEN\n", 2, 4, .tokenEnvironmentVariable,
        .settings(
          .invalidVariableName(account: "shop", field: .tokenEnvironmentVariable, name: "1TOKEN"))
      ),
      (
        "name,platform,appid,api-base\nshop,wechat,wx1,http:nohost\n", 2, 4, .apiBase,
        .settings(.invalidBaseURL(account: "shop", text: "http:nohost"))
      ),
      (
        "name,platform,appid\nshop,wechat,wx1\n\nshop,weibo,183\n", 4, 1, .name,
        .duplicateName("shop", firstLine: 2)
      ),
    ] as [(String, Int, Int?, AccountField?, AccountImportError.Problem)])
  func badInput(
    _ text: String, _ line: Int, _ column: Int?, _ field: AccountField?,
    _ problem: AccountImportError.Problem
  ) {
    #expect(
      throws: AccountImportError(
        source: "a.csv", line: line, column: column, field: field, problem: problem)
    ) {
      try AccountImport.read(Array(text.utf8), source: "a.csv")
    }
  }

  @Test("import: added, then skipped; a changed row refuses the whole file unless updating")
  func importIntoVault() async throws {
    let directory = try TemporaryDirectory()
    let workflows = Workflows(store: try VaultStore.open(path: directory.path("v.sqlite")))
    let file = """
      name,platform,appid,label
      shop,wechat,wx1,Shop
      fans,weibo,183,Fans
      """
    let batch = try AccountImport.read(Array(file.utf8), source: "a.csv")
    #expect(
      try await workflows.importAccounts(batch)
        == AccountImportReport(added: ["shop", "fans"], updated: [], skipped: []))
    #expect(
      try await workflows.importAccounts(batch)
        == AccountImportReport(added: [], updated: [], skipped: ["shop", "fans"]))

    let changed = try AccountImport.read(
      Array((file.replacingOccurrences(of: "Fans", with: "Fans club") + "\nnews,wechat,wx3,").utf8),
      source: "b.csv")
    await #expect(
      throws: AccountImportError(
        source: "b.csv", line: 3, column: 4, field: .label,
        problem: .differs(account: "fans", field: .label, stored: "Fans", given: "Fans club"))
    ) {
      try await workflows.importAccounts(changed)
    }
    #expect(try await workflows.accounts().map(\.name) == ["fans", "shop"], "news was not added")
    #expect(
      try await workflows.importAccounts(changed, updating: true)
        == AccountImportReport(added: ["news"], updated: ["fans"], skipped: ["shop"]))
    #expect(try await workflows.account(named: "fans").settings.label == "Fans club")

    let weibo = try AccountImport.read(
      Array("name,platform,appid\nshop,weibo,183\n".utf8), source: "c.csv")
    await #expect(
      throws: AccountImportError(
        source: "c.csv", line: 2, column: 2, field: .platform,
        problem: .platformMismatch(account: "shop", recorded: .wechat, given: .weibo))
    ) {
      try await workflows.importAccounts(weibo, updating: true)
    }
  }

  @Test("a removed account is brought back; one that only imported snapshots made is completed")
  func reviveAndComplete() async throws {
    let directory = try TemporaryDirectory()
    let workflows = Workflows(store: try VaultStore.open(path: directory.path("v.sqlite")))
    _ = try await workflows.addAccount(
      name: "old", settings: AccountSettings(platform: .wechat, appID: "wx0"))
    try await workflows.removeAccount(named: "old")
    _ = try await workflows.record(
      try ImportBatch.read([("menu.json", Array(#"{"button":[]}"#.utf8))]), account: "imported")
    let batch = try AccountImport.read(
      Array("name,platform,appid\nold,wechat,wx1\nimported,wechat,wx2\n".utf8), source: "a.csv")
    #expect(
      try await workflows.importAccounts(batch)
        == AccountImportReport(added: ["old", "imported"], updated: [], skipped: []))
    let accounts = try await workflows.accounts()
    #expect(accounts.map(\.name) == ["imported", "old"])
    #expect(accounts.map(\.settings.appID) == ["wx2", "wx1"])
  }

  @Test("a token command is never repeated in a refusal: it may carry a secret")
  func tokenCommandNotShown() async throws {
    let directory = try TemporaryDirectory()
    let workflows = Workflows(store: try VaultStore.open(path: directory.path("v.sqlite")))
    let first = try AccountImport.read(
      Array("name,platform,appid,token-command\nshop,wechat,wx1,ask --key s3cr3t-one\n".utf8),
      source: "a.csv")
    _ = try await workflows.importAccounts(first)
    let second = try AccountImport.read(
      Array("name,platform,appid,token-command\nshop,wechat,wx1,ask --key s3cr3t-two\n".utf8),
      source: "a.csv")
    do {
      _ = try await workflows.importAccounts(second)
      Issue.record("a changed token command was accepted")
    } catch let error as AccountImportError {
      let text = error.errorDescription ?? ""
      #expect(
        text
          == "a.csv line 2, column 4 (token-command): account shop is in the vault with another "
          + "token command, and updating existing accounts was not asked for; nothing was added")
      #expect(!String(describing: error).contains("s3cr3t"))
    }
  }

  @Test("1,000 accounts go in at once: a refused last row adds none of the 999 before it")
  func thousandAccounts() async throws {
    let directory = try TemporaryDirectory()
    let workflows = Workflows(store: try VaultStore.open(path: directory.path("v.sqlite")))
    _ = try await workflows.addAccount(
      name: "account1000", settings: AccountSettings(platform: .wechat, appID: "wx0"))
    var file = "name,platform,appid,secret-env,label\n"
    for index in 1...1000 {
      file += "account\(index),wechat,wx\(index),SECRET_\(index),\"Account \(index), Shanghai\"\n"
    }
    let batch = try AccountImport.read(Array(file.utf8), source: "a.csv")
    #expect(batch.rows.count == 1000)
    await #expect(throws: AccountImportError.self) { try await workflows.importAccounts(batch) }
    #expect(try await workflows.accounts().count == 1)
    let report = try await workflows.importAccounts(batch, updating: true)
    #expect(report.added.count == 999)
    #expect(report.updated == ["account1000"])
    #expect(try await workflows.accounts().count == 1000)
  }
}
