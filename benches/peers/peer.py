#!/usr/bin/env python3
"""One peer pipeline, run as its own process so its wall time and peak RSS are its own.

  peer.py datasketch|rensa KEYS.jsonl PAIRS.csv --k 5 --num-perm 128 --threshold 0.5 [--char 7]

KEYS.jsonl is what `parallax normalize --jsonl` prints: each document's matching keys, so every
tool sees identical tokens and identical word k-gram shingles. The pipeline: read keys, build
shingle sets, sketch, LSH insert, LSH query, write candidate pairs (a < b). Neither peer verifies
candidates (they have no exact-similarity step), so their pairs are LSH candidates.
With --char K the shingles are character K-grams of the keys joined by single spaces, the
shingles of parallax's default (`--shingle char:7`), made in batches of 2,000 documents so that
memory stays bounded; reading and shingling are then timed together with sketching.
Prints one JSON line with stage timings.
"""
import argparse
import json
import sys
import time


def records(path):
    """(id, keys) of each line of KEYS.jsonl, one at a time (nothing else is kept)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            yield rec["id"], rec["keys"]


def shingle_sets(path, k):
    ids, sets = [], []
    for doc_id, keys in records(path):
        ids.append(doc_id)
        if len(keys) < k:
            sets.append([" ".join(keys)])
        else:
            sets.append(list({" ".join(keys[i:i + k]) for i in range(len(keys) - k + 1)}))
    return ids, sets


def char_sets(texts, k):
    """Character k-gram sets of joined key strings (one set for a text shorter than k)."""
    return [list({t[i:i + k] for i in range(len(t) - k + 1)}) if len(t) >= k else [t] for t in texts]


def run_rensa_char(path, args):
    import rensa
    t0 = time.perf_counter()
    ids, texts = [], []
    for doc_id, keys in records(path):
        ids.append(doc_id)
        texts.append(" ".join(keys))
    hashes = []
    for at in range(0, len(texts), 2000):
        hashes.extend(rensa.RMinHash.from_token_sets(char_sets(texts[at:at + 2000], args.char),
                                                     args.num_perm, 1))
    t1 = time.perf_counter()
    pairs, info = lsh_rensa(hashes, args)
    info["read_shingle_sketch_s"] = t1 - t0
    return ids, pairs, info


def run_datasketch(sets, args):
    from datasketch import MinHash, MinHashLSH
    t0 = time.perf_counter()
    hashes = []
    for s in sets:
        m = MinHash(num_perm=args.num_perm, seed=1)
        m.update_batch([x.encode("utf-8") for x in s])
        hashes.append(m)
    t1 = time.perf_counter()
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm)
    for i, m in enumerate(hashes):
        lsh.insert(i, m)
    pairs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    t2 = time.perf_counter()
    return pairs, {"sketch_s": t1 - t0, "lsh_s": t2 - t1, "bands": lsh.b, "rows": lsh.r}


def run_rensa(sets, args):
    import rensa
    t0 = time.perf_counter()
    hashes = rensa.RMinHash.from_token_sets(sets, args.num_perm, 1)
    t1 = time.perf_counter()
    pairs, info = lsh_rensa(hashes, args)
    info["sketch_s"] = t1 - t0
    return pairs, info


def lsh_rensa(hashes, args):
    import rensa
    t1 = time.perf_counter()
    # rensa's LSH needs a band count that divides num_perm: take the divisor whose S-curve
    # midpoint (1/b)^(1/r) is closest to the threshold, as a user tuning it would.
    divisors = [b for b in range(1, args.num_perm + 1) if args.num_perm % b == 0]
    b = min(divisors, key=lambda b: abs((1 / b) ** (b / args.num_perm) - args.threshold))
    r = args.num_perm // b
    lsh = rensa.RMinHashLSH(args.threshold, args.num_perm, b)
    lsh.insert_many(hashes, 0)
    pairs = set()
    for i, cands in enumerate(lsh.query_all(hashes)):
        for j in cands:
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    t2 = time.perf_counter()
    return pairs, {"lsh_s": t2 - t1, "bands": b, "rows": r}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=["datasketch", "rensa"])
    ap.add_argument("keys")
    ap.add_argument("out")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--char", type=int, default=0,
                    help="character k-grams of the joined keys instead of word k-grams (rensa only)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.char:
        if args.tool != "rensa":
            sys.exit("peer.py: --char is for rensa only")
        ids, pairs, info = run_rensa_char(args.keys, args)
    else:
        ids, sets = shingle_sets(args.keys, args.k)
        # Reading and shingling, timed apart from sketching (in --char mode
        # the three are timed together, batch by batch).
        info_read = {"read_shingle_s": time.perf_counter() - t0}
        pairs, info = (run_datasketch if args.tool == "datasketch" else run_rensa)(sets, args)
        info.update(info_read)
    t2 = time.perf_counter()
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("doc_a,doc_b\n")
        for a, b in sorted(pairs):
            x, y = sorted((ids[a], ids[b]))
            f.write(f"{x},{y}\n")
    t3 = time.perf_counter()
    info.update({"tool": args.tool, "write_s": t3 - t2, "total_s": t3 - t0,
                 "pairs": len(pairs), "docs": len(ids)})
    print(json.dumps(info))


if __name__ == "__main__":
    sys.exit(main())
