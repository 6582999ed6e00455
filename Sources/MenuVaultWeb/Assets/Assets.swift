/// The stylesheet and the script `menuvault serve` serves itself, so the pages need no network
/// and the Content-Security-Policy can allow only `'self'`.
enum Assets {
  /// `/assets/menuvault.css`: the pages' styles, then the phone's (``PhoneView/css``).
  static let stylesheetPath = "/assets/menuvault.css"
  /// `/assets/menuvault.js`: the local-time script.
  static let scriptPath = "/assets/menuvault.js"

  /// The whole stylesheet.
  static let stylesheet = Array((pageStyles + "\n" + PhoneView.css).utf8)

  /// The whole script.
  static let script = Array(localTimeScript.utf8)

  /// Adds the viewer's local time beside every `<time datetime>` (the pages show UTC); pages
  /// work the same without it. Writes text only (`textContent`), never markup.
  static let localTimeScript = """
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
      for (const element of document.querySelectorAll("time[datetime]")) {
        const date = new Date(element.getAttribute("datetime"));
        if (isNaN(date.getTime())) continue;
        const local = document.createElement("span");
        local.className = "local-time";
        local.textContent = date.toLocaleString();
        element.after(local);
      }
    });

    """

  /// The pages' own styles (layout, tables, badges, the diff).
  static let pageStyles = """
    :root {
      --ink: #1d2329; --muted: #69727d; --line: #d8dde3; --paper: #ffffff; --wash: #f5f7f9;
      --accent: #07c160; --link: #1a5fb4; --added: #e6f6ea; --added-ink: #146c2e;
      --removed: #fdebec; --removed-ink: #a51d2d; --changed: #fff4d6; --changed-ink: #7a5200;
      --moved: #e8efff; --moved-ink: #1c4fb0;
      font-family: -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", sans-serif;
      color: var(--ink); background: var(--wash);
    }
    body { margin: 0; }
    a { color: var(--link); }
    header.site { display: flex; gap: 1em; align-items: baseline; padding: 0.6em 1.5em;
      background: var(--paper); border-bottom: 1px solid var(--line); }
    header.site .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
    header.site .vault { color: var(--muted); font-size: 0.85em; font-family: ui-monospace, monospace; }
    main { padding: 1em 1.5em 2em; max-width: 90em; }
    footer.site { padding: 1em 1.5em; color: var(--muted); font-size: 0.8em; }
    h1 .platform, .hint { color: var(--muted); font-size: 0.8em; font-weight: normal; }
    .crumbs { font-size: 0.85em; color: var(--muted); }
    table { border-collapse: collapse; background: var(--paper); width: 100%; }
    th, td { text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid var(--line);
      vertical-align: top; font-size: 0.9em; }
    th { background: var(--wash); font-weight: 600; }
    td.number { text-align: right; }
    tr.unchanged td { color: var(--muted); }
    .detail { color: var(--muted); font-size: 0.85em; }
    .local-time { display: block; color: var(--muted); font-size: 0.85em; }
    .side-facts .local-time, .banner .local-time { display: inline; margin-left: 0.4em; }
    .side-facts .local-time::before, .banner .local-time::before { content: "("; }
    .side-facts .local-time::after, .banner .local-time::after { content: ")"; }
    code, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; }
    .hash { word-break: break-all; }
    .badge, .status, .fidelity, .operation { display: inline-block; padding: 0 0.45em;
      border-radius: 0.6em; font-size: 0.85em; }
    .publish-on { background: var(--changed); color: var(--changed-ink); }
    .status-in-sync, .operation-deployed, .fidelity-exact { background: var(--added); color: var(--added-ink); }
    .status-drifted, .operation-failed, .fidelity-unpublishable { background: var(--removed); color: var(--removed-ink); }
    .status-locked, .operation-pending, .fidelity-lossy { background: var(--changed); color: var(--changed-ink); }
    .status-never-pulled, .fidelity-converted { background: var(--moved); color: var(--moved-ink); }
    .operation { display: block; margin: 0.1em 0; border-radius: 0.3em; }
    .banner { padding: 0.6em 0.9em; border-radius: 0.4em; background: var(--paper);
      border: 1px solid var(--line); }
    .banner.locked, .banner.warning { background: var(--changed); color: var(--changed-ink); }
    .banner.ok { background: var(--added); color: var(--added-ink); }
    .banner.failed { background: var(--removed); color: var(--removed-ink); }
    .note { color: var(--muted); font-size: 0.9em; }
    .note.warning { color: var(--changed-ink); }
    .snapshot { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
    .facts { flex: 1 1 22em; background: var(--paper); border: 1px solid var(--line);
      border-radius: 0.5em; padding: 0.5em 1em; }
    .facts dt { font-weight: 600; margin-top: 0.5em; }
    .facts dd { margin: 0; }
    .links { padding-left: 1.1em; }
    .compare { display: flex; flex-wrap: wrap; gap: 2em; align-items: flex-start; }
    .compare .side { flex: 1 1 22em; }
    pre.diff { background: var(--paper); border: 1px solid var(--line); border-radius: 0.4em;
      padding: 0.6em 0.9em; overflow-x: auto; white-space: pre-wrap; }
    .change-added { color: var(--added-ink); }
    .change-removed { color: var(--removed-ink); }
    .change-changed { color: var(--changed-ink); }
    .change-moved { color: var(--moved-ink); }
    .pages { margin-top: 1em; display: flex; gap: 1.5em; }
    button, a.button { font: inherit; padding: 0.35em 0.9em; border-radius: 0.4em;
      border: 1px solid var(--line); background: var(--paper); color: var(--ink);
      text-decoration: none; cursor: pointer; }
    button.danger { background: var(--removed-ink); color: #fff; border-color: var(--removed-ink); }
    form.confirm { margin-top: 1.5em; display: flex; gap: 1em; align-items: center; }
    ol.steps li { font-family: ui-monospace, monospace; font-size: 0.9em; }

    """
}
