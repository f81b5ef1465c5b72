#!/usr/bin/env python3
"""Rebuild the ANT slice the judged passages come from.

ANT multisource v2.1 (Apache-2.0, Chouigui et al.), read from
../shared/data/news/ant-multisource-v2.1.tar.gz: every article with a text,
sorted by id; those dated March 2018; shuffled with random.Random(1); the
first 1,500, sorted by id again. Written as JSONL (id, title, date, outlet,
url, section, text).

    python3 benches/judged/ant.py OUT.jsonl [--tar PATH] [--first N]

Exits 3 with a message when the archive is absent (evaluation data is not
shipped with parallax).
"""
import argparse
import email.utils
import json
import os
import random
import re
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TAR = os.path.join(HERE, "..", "..", "..", "shared", "data", "news",
                           "ant-multisource-v2.1.tar.gz")
TAGS = ["DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "TEXT"]


def records(tar_path):
    out = []
    with tarfile.open(tar_path) as tf:
        for m in tf:
            if not (m.isfile() and m.name.endswith(".txt")):
                continue
            raw = tf.extractfile(m).read().decode("utf-8", errors="replace")
            rec = {}
            for tag in TAGS:
                found = re.search(rf"<{tag}>\s*(.*?)\s*</{tag}>", raw, re.S)
                if found:
                    rec[tag.lower()] = found.group(1).strip()
            if not rec.get("text"):
                continue
            iso = None
            if rec.get("time"):
                try:
                    iso = email.utils.parsedate_to_datetime(rec["time"]).isoformat()
                except (TypeError, ValueError):
                    pass
            out.append({"id": rec.get("docno", os.path.basename(m.name)),
                        "title": rec.get("title"), "date": iso,
                        "outlet": rec.get("src"), "url": rec.get("url"),
                        "section": rec.get("cat"), "text": rec["text"]})
    out.sort(key=lambda r: r["id"])
    return out


def march_1500(recs):
    march = [r for r in recs if r["date"] and r["date"].startswith("2018-03")]
    random.Random(1).shuffle(march)
    return sorted(march[:1500], key=lambda r: r["id"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--tar", default=DEFAULT_TAR)
    ap.add_argument("--first", type=int, metavar="N",
                    help="instead of the March slice: the first N articles by id "
                         "(every outlet, every month; the report benchmark's 20,000)")
    a = ap.parse_args()
    if not os.path.exists(a.tar):
        print(f"ant.py: {a.tar} not found: the ANT archive is evaluation data, "
              "kept in ../shared/data/news beside the repository; skipping", file=sys.stderr)
        sys.exit(3)
    recs = records(a.tar)
    sub = recs[:a.first] if a.first else march_1500(recs)
    with open(a.out, "w", encoding="utf-8") as f:
        for r in sub:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(sub)} articles written to {a.out}")


if __name__ == "__main__":
    main()
