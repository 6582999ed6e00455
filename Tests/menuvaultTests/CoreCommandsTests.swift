import Foundation
import Testing

@Suite("the normalize, hash, canonicalize and lint commands")
struct CoreCommandsTests {
  func fixture(_ name: String) -> String {
    CommandRunner.fixtures.appendingPathComponent("api/\(name)").path
  }

  @Test("hash prints the 64-hex content hash and a newline, equal across the three shapes")
  func hashAcrossShapes() async throws {
    let create = try await CommandRunner.run(["hash", fixture("sample-create.json")])
    let get = try await CommandRunner.run(["hash", fixture("sample-menu-get.json")])
    let selfmenu = try await CommandRunner.run(["hash", fixture("selfmenu-api.json")])
    #expect(create.status == 0)
    #expect(create.stdout.count == 65)
    #expect(create.stdout.hasSuffix("\n"))
    #expect(create.stdout.allSatisfy { "0123456789abcdef\n".contains($0) })
    #expect(get.stdout == create.stdout)
    #expect(selfmenu.stdout == create.stdout)
  }

  @Test("the hash equals SHA-256 of normalize --canonical without its newline")
  func hashIsSHA256OfCanonical() async throws {
    let canonical = try await CommandRunner.run([
      "normalize", "--canonical", fixture("sample-menu-get.json"),
    ])
    #expect(canonical.status == 0)
    #expect(canonical.stdout.hasSuffix("}\n"))
    // SHA-256 by another implementation: coreutils' sha256sum over the canonical bytes.
    let file = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-canonical-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data(canonical.stdout.utf8.dropLast()).write(to: file)
    let sum = try await ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path])
    let digest = String(sum.stdout.prefix(64))
    let hash = try await CommandRunner.run(["hash", fixture("sample-menu-get.json")])
    #expect(digest.count == 64)
    #expect(hash.stdout == digest + "\n")
  }

  @Test("replies for an account with no selfmenu snapshot says how to get one")
  func repliesWithoutSelfmenu() async throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-replies-\(UUID().uuidString).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let imported = try await CommandRunner.run([
      "import", "--account", "shop", "--db", path, fixture("sample-create.json"),
    ])
    #expect(imported.status == 0)
    let replies = try await CommandRunner.run(["replies", "--account", "shop", "--db", path])
    #expect(replies.status == 66)
    #expect(
      replies.stderr
        == "menuvault: account shop has no selfmenu snapshot: run `menuvault pull --account "
        + "shop`, or give a snapshot id\n")
    let unknown = try await CommandRunner.run(["replies", "--account", "nobody", "--db", path])
    #expect(unknown.status == 66)
    #expect(unknown.stderr.contains("nobody"))
  }

  @Test("a read on a vault that does not exist says so, exits 66 and creates no file")
  func missingVault() async throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-typo-\(UUID().uuidString).sqlite").path
    let history = try await CommandRunner.run(["history", "--account", "shop", "--db", path])
    #expect(history.status == 66)
    #expect(
      history.stderr
        == "menuvault: no vault at \(path) (from --db): check the path, or start one with "
        + "`menuvault account add` or `menuvault import`\n")
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test("normalize writes fidelity notes to stderr and --strict exits 65")
  func fidelityNotes() async throws {
    let result = try await CommandRunner.run(["normalize", fixture("selfmenu-website.json")])
    #expect(result.status == 0)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 5)
    #expect(lines.contains { $0.contains("button[1]: lossy: text became click mv_text_") })
    let strict = try await CommandRunner.run([
      "normalize", "--strict", fixture("selfmenu-website.json"),
    ])
    #expect(strict.status == 65)
    #expect(strict.stderr.hasSuffix("5 button(s) not exact, worst unpublishable (--strict)\n"))
  }

  @Test("canonicalize prints RFC 8785 bytes for any JSON")
  func canonicalize() async throws {
    let result = try await CommandRunner.run(
      ["canonicalize", "-"], stdin: Array(#"{"b":1e21,"a":[1E-7,-0,"\u20ac\/"]}"#.utf8))
    #expect(result.status == 0)
    #expect(result.stdout == "{\"a\":[1e-7,0,\"€/\"],\"b\":1e+21}\n")
  }

  @Test("bad input: one line naming the file and the place, exit 65")
  func badInput() async throws {
    let duplicate = try await CommandRunner.run(
      ["hash", "-"], stdin: Array(#"{"button":[],"button":[]}"#.utf8))
    #expect(duplicate.status == 65)
    #expect(duplicate.stdout == "")
    #expect(
      duplicate.stderr == "menuvault: <stdin>: not valid JSON: byte 13: duplicate key \"button\"\n")
    let wrongType = try await CommandRunner.run(
      ["normalize", "-"], stdin: Array(#"{"button":[{"name":1}]}"#.utf8))
    #expect(wrongType.status == 65)
    #expect(
      wrongType.stderr == "menuvault: <stdin>: button[0].name: expected a string, found a number\n")
    let missing = try await CommandRunner.run(["lint", "/nonexistent/menu.json"])
    #expect(missing.status == 66)
    #expect(missing.stderr.hasPrefix("menuvault: /nonexistent/menu.json: cannot read the file"))
  }

  @Test("lint exits 0 when publishable and 65 with one line per finding")
  func lint() async throws {
    let good = try await CommandRunner.run(["lint", fixture("sample-create.json")])
    #expect(good.status == 0)
    #expect(good.stdout == "\(fixture("sample-create.json")): publishable on wechat\n")
    let website = try await CommandRunner.run(["lint", fixture("selfmenu-website.json")])
    #expect(website.status == 65)
    let lines = website.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines.filter { $0.contains(": unpublishable: ") }.count == 3)
    #expect(
      lines.filter { $0.contains(": warning: lossy-conversion: text became click") }.count == 1)
    let weibo = try await CommandRunner.run([
      "lint", "--platform", "weibo", fixture("weibo-show.json"),
    ])
    #expect(weibo.status == 65)
    #expect(weibo.stdout.contains("button[1].name: name-length:"))
    #expect(weibo.stderr.hasSuffix("1 finding(s): not publishable on weibo\n"))
  }

  @Test(
    "a forced shape that does not fit is refused with 65, naming the keys; import writes nothing")
  func forcedShapeRefused() async throws {
    let answer = fixture("wechat-get-conditional.json")
    let normalized = try await CommandRunner.run(["normalize", answer, "--shape", "create"])
    #expect(normalized.status == 65)
    #expect(normalized.stdout.isEmpty)
    #expect(
      normalized.stderr
        == "menuvault: \(answer): not a create document: its keys \"menu\", \"conditionalmenu\" "
        + "are those of a menu-get document\n")
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-shape-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let vault = directory.appendingPathComponent("vault.sqlite").path
    let imported = try await CommandRunner.run([
      "import", answer, "--shape", "create", "--account", "a", "--db", vault,
    ])
    #expect(imported.status == 65)
    #expect(imported.stderr.contains("not a create document"))
    #expect(!FileManager.default.fileExists(atPath: vault))
  }

  @Test("ignored members are named on stderr and --strict exits 65; --verbose names the shape")
  func ignoredMembersNamed() async throws {
    let camel = fixture("create-miniprogram-camelcase.json")
    let plain = try await CommandRunner.run(["normalize", "--verbose", camel])
    #expect(plain.status == 0)
    #expect(
      plain.stderr == "\(camel): read as create (detected)\n"
        + "\(camel): button[0]: lossy: ignored: appId — did you mean appid?, "
        + "pagePath — did you mean pagepath?\n")
    let strict = try await CommandRunner.run(["normalize", "--strict", camel])
    #expect(strict.status == 65)
    let asked = try await CommandRunner.run([
      "normalize", "-v", "--shape", "menu-get", fixture("wechat-get-conditional.json"),
    ])
    #expect(asked.stderr.hasSuffix("read as menu-get (as asked)\n"))
  }

  @Test("lint warns about a lossy conversion: exit 0, and 65 with --strict")
  func lintLossy() async throws {
    let text = Array(#"{"button":[{"type":"text","name":"Hi","value":"hello"}]}"#.utf8)
    let lint = try await CommandRunner.run(["lint", "-"], stdin: text)
    #expect(lint.status == 0)
    #expect(
      lint.stdout.hasPrefix("<stdin>: button[0]: warning: lossy-conversion: text became click"))
    #expect(lint.stdout.hasSuffix("<stdin>: publishable on wechat with 1 warning(s)\n"))
    let strict = try await CommandRunner.run(["lint", "--strict", "-"], stdin: text)
    #expect(strict.status == 65)
  }

  @Test("import names the ignored members of what it stores, and show names them again")
  func importKeepsNotes() async throws {
    let camel = fixture("create-miniprogram-camelcase.json")
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("menuvault-notes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let vault = directory.appendingPathComponent("vault.sqlite").path
    let imported = try await CommandRunner.run([
      "import", camel, "--account", "camel", "--db", vault,
    ])
    #expect(imported.status == 0, "\(imported.stderr)")
    let note =
      "button[0]: lossy: ignored: appId — did you mean appid?, pagePath — did you mean pagepath?"
    #expect(imported.stderr == "\(camel): \(note)\n")
    let shown = try await CommandRunner.run(["show", "1", "--db", vault])
    #expect(shown.stdout.hasSuffix("note: \(note)\n"))
    #expect(shown.stdout.contains("fidelity lossy"))
  }
}
