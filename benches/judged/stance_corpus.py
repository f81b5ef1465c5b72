#!/usr/bin/env python3
"""Build the texts the judged stance set points into (not committed: the
texts are third-party; the set keeps ids and code-point offsets only).

  python3 benches/judged/stance_corpus.py OUT.jsonl [--shared DIR]

Writes one JSON record per article: {"id", "lang", "text"}.
- Arabic: the 1,500 ANT articles of March 2018 that `ant.py` rebuilds
  (ANT v2.1, Apache-2.0, Chouigui et al.), ids prefixed `ant:`;
- English and French: the SemEval-2022 Task 8 articles (research use; texts
  belong to their publishers) of the pairs whose two sides are both in that
  language and that are not machine-translated augmentations (a pair id
  ending in a language code), ids `semeval:<article id>`, first seen kept.

Exits 3 with a message when ../shared/data is absent.
"""
import argparse
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ant  # noqa: E402

DEFAULT_SHARED = os.path.join(HERE, "..", "..", "..", "shared", "data")


def semeval(shared):
    csv.field_size_limit(10**9)
    seen = {}
    for name in ("training_set.csv", "testing_set.csv"):
        path = os.path.join(shared, "semeval2022-task8", name)
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                pid = r["pair_id"]
                if not pid.split("_")[-1].isdigit():
                    continue  # machine-translated augmentation
                if r["lang1"] != r["lang2"] or r["lang1"] not in ("en", "fr"):
                    continue
                for aid, text in zip(pid.split("_"), (r["text1"], r["text2"])):
                    key = f"semeval:{aid}"
                    if key not in seen and text.strip():
                        seen[key] = {"id": key, "lang": r["lang1"], "text": text}
    return [seen[k] for k in sorted(seen)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--shared", default=DEFAULT_SHARED)
    a = ap.parse_args()
    tar = os.path.join(a.shared, "news", "ant-multisource-v2.1.tar.gz")
    if not os.path.exists(tar):
        print(f"stance_corpus.py: {tar} not found: evaluation data is kept in ../shared/data "
              "beside the repository; skipping", file=sys.stderr)
        sys.exit(3)
    recs = [{"id": "ant:" + r["id"], "lang": "ar", "text": r["text"]}
            for r in ant.march_1500(ant.records(tar))]
    recs += semeval(a.shared)
    with open(a.out, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    n = {l: sum(1 for r in recs if r["lang"] == l) for l in ("ar", "en", "fr")}
    print(f"{len(recs)} articles written to {a.out} ({n})")


if __name__ == "__main__":
    main()
