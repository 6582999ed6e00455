extension PhoneView {
  /// The phone's CSS, served by menuvault itself with the page CSS.
  ///
  /// Everything is scoped under `.phone`, except the mark classes (`mark-added`, `mark-removed`,
  /// `mark-moved`, `mark-changed`) and the badge classes (`phone-badge badge-converted`, ...),
  /// which a page can reuse as they are for a legend: `<span class="mark-added">added</span>`.
  /// It fetches nothing (no `url()`, no `@import`, no web fonts) and needs no inline style.
  static let css = """
    .phone { display: inline-block; vertical-align: top; color: #191919; font-size: 14px;
      font-family: -apple-system, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC",
        "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; }
    .phone *, .phone *::before, .phone *::after { box-sizing: border-box; }

    /* Tabs: a radio inside each label; the checked one's panel shows. Without :has(), every
       panel shows, one after another, each under its title. */
    .phone-menus { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 4px;
      max-width: 380px; }
    .phone-menu { display: contents; }
    .phone-tab { order: 0; position: relative; display: inline-flex; align-items: center; gap: 4px;
      max-width: 100%; padding: 4px 10px; border: 1px solid #cfcfcf; border-radius: 14px;
      background: #f5f5f5; font-size: 12px; cursor: pointer; overflow-wrap: anywhere; }
    .phone-tab-input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0;
      opacity: 0; cursor: pointer; }
    .phone-tab:has(.phone-tab-input:checked) { background: #07c160; border-color: #07c160;
      color: #fff; }
    .phone-tab:has(.phone-tab-input:focus-visible) { outline: 2px solid #1a73e8;
      outline-offset: 2px; }
    .phone-tab-marked::after { content: ""; width: 7px; height: 7px; border-radius: 50%;
      background: #e0a800; flex: none; }
    .phone-tab-inactive .phone-tab-name { text-decoration: line-through; }
    .phone-inactive-badge { padding: 1px 4px; border-radius: 3px; background: #8a8a8a; color: #fff;
      font-size: 10px; }
    .phone-panel { order: 1; flex: 0 0 100%; min-width: 0; margin-top: 4px; }
    .phone-menus:has(.phone-tab-input:checked)
      .phone-menu:not(:has(.phone-tab-input:checked)) > .phone-panel { display: none; }
    .phone-menu-title { margin: 4px 0; font-size: 13px; font-weight: 600; }
    .phone-menus-tabbed:has(.phone-tab-input:checked) .phone-menu-title { display: none; }
    .phone-inactive-note, .phone-menu-change { width: 360px; margin: 4px 0; padding: 4px 8px;
      border-radius: 4px; font-size: 12px; }
    .phone-inactive-note { background: #eeeeee; color: #555; }

    /* The phone: a rounded frame ~360px wide, the chat above, the menu bar at the bottom. */
    .phone-frame { position: relative; width: 360px; margin: 6px 0; padding: 20px 0 14px;
      border: 8px solid #1f1f1f; border-radius: 36px; background: #1f1f1f;
      box-shadow: 0 4px 18px rgba(0, 0, 0, 0.25); }
    .phone-frame::before { content: ""; position: absolute; top: 4px; left: 50%; width: 64px;
      height: 6px; margin-left: -32px; border-radius: 3px; background: #3a3a3a; }
    .phone-screen { display: flex; flex-direction: column; min-height: 560px; overflow: hidden;
      border-radius: 6px; background: #ededed; }
    .phone-header { display: flex; align-items: center; gap: 8px; padding: 10px 12px;
      border-bottom: 1px solid #d9d9d9; font-weight: 600; }
    .phone-back { font-size: 22px; line-height: 1; font-weight: 400; }
    .phone-account { flex: 1; margin-right: 20px; text-align: center; font-size: 15px; }
    .phone-chat { flex: 1 1 auto; min-height: 96px; }

    /* The bar: the keyboard toggle, then up to three equal buttons. Each button spans two rows of
       the bar (subgrid): its open sub-menu in the first, its face in the second, so the faces
       line up and share one height. */
    .phone-bar { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(0, 1fr);
      grid-template-rows: auto auto; }
    .phone-bar-wechat { grid-template-columns: 44px; }
    .phone-keyboard { grid-row: 2; grid-column: 1; display: flex; align-items: center;
      justify-content: center; border-top: 1px solid #d9d9d9; background: #f7f7f7; color: #181818; }
    .phone-bar-empty { grid-row: 2; display: flex; align-items: center; justify-content: center;
      min-height: 52px; border-top: 1px solid #d9d9d9; background: #f7f7f7; color: #999;
      font-size: 12px; }
    .phone-button { grid-row: 1 / span 2; display: grid; grid-template-rows: subgrid;
      grid-template-columns: minmax(0, 1fr); align-content: end; min-width: 0; }
    .phone-face { grid-row: 2; display: flex; flex-direction: column; align-items: center; gap: 2px;
      min-width: 0; min-height: 52px; padding: 8px 4px 6px; border-top: 1px solid #d9d9d9;
      border-left: 1px solid #e2e2e2; background: #f7f7f7; text-align: center; }
    .phone-bar-wechat .phone-keyboard + .phone-button > .phone-face,
    .phone-bar-wechat .phone-bar-empty { border-left: 1px solid #e2e2e2; }
    .phone-bar-weibo .phone-button:first-child > .phone-face { border-left: 0; }

    /* A sub-menu, drawn open above its button as the phone pops it up. */
    .phone-submenu { grid-row: 1; align-self: end; position: relative; margin: 0 -8px 10px;
      padding: 0; list-style: none; border: 1px solid #d9d9d9; border-radius: 4px;
      background: #fff; box-shadow: 0 2px 8px rgba(0, 0, 0, 0.12); }
    .phone-button:last-child > .phone-submenu { margin: 0 3px 10px -16px; }  /* not past the edge */
    .phone-submenu::after { content: ""; position: absolute; bottom: -6px; left: 50%; width: 10px;
      height: 10px; margin-left: -5px; border-right: 1px solid #d9d9d9;
      border-bottom: 1px solid #d9d9d9; background: #fff; transform: rotate(45deg); }
    .phone-button:last-child > .phone-submenu::after { left: calc(50% + 9px); }
    .phone-sub-button { display: flex; flex-direction: column; align-items: center; gap: 2px;
      min-width: 0; padding: 8px 3px; border-top: 1px solid #ececec; text-align: center; }
    .phone-sub-button > .phone-name { font-size: 13px; }
    .phone-sub-button:first-child { border-top: 0; }

    /* What a button shows: the name (cut as the phone cuts it), then small print. */
    .phone-name { display: block; max-width: 100%; overflow: hidden; white-space: nowrap;
      text-overflow: ellipsis; font-size: 15px; line-height: 20px; }
    .phone-parent-icon { margin-right: 4px; vertical-align: 1px; color: #7f7f7f; }
    .phone-name-missing { color: #999; font-style: italic; }
    .phone-type { max-width: 100%; color: #7f7f7f; font-size: 10px; line-height: 12px;
      overflow-wrap: anywhere; }
    .phone-fields { width: 100%; margin: 0; color: #576b95; font-size: 10px; line-height: 12px;
      text-align: left; overflow-wrap: anywhere; }
    .phone-fields dt { display: inline; font-weight: 600; }
    .phone-fields dt::after { content: " "; }
    .phone-fields dd { display: inline; margin: 0; }

    /* Fidelity: a badge on the button (its note on hover) and the notes under the phone. */
    .phone-badge { display: inline-block; padding: 2px 4px; border-radius: 3px; color: #fff;
      font-size: 9px; font-weight: 600; line-height: 1; letter-spacing: 0.02em; }
    .badge-converted { background: #1a73e8; }
    .badge-lossy { background: #c26100; }
    .badge-unpublishable { background: #c5221f; }
    .phone-notes { width: 360px; margin: 6px 0; padding: 0; list-style: none; font-size: 12px; }
    .phone-note { margin: 4px 0; overflow-wrap: anywhere; }
    .phone-note code { font-size: 11px; }

    /* Comparison marks: outlines and tints that tell the kinds apart, and a legend can reuse. */
    .mark-added:not(.phone-button):not(.phone-menu), .phone-button.mark-added > .phone-face {
      background: #e3f6e8; box-shadow: inset 0 0 0 2px #1a9c4b; }
    .mark-removed:not(.phone-button):not(.phone-menu), .phone-button.mark-removed > .phone-face {
      background: #fde7e7; box-shadow: inset 0 0 0 2px #d93025; }
    .mark-removed > .phone-name, .phone-button.mark-removed > .phone-face > .phone-name {
      text-decoration: line-through; }
    .mark-changed:not(.phone-button):not(.phone-menu), .phone-button.mark-changed > .phone-face {
      background: #fff4d6; box-shadow: inset 0 0 0 2px #e0a800; }
    .mark-moved:not(.phone-button):not(.phone-menu), .phone-button.mark-moved > .phone-face {
      outline: 2px dashed #1a73e8; outline-offset: -3px; }
    .mark-moved:not(.mark-added):not(.mark-removed):not(.mark-changed):not(.phone-button):not(
      .phone-menu), .phone-button.mark-moved:not(.mark-changed) > .phone-face {
      background: #e6efff; }
    .phone-menu.mark-added > .phone-tab { outline: 2px solid #1a9c4b; outline-offset: 1px; }
    .phone-menu.mark-removed > .phone-tab { outline: 2px solid #d93025; outline-offset: 1px; }
    .phone-menu.mark-changed > .phone-tab { outline: 2px solid #e0a800; outline-offset: 1px; }
    .phone-menu.mark-moved > .phone-tab { outline: 2px dashed #1a73e8; outline-offset: 1px; }
    .field-changed { border-radius: 2px; background: #ffe08a; }

    /* Weibo's fan-service bar: no keyboard toggle, white buttons under an orange rule. */
    .phone-weibo .phone-screen { background: #f2f2f2; }
    .phone-weibo .phone-header { border-bottom: 1px solid #e6e6e6; background: #fff; }
    .phone-bar-weibo .phone-face, .phone-bar-weibo .phone-bar-empty {
      border-top: 2px solid #ff8200; background: #fff; }
    .phone-weibo .phone-submenu { border-color: #ffd3a6; }
    .phone-weibo .phone-submenu::after { border-color: #ffd3a6; }
    .phone-weibo .phone-tab:has(.phone-tab-input:checked) { background: #ff8200;
      border-color: #ff8200; }
    """
}
