/// The page templates: swift-mustache templates kept as string literals, so the `menuvault`
/// binary carries them (no resource files to install beside it).
///
/// `{{name}}` escapes for HTML; `{{{name}}}` is used only for the phone drawings and the page
/// body, which are HTML already escaped where they hold text.
enum Templates {
  /// The name of the layout every page is drawn into.
  static let layoutName = "layout"

  /// Every template by name; `time` is a partial (`{{>time}}`) over a ``TimeView``.
  static let all: [(name: String, text: String)] = [
    (layoutName, layout),
    ("time", time),
    ("diff", diff),
    ("overview", overview),
    ("timeline", timeline),
    ("snapshot", snapshot),
    ("compare", compare),
    ("rollback-confirm", rollbackConfirm),
    ("rollback-result", rollbackResult),
    ("error", error),
  ]

  static let layout = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · MenuVault</title>
    <link rel="stylesheet" href="/assets/menuvault.css">
    <script src="/assets/menuvault.js" defer></script>
    </head>
    <body>
    <header class="site">
    <a class="brand" href="/">MenuVault</a>
    <span class="vault" title="the vault this page reads">{{vault}}</span>
    {{#allowPublish}}<span class="badge publish-on" title="started with --allow-publish">rollback enabled</span>{{/allowPublish}}
    </header>
    <main>
    {{{body}}}
    </main>
    <footer class="site">Times are UTC; with scripts on, your local time is shown beside each.</footer>
    </body>
    </html>

    """

  /// A ``TimeView``: UTC text in a `<time>` element the script adds local time to.
  static let time = #"<time datetime="{{iso}}">{{text}}</time>"#

  /// A list of ``MenuChange`` lines as `menuvault diff` prints them (`changes`, `hasChanges`).
  static let diff = """
    {{#hasChanges}}<pre class="diff">{{#changes}}<span class="change change-{{kind}}">{{line}}</span>
    {{/changes}}</pre>{{/hasChanges}}
    """
}
