import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MenuVault
import Mustache
import Testing

@testable import MenuVaultWeb

/// The templates compiled into the binary, how they are read, and the rows kept once drawn.
@Suite("menuvault serve's templates")
struct TemplatesTests {
  @Test("every template file parses and is registered under its name")
  func everyTemplateRegistered() throws {
    let library = try Templates.library()
    let names = Templates.files.map(\.name)
    #expect(Set(names).count == names.count, "one name per file")
    for file in Templates.files {
      #expect(!file.bytes.isEmpty, "\(file.name)")
      #expect(library.getTemplate(named: file.name) != nil, "\(file.name)")
    }
    #expect(names.contains(Templates.layoutName))
  }

  @Test("every name a template reads is one a model answers (a misspelt name renders nothing)")
  func everyNameAnswered() throws {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/MenuVaultWeb")
    var answered: Set<String> = []
    let swiftFiles = try #require(FileManager.default.enumerator(atPath: sources.path))
      .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
    for file in swiftFiles {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      guard text.contains(": MustacheParent {") else { continue }
      // `case "a", "b": return …` inside the `child(named:)` switches.
      for line in text.split(separator: "\n") where line.contains("case \"") {
        for (index, part) in line.split(separator: "\"", omittingEmptySubsequences: false)
          .enumerated() where index % 2 == 1
        {
          answered.insert(String(part))
        }
      }
    }
    #expect(answered.count > 50, "the switches were found")
    for file in Templates.files {
      for name in Self.names(in: String(decoding: file.bytes, as: UTF8.self)) {
        #expect(
          answered.contains(name), "\(file.name).mustache reads \(name), which no model answers")
      }
    }
  }

  /// The names a template looks up: variables and sections, each part of a dotted name; not
  /// partials, comments, `.` or the end of a section.
  static func names(in template: String) -> Set<String> {
    var names: Set<String> = []
    var rest = Substring(template)
    while let open = rest.range(of: "{{") {
      rest = rest[open.upperBound...]
      guard let close = rest.range(of: "}}") else { break }
      var tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      rest = rest[close.upperBound...]
      guard let sigil = tag.first else { continue }
      if "!>/=".contains(sigil) { continue }
      if "#^&{".contains(sigil) { tag = String(tag.dropFirst()) }
      for part in tag.trimmingCharacters(in: .whitespaces).split(separator: ".") where !part.isEmpty
      {
        names.insert(String(part))
      }
    }
    return names
  }

  @Test("every .mustache file beside Templates.swift is compiled in and listed")
  func everyFileListed() throws {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/MenuVaultWeb/Templates")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".mustache") }
      .map { String($0.dropLast(".mustache".count)) }
    #expect(Set(files) == Set(Templates.files.map(\.name)))
    for file in Templates.files {
      let bytes = try Data(contentsOf: directory.appendingPathComponent(file.name + ".mustache"))
      #expect([UInt8](bytes) == file.bytes, "\(file.name): the binary holds the file as it is")
    }
  }

  @Test("a joined template loses each line break and the indentation after it, nothing else")
  func joinedLines() {
    #expect(Templates.joined("<a>\n  <b> c</b>\n\t<i>\n</a>\n") == "<a><b> c</b><i></a>")
    #expect(Templates.joined("one line") == "one line")
  }

  @Test("{{ }} escapes with the templates' own escaping, in partials too")
  func escapingInPartials() throws {
    let time = TimeView(iso: "\"\u{301}<x>")
    let html = try #require(try Templates.library().render(time, withTemplate: "time"))
    #expect(html == "<time datetime=\"&quot;\u{301}&lt;x&gt;\">&quot;\u{301}&lt;x&gt;</time>")
  }

  @Test("a fragment is drawn once, then looked up; a full cache starts again")
  func renderCache() {
    let cache = RenderCache<Int>(capacity: 2)
    var draws = 0
    let draw = { (value: Int) -> String in
      draws += 1
      return "<p>\(value)</p>"
    }
    #expect(cache.fragment(for: 1, draw: draw) == "<p>1</p>")
    #expect(cache.fragment(for: 1, draw: draw) == "<p>1</p>")
    #expect(draws == 1)
    #expect(cache.fragment(for: 2, draw: draw) == "<p>2</p>")
    #expect(cache.fragment(for: 3, draw: draw) == "<p>3</p>")
    #expect(draws == 3)
    #expect(cache.fragment(for: 1, draw: draw) == "<p>1</p>")
    #expect(draws == 4, "the cache was full and started again")
  }

  @Test("a timeline page drawn again from the kept rows is the same page")
  func timelineDrawnTwice() async throws {
    try await DemoVault.with { vault in
      try await vault.withApp { client in
        for uri in ["/accounts/demo-shop", "/accounts/demo-shop?all=1"] {
          let first = try await client.execute(uri: uri, method: .get).text
          let second = try await client.execute(uri: uri, method: .get).text
          #expect(first.contains("<tr class="))
          #expect(first == second, "\(uri)")
        }
      }
    }
  }
}
