import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MenuSandbox
import MenuVault
import MenuVaultWeb
import Testing

/// Rollback from the browser with `--allow-publish`, against the demo's sandbox.
@Suite("menuvault serve's rollback")
struct WebRollbackTests {
  @Test("the confirmation page pulls the live menu and shows the diff from live to the target")
  func confirmationShowsDiff() async throws {
    try await DemoVault.with { vault in
      let before = try vault.store.snapshotCount(account: DemoVault.account)
      try await vault.withApp(allowPublish: true) { client in
        let page = try await client.execute(
          uri: "/snapshots\(Self.bad(vault))", method: .get, headers: .ownPage)
        #expect(page.status == .ok)
        let html = page.text
        #expect(html.contains("<h1>Roll demo-shop back to #\(vault.badID)</h1>"))
        #expect(html.contains(#"<form method="post" action="/snapshots/\#(vault.badID)/rollback""#))
        #expect(html.contains(#"name="live_hash""#))
        // Live is the good menu again; going back to the bad one removes the conditional menu.
        #expect(html.contains(#"<span class="change change-removed">- conditionalmenu[0]"#))
        #expect(
          html.contains(
            #"~ button[0].sub_button[0].url: &quot;https://shop.example.com/new&quot; -&gt; &quot;https://shop.example.com/nwe&quot;"#
          ))
        #expect(html.components(separatedBy: #"<div class="phone phone-"#).count == 3)
        // The form is not inside a phone, nor a phone inside the form.
        let form = try #require(html.range(of: "<form method=\"post\""))
        #expect(!html[form.lowerBound...].contains(#"<div class="phone phone-"#))

        let json = try await client.execute(
          uri: "/snapshots\(Self.bad(vault))", method: .get, headers: .ownPageJSON)
        let plan = try #require(
          try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        #expect(plan["target_snapshot"] as? Int == Int(vault.badID))
        #expect(plan["already_live"] as? Bool == false)
        #expect((plan["changes"] as? [Any])?.isEmpty == false)
        #expect(plan["csrf_token"] == nil)
      }
      // Each confirmation page pulled once (get and selfmenu): the live menu is the safety net.
      #expect(try vault.store.snapshotCount(account: DemoVault.account) == before + 4)
    }
  }

  @Test("confirming with the token from a same-origin page rolls back and shows the steps")
  func rollsBack() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp(allowPublish: true) { client in
        let confirm = try await client.execute(
          uri: "/snapshots\(Self.bad(vault))", method: .get, headers: .ownPage)
        let form = try Self.form(confirm.text)
        let result = try await client.execute(
          uri: "/snapshots\(Self.bad(vault))", method: .post, headers: .form(),
          body: ByteBuffer(string: form))
        #expect(result.status == .ok)
        let html = result.text
        #expect(html.contains("<h1>Rollback of demo-shop to #\(vault.badID): rolled back</h1>"))
        #expect(html.contains("<li>creating the default menu</li>"))
        #expect(html.contains("<li>reading the menu back</li>"))
        #expect(html.contains("rolled back: operation 4 deployed"))
        #expect(!html.contains(SandboxConfiguration.App.standard.secret))
      }
      let operation = try #require(try vault.store.operation(id: 4))
      #expect(operation.kind == .rollback)
      #expect(operation.status == .deployed)
      #expect(operation.targetSnapshotID == vault.badID)
      let sent = try #require(
        try vault.store.latestSnapshot(account: DemoVault.account, source: .rollback))
      #expect(sent.rollbackOf == vault.badID)
      let bad = try #require(try vault.store.snapshot(id: vault.badID))
      #expect(sent.contentHash == bad.contentHash)
    }
  }

  @Test("a rollback that fails half way shows the failed operation and the restored menu")
  func failedRollback() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp(allowPublish: true) { client in
        let confirm = try await client.execute(
          uri: "/snapshots\(Self.bad(vault))", method: .get, headers: .ownPage)
        let form = try Self.form(confirm.text)
        await vault.sandbox.inject(
          SandboxFault(.errorCode(40016, message: "invalid button size")),
          on: "/cgi-bin/menu/create")
        let result = try await client.execute(
          uri: "/snapshots\(Self.bad(vault))", method: .post, headers: .form(),
          body: ByteBuffer(string: form))
        #expect(result.status == .badGateway)
        let html = result.text
        #expect(html.contains(": failed</h1>"))
        #expect(html.contains("operation 4 failed at step create"))
        #expect(html.contains(#"<span class="operation operation-failed">failed</span>"#))
        #expect(html.contains("was put back ("))
        #expect(html.contains("40016"))
      }
      let operation = try #require(try vault.store.operation(id: 4))
      #expect(operation.status == .failed)
      #expect(try vault.store.pendingOperation(account: DemoVault.account) == nil)
    }
  }

  @Test("a live menu that changed after the confirmation is not replaced; the new diff is shown")
  func liveChangedAfterConfirmation() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp(allowPublish: true) { client in
        let confirm = try await client.execute(
          uri: "/snapshots\(Self.bad(vault))", method: .get, headers: .ownPage)
        let form = try Self.form(confirm.text)
        // Someone edits the menu on the website meanwhile.
        try await vault.sandbox.seedWebsiteMenu(Array(SandboxDemo.websiteMenu.utf8))
        let result = try await client.execute(
          uri: "/snapshots\(Self.bad(vault))", method: .post, headers: .form(),
          body: ByteBuffer(string: form))
        #expect(result.status == .conflict)
        #expect(result.text.contains("The live menu changed after the confirmation page"))
        #expect(result.text.contains(#"name="csrf_token""#))
      }
      #expect(try vault.store.operations(account: DemoVault.account).count == 3)
    }
  }

  /// `/{id}/rollback` for the bad snapshot.
  static func bad(_ vault: DemoVault) -> String { "/\(vault.badID)/rollback" }

  /// The confirmation form's fields, as the browser posts them.
  static func form(_ html: String) throws -> String {
    let fields = try ["csrf_token", "live_hash", "target_hash"].map { name in
      "\(name)=\(try #require(html.hiddenField(name)))"
    }
    return fields.joined(separator: "&")
  }
}
