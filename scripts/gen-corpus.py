#!/usr/bin/env python3
"""Synthetic menu corpus for scripts/bench: one JSON document per line.

A mix of the three WeChat shapes (create payload, menu/get with conditional menus and menuids,
get_current_selfmenu_info with website types and sub_button.list), 1-2 KB each (1,024 to 2,048
bytes without the newline: a menu outside that range is drawn again, in the same shape), about
30% unchanged re-fetches (the same bytes as that account's previous document).
Usage: gen-corpus.py COUNT SEED > corpus.ndjson (one account's history, for `menuvault import`)
"""
import json
import random
import sys

WORDS = ["今日歌曲", "菜单", "搜索", "视频", "赞一下我们", "新品", "活动", "会员", "客服", "关于我们",
         "Shop", "News", "Help", "优惠券", "门店", "预约", "订单", "积分"]


# The size of every document, in UTF-8 bytes without its newline.
MIN_BYTES, MAX_BYTES = 1024, 2048


def name(rng, limit_bytes):
    while True:
        text = rng.choice(WORDS) + str(rng.randint(1, 99))
        if len(text.encode()) <= limit_bytes:
            return text


def leaf(rng, sub):
    limit = 60 if sub else 16
    kind = rng.choice(["click", "view", "view", "miniprogram", "scancode_push", "media_id",
                       "article_id", "location_select"])
    b = {"type": kind, "name": name(rng, limit)}
    if kind in ("click", "scancode_push", "location_select"):
        b["key"] = "K_%08x_%s" % (rng.getrandbits(32), "x" * rng.randint(10, 60))
    elif kind == "view":
        b["url"] = "https://example.com/%08x/%s" % (rng.getrandbits(32), "p" * rng.randint(20, 120))
    elif kind == "miniprogram":
        b["url"] = "https://mp.weixin.qq.com/"
        b["appid"] = "wx%016x" % rng.getrandbits(64)
        b["pagepath"] = "pages/%s/index" % ("q" * rng.randint(5, 40))
    elif kind == "media_id":
        b["media_id"] = "MEDIA_%032x" % rng.getrandbits(128)
    else:
        b["article_id"] = "ART_%032x" % rng.getrandbits(128)
    return b


def buttons(rng):
    out = []
    for _ in range(3):
        if rng.random() < 0.75:
            out.append({"name": name(rng, 16), "sub_button": [leaf(rng, True) for _ in range(rng.randint(2, 4))]})
        else:
            out.append(leaf(rng, False))
    return out


def as_get(rng, menu):
    def with_empty(bs):
        res = []
        for b in bs:
            b = dict(b)
            if "sub_button" in b:
                b["sub_button"] = with_empty(b["sub_button"])
            else:
                b["sub_button"] = []
            res.append(b)
        return res
    doc = {"menu": {"button": with_empty(menu), "menuid": rng.randint(10 ** 8, 10 ** 9)}}
    if rng.random() < 0.5:
        doc["conditionalmenu"] = [{"button": with_empty(buttons(rng)[:2]),
                                   "matchrule": {"tag_id": str(rng.randint(1, 200)), "client_platform_type": rng.randint(1, 3)},
                                   "menuid": rng.randint(10 ** 8, 10 ** 9)}]
    return doc


def as_selfmenu(rng, menu):
    def wrap(bs, top):
        res = []
        for b in bs:
            b = dict(b)
            if "sub_button" in b:
                b["sub_button"] = {"list": wrap(b["sub_button"], False)}
            elif rng.random() < 0.3:
                kind = rng.choice(["text", "img", "news", "voice"])
                b = {"type": kind, "name": b["name"]}
                if kind == "text":
                    b["value"] = "欢迎光临 " + "t" * rng.randint(10, 80)
                elif kind == "news":
                    b["value"] = "NEWS_%032x" % rng.getrandbits(128)
                    b["news_info"] = {"list": [{"title": "T", "author": "A", "digest": "d", "show_cover": 1,
                                                "cover_url": "http://mmbiz.qpic.cn/x", "content_url": "http://mp.weixin.qq.com/s?x", "source_url": ""}]}
                else:
                    b["value"] = "TMP_%032x" % rng.getrandbits(128)
            res.append(b)
        return res
    return {"is_menu_open": 1, "selfmenu_info": {"button": wrap(menu, True)}}


def main():
    count, seed = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    last = None
    out = sys.stdout
    for _ in range(count):
        if last is not None and rng.random() < 0.3:
            line = last
        else:
            shape = rng.choice(["create", "get", "selfmenu"])
            while True:
                menu = buttons(rng)
                doc = {"button": menu} if shape == "create" else as_get(rng, menu) if shape == "get" else as_selfmenu(rng, menu)
                line = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
                if MIN_BYTES <= len(line.encode()) <= MAX_BYTES:
                    break
        last = line
        out.write(line + "\n")


if __name__ == "__main__":
    main()
