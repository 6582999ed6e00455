#!/usr/bin/env python3
"""Writes the hostile-input corpus under Tests/MenuVaultTests/Fixtures/hostile.

Each case is a file plus a line in manifest.tsv: file, the stage that must refuse it
(`parse`: every command that reads it exits 65 before touching the vault; `lint`: it is a
readable menu that lint (and publish) must refuse with exit 65), and a fragment the one-line
error must contain. Very large inputs (10 MB strings, 100,000-deep nesting) are built by the
test itself rather than committed.
"""
import json
import os

HERE = os.path.join(os.path.dirname(__file__), "..", "Tests", "MenuVaultTests", "Fixtures", "hostile")
cases = []


def add(name, data, stage, fragment, platform="wechat"):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)
    cases.append((name, stage, platform, fragment))


def menu(buttons, **extra):
    d = {"button": buttons}
    d.update(extra)
    return json.dumps(d, ensure_ascii=False)


def leaf(name="a", kind="click", **fields):
    d = {"type": kind, "name": name}
    if kind == "click" and "key" not in fields:
        d["key"] = "k"
    if kind == "view" and "url" not in fields:
        d["url"] = "http://x/"
    d.update(fields)
    return d


# --- not JSON / broken JSON -------------------------------------------------
add("p01-empty.json", b"", "parse", "empty input")
add("p02-whitespace.json", b"  \n\t ", "parse", "empty input")
add("p03-plain-text.json", "hello menu", "parse", "unexpected character 'h'")
add("p04-xml.json", "<xml><button/></xml>", "parse", "unexpected character '<'")
add("p05-truncated-object.json", '{"button":[{"type":"click","name":"a"', "parse", "unexpected end of input")
add("p06-truncated-string.json", '{"button":[{"name":"今日', "parse", "unexpected end of input")
add("p07-duplicate-key-top.json", '{"button":[],"button":[]}', "parse", 'duplicate key "button"')
add("p08-duplicate-key-button.json", '{"button":[{"type":"click","name":"a","name":"b","key":"k"}]}', "parse", 'duplicate key "name"')
add("p09-duplicate-key-escaped.json", '{"button":[{"type":"click","name":"a","\\u006eame":"b","key":"k"}]}', "parse", 'duplicate key "name"')
add("p10-lone-high-surrogate.json", '{"button":[{"type":"click","name":"\\ud83d","key":"k"}]}', "parse", "lone surrogate")
add("p11-lone-low-surrogate.json", '{"button":[{"type":"click","name":"\\ude00x","key":"k"}]}', "parse", "lone surrogate")
add("p12-invalid-utf8.json", b'{"button":[{"type":"click","name":"\xff\xfe","key":"k"}]}', "parse", "invalid UTF-8")
add("p13-overlong-utf8.json", b'{"button":[{"type":"click","name":"\xc0\xaf","key":"k"}]}', "parse", "invalid UTF-8")
add("p14-encoded-surrogate.json", b'{"button":[{"type":"click","name":"\xed\xa0\x80","key":"k"}]}', "parse", "invalid UTF-8")
add("p15-latin1.json", '{"button":[{"type":"click","name":"café","key":"k"}]}'.encode("latin-1"), "parse", "invalid UTF-8")
add("p16-nan.json", '{"button":[],"matchrule":{"sex":NaN}}', "parse", "unexpected character 'N'")
add("p17-infinity.json", '{"button":[],"matchrule":{"sex":Infinity}}', "parse", "unexpected character 'I'")
add("p18-number-overflow.json", '{"menu":{"button":[],"menuid":1e400}}', "parse", "number out of range")
add("p19-trailing-garbage.json", '{"button":[]} trailing', "parse", "unexpected content after the document")
add("p20-leading-zero.json", '{"menu":{"button":[],"menuid":0123}}', "parse", "invalid number")
add("p21-single-quotes.json", "{'button':[]}", "parse", "unexpected character")
add("p22-trailing-comma.json", '{"button":[{"type":"click","name":"a","key":"k"},]}', "parse", "unexpected character ']'")
add("p23-comment.json", '{"button":[] /* c */}', "parse", "unexpected character '/'")
add("p24-control-char.json", '{"button":[{"type":"click","name":"a\tb","key":"k"}]}', "parse", "unescaped control character")
add("p25-bad-escape.json", '{"button":[{"type":"click","name":"a\\qb","key":"k"}]}', "parse", "invalid escape")
add("p26-utf16-bom.json", '\ufeff{"button":[]}'.encode("utf-16-le"), "parse", "byte 0")
add("p27-nul-byte.json", b'{"button":[]}\x00', "parse", "unexpected")
# --- readable JSON, wrong shape or wrong types ------------------------------
add("s01-array-top.json", "[]", "parse", "top level: expected an object, found an array")
add("s02-string-top.json", '"menu"', "parse", "top level: expected an object, found a string")
add("s03-unknown-shape.json", '{"menus":[]}', "parse", "unknown document shape")
add("s04-error-response.json", '{"errcode":46003,"errmsg":"menu no exist"}', "parse", "errcode 46003")
add("s05-weibo-error.json", '{"request":"/2/messages/menu/show.json","error_code":21327,"error":"expired_token"}', "parse", "errcode 21327")
add("s06-button-not-array.json", '{"button":{"name":"a"}}', "parse", "button: expected an array, found an object")
add("s07-button-element-string.json", '{"button":["a"]}', "parse", "button[0]: expected an object, found a string")
for field in ["name", "type", "key", "url", "media_id", "appid", "pagepath", "article_id"]:
    for value, kind in [(1, "a number"), (True, "a boolean"), ([], "an array"), ({}, "an object")]:
        b = {"type": "click", "name": "a", "key": "k"}
        b[field] = value
        add("t-%s-%s.json" % (field, kind.split()[-1]), json.dumps({"button": [b]}), "parse",
            "button[0].%s: expected a string, found %s" % (field, kind))
add("s08-sub-button-number.json", '{"button":[{"name":"p","sub_button":5}]}', "parse", "button[0].sub_button: expected an array")
add("s09-sub-list-not-array.json", '{"is_menu_open":1,"selfmenu_info":{"button":[{"name":"p","sub_button":{"list":{}}}]}}', "parse", "sub_button.list: expected an array")
add("s10-matchrule-array.json", '{"button":[{"type":"click","name":"a","key":"k"}],"matchrule":[]}', "parse", "matchrule: expected an object")
add("s11-matchrule-bool.json", '{"button":[{"type":"click","name":"a","key":"k"}],"matchrule":{"tag_id":true}}', "parse", "matchrule.tag_id: expected a string or a number")
add("s12-menu-not-object.json", '{"menu":[1]}', "parse", "menu: expected an object, found an array")
add("s13-conditional-not-array.json", '{"menu":{"button":[]},"conditionalmenu":{}}', "parse", "conditionalmenu: expected an array")
add("s14-is-menu-open-string.json", '{"is_menu_open":"yes","selfmenu_info":{"button":[]}}', "parse", "is_menu_open: expected 0 or 1")
add("s15-selfmenu-info-array.json", '{"is_menu_open":1,"selfmenu_info":[]}', "parse", "selfmenu_info: expected an object")
add("s16-news-info-list-string.json", '{"is_menu_open":1,"selfmenu_info":{"button":[{"type":"news","name":"n","news_info":{"list":"x"}}]}}', "parse", "news_info.list: expected an array")
# --- readable menus that lint must refuse -----------------------------------
add("l01-four-top-level.json", menu([leaf(), leaf(), leaf(), leaf()]), "lint", "button: button-count")
add("l02-six-leaves.json", menu([{"name": "p", "sub_button": [leaf() for _ in range(6)]}]), "lint", "button[0].sub_button: sub-button-count")
add("l03-no-buttons.json", menu([]), "lint", "button: button-count")
add("l04-top-name-17-cjk.json", menu([leaf("今日歌曲今a" + "bb")]), "lint", "button[0].name: name-length")
add("l05-top-name-17-emoji.json", menu([leaf("😀😀😀😀a")]), "lint", "actual 17 bytes")
add("l06-sub-name-61-cjk.json", menu([{"name": "p", "sub_button": [leaf("菜" * 20 + "a")]}]), "lint", "button[0].sub_button[0].name: name-length")
add("l07-sub-name-61-emoji.json", menu([{"name": "p", "sub_button": [leaf("😀" * 15 + "a")]}]), "lint", "actual 61 bytes")
add("l08-key-129.json", menu([leaf(key="k" * 129)]), "lint", "button[0].key: key-length")
add("l09-url-1025.json", menu([leaf(kind="view", url="http://x/" + "u" * 1016)]), "lint", "button[0].url: url-length")
add("l10-empty-matchrule.json", menu([leaf()], matchrule={}), "lint", "conditionalmenu[0].matchrule: empty-match-rule")
add("l11-empty-matchrule-values.json", menu([leaf()], matchrule={"tag_id": "", "sex": ""}), "lint", "empty-match-rule")
add("l12-unknown-type.json", menu([leaf("x", "hologram")]), "lint", "button[0]: unpublishable")
add("l13-website-img.json", menu([{"type": "img", "name": "pic", "value": "TMP"}]), "lint", "button[0]: unpublishable")
add("l14-click-without-key.json", json.dumps({"button": [{"type": "click", "name": "a"}]}), "lint", "button[0].key: field-required")
add("l15-view-without-url.json", json.dumps({"button": [{"type": "view", "name": "a"}]}), "lint", "button[0].url: field-required")
add("l16-miniprogram-missing.json", json.dumps({"button": [{"type": "miniprogram", "name": "m", "url": "http://x/"}]}), "lint", "button[0].appid: field-required")
add("l17-parent-with-action.json", menu([{"type": "click", "name": "p", "key": "k", "sub_button": [leaf()]}]), "lint", "button[0]: no-action-on-parent")
add("l18-leaf-without-type.json", json.dumps({"button": [{"name": "a"}]}), "lint", "button[0].type: type-required")
add("l19-third-level.json", menu([{"name": "p", "sub_button": [{"name": "q", "sub_button": [leaf()]}]}]), "lint", "button[0].sub_button[0].sub_button: menu-depth")
add("l20-missing-name.json", json.dumps({"button": [{"type": "click", "key": "k"}]}), "lint", "button[0].name: name-length")
add("w01-weibo-scancode.json", menu([leaf("s", "scancode_push", key="k")]), "lint", "button[0].type: type-not-supported", "weibo")
add("w02-weibo-miniprogram.json", json.dumps({"button": [{"type": "miniprogram", "name": "m", "url": "http://x/", "appid": "wx1", "pagepath": "p"}]}), "lint", "type-not-supported", "weibo")
add("w03-weibo-sub-name-41.json", menu([{"name": "p", "sub_button": [leaf("菜" * 13 + "ab")]}]), "lint", "button[0].sub_button[0].name: name-length", "weibo")
add("w04-weibo-url-257.json", menu([leaf(kind="view", url="http://x/" + "u" * 248)]), "lint", "button[0].url: url-length", "weibo")
add("w05-weibo-conditional.json", menu([leaf()], conditionalmenu=[{"button": [leaf()], "matchrule": {"sex": "1"}}]), "lint", "conditional-not-supported", "weibo")
add("w06-weibo-media-id.json", menu([leaf("m", "media_id", media_id="M")]), "lint", "type-not-supported", "weibo")

with open(os.path.join(HERE, "manifest.tsv"), "w") as f:
    f.write("# file\tstage\tplatform\terror fragment (generated by scripts/gen-hostile.py)\n")
    for name, stage, platform, fragment in cases:
        f.write("%s\t%s\t%s\t%s\n" % (name, stage, platform, fragment))
print(len(cases), "cases")
