#!/usr/bin/env python3
"""Precision of parallax's reported passages against the judged set.

Runs `parallax run` on the ANT slice (rebuilt from ../shared by ant.py, or
given with --corpus), matches each judged passage of passages.tsv to a
reported passage of the same pair (both spans overlap by at least half of
the shorter span), and prints precision by kind and by score band, with
boilerplate rows counted apart. Judged passages the run no longer reports
are counted too: they are what a default left out.

    python3 benches/judged/eval_passages.py [--bin target/release/parallax]
        [--corpus ant1500.jsonl] [--judged benches/judged/passages.tsv]
        [-- EXTRA PARALLAX OPTIONS]

Exits 3 with a message when the corpus cannot be built (no ../shared).
"""
import argparse
import collections
import csv
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BANDS = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]


def read_judged(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        for k in ("a_start", "a_end", "b_start", "b_end"):
            r[k] = int(r[k])
        rows.append(r)
    return rows


def overlap(s1, e1, s2, e2):
    inter = min(e1, e2) - max(s1, s2)
    shorter = min(e1 - s1, e2 - s2)
    return shorter > 0 and inter * 2 >= shorter


def match(judged, reported):
    by_pair = collections.defaultdict(list)
    for p in reported:
        by_pair[(p["doc_a"], p["doc_b"])].append(p)
    out = []
    for j in judged:
        hit = None
        for p in by_pair.get((j["doc_a"], j["doc_b"]), []):
            if overlap(j["a_start"], j["a_end"], int(p["a_start"]), int(p["a_end"])) and overlap(
                j["b_start"], j["b_end"], int(p["b_start"]), int(p["b_end"])
            ):
                hit = p
                break
        out.append((j, hit))
    return out


def band(score):
    for lo, hi in BANDS:
        if lo <= score < hi:
            return f"{lo:.1f}–{min(hi, 1.0):.1f}"
    return "?"


def table(title, groups):
    print(f"\n{title}")
    print(f"| {'':<22} | reuse | same fact | different | precision |")
    print("|---|---|---|---|---|")
    for key in sorted(groups):
        c = groups[key]
        n = c["reuse"] + c["same_fact"] + c["different"]
        prec = f"{c['reuse'] / n:.2f}" if n else "–"
        print(f"| {key:<22} | {c['reuse']} | {c['same_fact']} | {c['different']} | {prec} (n={n}) |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "parallax"))
    ap.add_argument("--corpus")
    ap.add_argument("--judged", default=os.path.join(HERE, "passages.tsv"))
    ap.add_argument("extra", nargs="*", help="options passed to parallax run (after --)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = a.corpus
        if not corpus:
            corpus = os.path.join(tmp, "ant1500.jsonl")
            rc = subprocess.call([sys.executable, os.path.join(HERE, "ant.py"), corpus])
            if rc != 0:
                sys.exit(rc)
        out = os.path.join(tmp, "out")
        cmd = [a.bin, "run", corpus, "-o", out, "-q", "--format", "csv"] + a.extra
        subprocess.run(cmd, check=True)
        with open(os.path.join(out, "passages.csv"), encoding="utf-8-sig") as f:
            reported = list(csv.DictReader(f))
    judged = read_judged(a.judged)
    matched = match(judged, reported)
    by_kind = collections.defaultdict(collections.Counter)
    by_set = collections.defaultdict(collections.Counter)
    by_band = collections.defaultdict(collections.Counter)
    dropped = collections.defaultdict(collections.Counter)
    for j, p in matched:
        if j["label"] == "unsure":
            continue
        if p is None:
            dropped[j["kind"]][j["label"]] += 1
            continue
        tag = " (boilerplate)" if p["boilerplate"] == "true" else ""
        by_kind[p["kind"] + tag][j["label"]] += 1
        by_set[f"{p['kind']}{tag}, {j.get('set', 'sample')}"][j["label"]] += 1
        if not tag:
            by_band[f"{p['kind']} {band(float(p['score']))}"][j["label"]] += 1
    print(f"command: {' '.join(cmd[1:2] + ['CORPUS'] + cmd[3:4] + ['OUT'] + cmd[5:])}")
    print(f"reported passages: {len(reported)}; judged: {len(judged)}, "
          f"matched to a reported passage: {sum(p is not None for _, p in matched)}")
    table("Reported judged passages by kind (today's kind)", by_kind)
    table("By kind and judged set (sample: labelled before the defaults were chosen)", by_set)
    table("By kind and score band (boilerplate left out)", by_band)
    table("Judged passages no longer reported (kind when labelled)", dropped)
    unjudged = collections.Counter()
    keys = {(j["doc_a"], j["doc_b"]) for j, p in matched if p is not None}
    seen = {id(p) for _, p in matched if p is not None}
    for p in reported:
        if id(p) not in seen:
            unjudged[p["kind"]] += 1
    print(f"\nreported passages not in the judged set, by kind: {dict(unjudged)}"
          f" (pairs with a judged passage: {len(keys)})")


if __name__ == "__main__":
    main()
