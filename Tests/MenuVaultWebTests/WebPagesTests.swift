import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MenuVault
import MenuVaultWeb
import Testing

/// Every page over the demo's vault, as a page and as the JSON the command line's `--json`
/// prints.
@Suite("menuvault serve's pages")
struct WebPagesTests {
  @Test("/ lists every account with its live status from the vault, as a page and as JSON")
  func overview() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let page = try await client.execute(uri: "/", method: .get)
        #expect(page.status == .ok)
        #expect(page.headers[.contentType] == "text/html; charset=utf-8")
        #expect(page.text.contains(#"<a href="/accounts/demo-shop">demo-shop</a>"#))
        #expect(page.text.contains(#"<span class="status status-in-sync">in sync</span>"#))
        #expect(
          page.text.contains(#"<span class="status status-never-pulled">never pulled</span>"#))
        #expect(page.text.contains("rollback 3 deployed"))

        let json = try await client.execute(uri: "/", method: .get, headers: .json)
        #expect(json.headers[.contentType] == "application/json")
        let accounts = try #require(
          try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [[String: Any]])
        #expect(accounts.map { $0["name"] as? String } == ["demo-shop", "imported"])
        let shop = accounts[0]
        #expect(shop["status"] as? String == "in-sync")
        #expect(shop["platform"] as? String == "wechat")
        let changes = try vault.store.snapshotCount(account: "demo-shop", changesOnly: true)
        #expect(shop["changes"] as? Int == changes)
        let last = try #require(shop["last_operation"] as? [String: Any])
        #expect(last["kind"] as? String == "rollback")
        #expect(last["status"] as? String == "deployed")
        #expect(last["target_snapshot"] as? Int == Int(vault.goodID))
        #expect(accounts[1]["status"] as? String == "never-pulled")
        #expect(accounts[1]["last_pull"] is NSNull)
      }
    }
  }

  @Test("an account's timeline lists its changes with their operations; JSON is history --json")
  func timeline() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let page = try await client.execute(uri: "/accounts/demo-shop", method: .get)
        #expect(page.status == .ok)
        let html = page.text
        #expect(html.contains(#"<form method="get" action="/compare""#))
        #expect(html.contains(#"<input type="radio" name="from" value="\#(vault.goodID)""#))
        #expect(html.contains(#"<input type="radio" name="to" value="\#(vault.rollbackID)""#))
        #expect(html.contains(#"<a href="/snapshots/\#(vault.goodID)">#\#(vault.goodID)</a></td>"#))
        #expect(html.contains("sent by rollback 3 (deployed)"))
        #expect(html.contains("target of rollback 3 (deployed)"))
        #expect(html.contains("sent by publish 2 (deployed)"))
        #expect(html.contains(#"<time datetime=""#))

        let json = try await client.execute(
          uri: "/accounts/demo-shop", method: .get, headers: .json)
        let entries = try JSONDecoder().decode([HistoryEntry].self, from: Data(json.bytes))
        let expected = try await Workflows(store: vault.store).history(account: "demo-shop")
        #expect(entries == expected)
        #expect(entries.contains { $0.id == vault.rollbackID && $0.rollbackOf == vault.goodID })
      }
    }
  }

  @Test("a snapshot's page draws the phone beside its hashes and links; JSON is show --json")
  func snapshot() async throws {
    try await DemoVault.with { vault in
      let info = try #require(try vault.store.snapshot(id: vault.badID))
      try await vault.withApp { client in
        let page = try await client.execute(uri: "/snapshots/\(vault.badID)", method: .get)
        #expect(page.status == .ok)
        let html = page.text
        #expect(html.contains(#"<div class="phone phone-wechat""#))
        #expect(html.contains(info.contentHash))
        #expect(html.contains(info.rawHash))
        #expect(html.contains(#"<a href="/snapshots/\#(vault.badID)/raw">"#))
        #expect(html.contains(#"<a href="/snapshots/\#(vault.badID)/canonical">"#))
        #expect(html.contains(#"<a href="/accounts/demo-shop">demo-shop</a>"#))
        #expect(html.contains("previous change #"))
        #expect(html.contains("next change #"))
        #expect(!html.contains("/rollback\""), "no rollback button without --allow-publish")

        let json = try await client.execute(
          uri: "/snapshots/\(vault.goodID)", method: .get, headers: .json)
        let good = try await Workflows(store: vault.store).snapshot(vault.goodID)
        #expect(json.text == PrettyJSON.string(good.menu.document) + "\n")
      }
    }
  }

  @Test("raw and canonical give the stored bytes exactly, as application/json")
  func storedBytes() async throws {
    try await DemoVault.with { vault in
      let selfmenu = try #require(
        try vault.store.latestSnapshot(account: "demo-shop", source: .selfmenu))
      let raw = try vault.store.rawBytes(snapshotID: selfmenu.id)
      let canonical = try vault.store.canonicalBytes(snapshotID: selfmenu.id)
      #expect(raw != canonical)
      try await vault.withApp { client in
        let rawResponse = try await client.execute(
          uri: "/snapshots/\(selfmenu.id)/raw", method: .get)
        #expect(rawResponse.status == .ok)
        #expect(rawResponse.headers[.contentType] == "application/json")
        #expect(rawResponse.bytes == raw)
        let canonicalResponse = try await client.execute(
          uri: "/snapshots/\(selfmenu.id)/canonical", method: .get)
        #expect(canonicalResponse.headers[.contentType] == "application/json")
        #expect(canonicalResponse.bytes == canonical)
      }
    }
  }

  @Test("compare draws both phones and the lines menuvault diff prints; JSON is diff --json")
  func compare() async throws {
    try await DemoVault.with { vault in
      let comparison = try await Workflows(store: vault.store).compare(
        from: vault.goodID, to: vault.badID)
      #expect(!comparison.diff.isEmpty)
      try await vault.withApp { client in
        let page = try await client.execute(
          uri: "/compare?from=\(vault.goodID)&to=\(vault.badID)", method: .get)
        #expect(page.status == .ok)
        let html = page.text
        #expect(html.components(separatedBy: #"<div class="phone phone-"#).count == 3)
        for change in comparison.diff.changes {
          let escaped = change.line.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(
              of: "<", with: "&lt;"
            )
            .replacingOccurrences(of: ">", with: "&gt;")
          #expect(html.contains(escaped), "missing: \(change.line)")
        }

        let json = try await client.execute(
          uri: "/compare?from=\(vault.goodID)&to=\(vault.badID)", method: .get, headers: .json)
        let changes = try JSONDecoder().decode([MenuChange].self, from: Data(json.bytes))
        #expect(changes == comparison.diff.changes)
      }
    }
  }

  @Test("the stylesheet and the script are served by the server itself")
  func assets() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        let css = try await client.execute(uri: "/assets/menuvault.css", method: .get)
        #expect(css.status == .ok)
        #expect(css.headers[.contentType] == "text/css; charset=utf-8")
        #expect(css.text.contains(".phone"))
        let script = try await client.execute(uri: "/assets/menuvault.js", method: .get)
        #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
        #expect(script.text.contains("textContent"))
        #expect(!script.text.contains("innerHTML"))
      }
    }
  }
}
