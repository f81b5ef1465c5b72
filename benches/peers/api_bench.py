#!/usr/bin/env python3
"""parallax's Python API beside rensa and datasketch, in one process, on the
same texts: MinHash signatures, an LSH index, every document queried.

  python benches/peers/api_bench.py CORPUS_DIR [--num-perm 128] [--threshold 0.5]

CORPUS_DIR is `corpus.py gen N DIR`'s output (corpus.jsonl and plants.csv).
parallax sketches the raw texts (`parallax.sketch(texts, shingle="word:5")`,
normalisation included); the peers get the same word 5-grams, built from
`parallax.normalize` keys, and their time leaves that tokenising out. Recall
is over the planted pairs whose exact word-5-gram Jaccard reaches the
threshold; "candidates" counts the distinct pairs the index returned (they
are not verified). Needs parallax, rensa, datasketch and numpy installed.
"""
import argparse
import csv
import json
import os
import platform
import time

import datasketch
import numpy as np
import parallax
import rensa


def five_grams(keys, k=5):
    if len(keys) < k:
        return [" ".join(keys)]
    return list({" ".join(keys[i:i + k]) for i in range(len(keys) - k + 1)})


def pairs_from(query_lists):
    out = set()
    for i, found in enumerate(query_lists):
        for j in found:
            if j != i:
                out.add((min(i, j), max(i, j)))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus_dir")
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--threshold", type=float, default=0.5)
    a = ap.parse_args()
    ids, texts = [], []
    with open(os.path.join(a.corpus_dir, "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            ids.append(rec["id"])
            texts.append(rec["text"])
    at = {d: i for i, d in enumerate(ids)}
    t0 = time.perf_counter()
    sets = [five_grams([t["key"] for t in parallax.normalize(x)]) for x in texts]
    tokenise = time.perf_counter() - t0
    truth = set()
    with open(os.path.join(a.corpus_dir, "plants.csv"), encoding="utf-8") as f:
        for row in csv.reader(f):
            if row and row[0] in at and row[1] in at:
                i, j = at[row[0]], at[row[1]]
                x, y = set(sets[i]), set(sets[j])
                if len(x & y) / max(1, len(x | y)) >= a.threshold:
                    truth.add((min(i, j), max(i, j)))
    rows = []

    # parallax: raw text in, normalisation and shingling in Rust.
    t0 = time.perf_counter()
    sig = parallax.sketch(texts, shingle="word:5", num_perm=a.num_perm)
    t1 = time.perf_counter()
    index = parallax.LshIndex(threshold=a.threshold, num_perm=a.num_perm)
    for i in range(len(texts)):
        index.insert(i, sig[i])
    found = pairs_from([index.query(sig[i]) for i in range(len(texts))])
    t2 = time.perf_counter()
    rows.append(("parallax", t1 - t0, t2 - t1, found))

    # rensa: the same 5-grams.
    t0 = time.perf_counter()
    hashes = rensa.RMinHash.from_token_sets(sets, a.num_perm, 1)
    t1 = time.perf_counter()
    divisors = [b for b in range(1, a.num_perm + 1) if a.num_perm % b == 0]
    b = min(divisors, key=lambda b: abs((1 / b) ** (b / a.num_perm) - a.threshold))
    lsh = rensa.RMinHashLSH(a.threshold, a.num_perm, b)
    lsh.insert_many(hashes, 0)
    found = pairs_from(lsh.query_all(hashes))
    t2 = time.perf_counter()
    rows.append(("rensa", t1 - t0, t2 - t1, found))

    # datasketch: the same 5-grams.
    t0 = time.perf_counter()
    mhs = []
    for s in sets:
        m = datasketch.MinHash(num_perm=a.num_perm, seed=1)
        m.update_batch([x.encode("utf-8") for x in s])
        mhs.append(m)
    t1 = time.perf_counter()
    dl = datasketch.MinHashLSH(threshold=a.threshold, num_perm=a.num_perm)
    for i, m in enumerate(mhs):
        dl.insert(i, m)
    found = pairs_from([dl.query(m) for m in mhs])
    t2 = time.perf_counter()
    rows.append(("datasketch", t1 - t0, t2 - t1, found))

    print(f"{len(texts)} documents, {len(truth)} planted pairs at word-5 Jaccard >= {a.threshold}; "
          f"tokenising for the peers (parallax.normalize): {tokenise:.2f} s; "
          f"python {platform.python_version()}, parallax {parallax.__version__}, "
          f"rensa {getattr(rensa, '__version__', '?')}, datasketch {datasketch.__version__}, "
          f"numpy {np.__version__}")
    print(f"{'tool':11} {'sketch s':>9} {'index+query s':>14} {'total s':>8} {'candidates':>11} {'recall':>7}")
    for name, s, q, found in rows:
        rec = len(found & truth) / max(1, len(truth))
        print(f"{name:11} {s:9.2f} {q:14.2f} {s + q:8.2f} {len(found):11} {rec:7.3f}")


if __name__ == "__main__":
    main()
