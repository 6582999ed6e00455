#!/usr/bin/env python3
"""A vault holding DAYS of 15-minute pulls of ACCOUNTS WeChat accounts, for scripts/bench-prune.

Each pull reads menu/get and get_current_selfmenu_info at the same millisecond (two snapshots);
each account's menu changes at a pull drawn at random, on average every CHANGE_DAYS days (both
reads change), between 1 and 2 KB per document (scripts/gen-corpus.py's menus). Every change is
recorded by `menuvault import --source get|selfmenu --taken-at T`, so its blobs, hashes and
is_change are menuvault's own; the unchanged re-fetches between changes are then added with SQL,
each a copy of its read's last change (content, raw bytes, fidelity, menu ids) with is_change 0,
as recording an unchanged re-fetch writes it; last, each account's state is set as a pull sets it
(live: the last menu/get, reference: the one before; last attempt: the last pull).

Usage: gen-year-vault.py VAULT MENUVAULT ACCOUNTS DAYS CHANGE_DAYS SEED END_MS
"""
import importlib.util
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time

INTERVAL_MS = 15 * 60 * 1000


def corpus_module():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen-corpus.py")
    spec = importlib.util.spec_from_file_location("gen_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def documents(corpus, rng):
    """A menu as menu/get and as get_current_selfmenu_info return it, 1-2 KB each."""
    while True:
        menu = corpus.buttons(rng)
        get = json.dumps(corpus.as_get(rng, menu), ensure_ascii=False, separators=(",", ":"))
        selfmenu = json.dumps(corpus.as_selfmenu(rng, menu), ensure_ascii=False, separators=(",", ":"))
        if all(corpus.MIN_BYTES <= len(doc.encode()) <= corpus.MAX_BYTES for doc in (get, selfmenu)):
            return get, selfmenu


def iso(ms):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + ".%03dZ" % (ms % 1000)


def main():
    vault, menuvault = sys.argv[1], sys.argv[2]
    accounts, days, change_days, seed, end = (int(x) for x in sys.argv[3:8])
    corpus = corpus_module()
    rng = random.Random(seed)
    pulls = days * 24 * 60 * 60 * 1000 // INTERVAL_MS
    start = end - (pulls - 1) * INTERVAL_MS
    odds = INTERVAL_MS / (change_days * 86_400_000)
    names = ["account-%04d" % i for i in range(accounts)]
    changes = {}
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            at = [0] + [k for k in range(1, pulls) if rng.random() < odds]
            changes[name] = at
            for k in at:
                get, selfmenu = documents(corpus, rng)
                for source, doc in (("get", get), ("selfmenu", selfmenu)):
                    path = os.path.join(scratch, source + ".json")
                    with open(path, "w") as file:
                        file.write(doc)
                    subprocess.run(
                        [menuvault, "import", "--db", vault, "--account", name, "--source", source,
                         "--taken-at", iso(start + k * INTERVAL_MS), path],
                        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    db = sqlite3.connect(vault)
    db.execute("BEGIN")
    columns = "account_id, taken_at, source, content_id, raw_id, fidelity, is_change, is_menu_open, menu_ids"
    for name in names:
        account_id = db.execute("SELECT id FROM account WHERE name = ?", (name,)).fetchone()[0]
        recorded = {
            (source, taken_at): row for (source, taken_at, *row) in db.execute(
                "SELECT source, taken_at, content_id, raw_id, fidelity, is_menu_open, menu_ids "
                "FROM snapshot WHERE account_id = ?", (account_id,))}
        at = set(changes[name])
        current = {}
        rows = []
        for k in range(pulls):
            taken_at = start + k * INTERVAL_MS
            for source in (2, 3):  # menu/get, then get_current_selfmenu_info
                if k in at:
                    current[source] = recorded[(source, taken_at)]
                    continue
                content_id, raw_id, fidelity, is_menu_open, menu_ids = current[source]
                rows.append((account_id, taken_at, source, content_id, raw_id, fidelity, 0,
                             is_menu_open, menu_ids))
        db.executemany(
            "INSERT INTO snapshot (%s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)" % columns, rows)
        live, reference = db.execute(
            "SELECT id FROM snapshot WHERE account_id = ? AND source = 2 "
            "ORDER BY taken_at DESC, id DESC LIMIT 2", (account_id,)).fetchall()
        db.execute(
            "UPDATE account_state SET live_snapshot_id = ?, reference_snapshot_id = ?, "
            "reference_operation_id = NULL, changes = (SELECT count(*) FROM snapshot "
            "WHERE account_id = ? AND is_change = 1), last_attempt_at = ?, last_error = NULL, "
            "consecutive_failures = 0 WHERE account_id = ?",
            (live[0], reference[0], account_id, end, account_id))
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(sum(len(c) for c in changes.values()))


if __name__ == "__main__":
    main()
