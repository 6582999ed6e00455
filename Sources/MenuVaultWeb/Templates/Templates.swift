import Mustache

/// The page templates: the `.mustache` files beside this one, compiled into the binary by
/// SwiftPM (`resources: [.embedInCode(...)]` in Package.swift, read here as `PackageResources`),
/// so `menuvault` stays one file; parsed once, when the server starts, into one library.
///
/// A template reads its model through `MustacheParent` lookups (no reflection): see the models
/// in `Pages/` and ``PhoneView``.
///
/// Escaping: `{{name}}` escapes for HTML with ``HTMLText``, which every template declares (the
/// declaration is added here, as mustache resets the content type in each partial). `{{{name}}}`
/// inserts only what a template drew: the page body into the layout, a phone (`phone`) and the
/// timeline rows (`timeline-row`) into their pages (see ``Pages``).
///
/// Line breaks: a template is its file as written (mustache drops the line of a tag that stands
/// alone on it, such as `{{#rows}}`), except the pieces drawn inline: the phone (a page shows
/// it on one line) and `time`. Their lines are joined before parsing, each without its line
/// break and leading indentation, so they can be written one element per line.
enum Templates {
  /// The name of the layout every page is drawn into.
  static let layoutName = "layout"

  /// How a file's lines become the template.
  enum Lines {
    /// The file as written.
    case asWritten
    /// Joined: each line without its line break and leading spaces and tabs.
    case joined
  }

  /// Every template: the name pages and partials (`{{>time}}`) call it by, its file's bytes, and
  /// how its lines are read.
  static let files: [(name: String, bytes: [UInt8], lines: Lines)] = [
    (layoutName, PackageResources.layout_mustache, .asWritten),
    ("time", PackageResources.time_mustache, .joined),
    ("diff", PackageResources.diff_mustache, .asWritten),
    ("overview", PackageResources.overview_mustache, .asWritten),
    ("timeline", PackageResources.timeline_mustache, .asWritten),
    ("timeline-row", PackageResources.timeline_row_mustache, .asWritten),
    ("snapshot", PackageResources.snapshot_mustache, .asWritten),
    ("compare", PackageResources.compare_mustache, .asWritten),
    ("rollback-confirm", PackageResources.rollback_confirm_mustache, .asWritten),
    ("rollback-result", PackageResources.rollback_result_mustache, .asWritten),
    ("error", PackageResources.error_mustache, .asWritten),
    ("phone", PackageResources.phone_mustache, .joined),
    ("phone-menu", PackageResources.phone_menu_mustache, .joined),
    ("phone-marks", PackageResources.phone_marks_mustache, .joined),
    ("phone-button", PackageResources.phone_button_mustache, .joined),
    ("phone-button-attributes", PackageResources.phone_button_attributes_mustache, .joined),
    ("phone-button-content", PackageResources.phone_button_content_mustache, .joined),
  ]

  /// Every template of ``files``, parsed, in one library.
  /// - Throws: ``TemplateError`` naming the template that does not parse (a defect the tests
  ///   catch).
  static func library() throws -> MustacheLibrary {
    MustacheContentTypes.register(HTMLText(), named: HTMLText.name)
    var library = MustacheLibrary()
    for file in files {
      var text = String(decoding: file.bytes, as: UTF8.self)
      if file.lines == .joined { text = joined(text) }
      do {
        try library.register("{{% CONTENT_TYPE: \(HTMLText.name) }}\n" + text, named: file.name)
      } catch {
        throw TemplateError(name: file.name, error: error)
      }
    }
    return library
  }

  /// `text` with each line's line break and leading spaces and tabs removed.
  static func joined(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.drop { $0 == " " || $0 == "\t" } }
      .joined()
  }
}

/// A template that does not parse.
struct TemplateError: Error, CustomStringConvertible {
  /// The template's name (its file is `Templates/NAME.mustache`).
  var name: String
  /// What the parser said.
  var error: any Error

  var description: String { "template \(name).mustache does not parse: \(error)" }
}

extension Optional {
  /// The value as a model answers a template's lookup: `false` when there is none, so that
  /// `{{#name}}` stops at this object and draws nothing, instead of climbing the context stack to
  /// an enclosing object with a value by the same name (as `nil` would).
  var section: Any {
    switch self {
    case .some(let value): return value
    case .none: return false
    }
  }
}
