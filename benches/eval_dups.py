#!/usr/bin/env python3
"""Recall and precision of `parallax dups` (issue 3, item 8). Rerunnable; prints Markdown tables.

  python3 benches/eval_dups.py planted [--sizes 5000,20000] [--thresholds 0.5,0.7]
  python3 benches/eval_dups.py news    [--sample 20]
  python3 benches/eval_dups.py exara
  python3 benches/eval_dups.py all

Common options: --bin PATH (default: target/release/parallax, built with `cargo build --release`
when missing), --work DIR (default: target/eval-dups), --data DIR (default: ../shared/data next to
the repository or its parent), --shingles default,word:5.

(a) planted: corpus.py gen N writes near-duplicate copies at known edit rates. Truth = planted pairs
    whose exact Jaccard on parallax's own shingles (recomputed here from `parallax normalize
    --jsonl` keys, same definition as src/shingle.rs) is >= threshold. Recall = share of truth pairs
    listed in pairs.csv with verdict near_duplicate; precision = share of near_duplicate pairs whose
    exact Jaccard is >= threshold. Also recall by edit rate, and a check that pairs.csv's `jaccard`
    agrees with the Jaccard recomputed here.
(b) news: SaudiNewsNet + ANT (~72k articles). Byte-identical bodies are sure positives. Reports
    recall on them, what else is found (by verdict, by Jaccard band, same/cross outlet) and a fixed
    random sample of other pairs to check by hand. Wall time and peak RSS via /usr/bin/time.
(c) exara: ExAra dev (PAN format). A suspicious/source pair is positive when an annotation XML links
    them. Document-level recall/precision over cross pairs at several --containment values, and
    `parallax run` (passage-sharing pairs, verdict shared_passages).

Third-party data is read from ../shared/data only; parts (b) and (c) skip with a message when it is
absent. Nothing is copied into the repository (outputs go under --work).
"""
import argparse
import collections
import csv
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, ".."))
csv.field_size_limit(1 << 30)


# ---------------------------------------------------------------- helpers

def timed(cmd, stdout=None):
    """Runs cmd under GNU time: (wall seconds, peak RSS MiB)."""
    t = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, text=True,
                       stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE)
    if t.returncode != 0:
        sys.exit(f"failed ({t.returncode}): {' '.join(cmd)}\n{t.stderr[-3000:]}")
    wall, rss = t.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024.0


def find_data(arg):
    for d in ([arg] if arg else [os.path.join(REPO, "..", "shared", "data"),
                                 os.path.join(REPO, "..", "..", "shared", "data")]):
        if d and os.path.isdir(d):
            return os.path.abspath(d)
    return None


def binary(args):
    path = args.bin or os.path.join(REPO, "target", "release", "parallax")
    if not os.path.exists(path):
        subprocess.run(["cargo", "build", "--release"], cwd=REPO, check=True)
    return path


def read_keys(path):
    keys = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            keys[r["id"]] = r["keys"]
    return keys


def shingle_set(keys, spec):
    """Shingles as src/shingle.rs defines them, as strings (hash collisions ignored): word:K =
    K consecutive keys; char:K = K consecutive code points of the keys joined by one space.
    Fewer units than K: one shingle of all of them; no units: empty."""
    unit, k = spec.split(":")
    k = int(k)
    units = keys if unit == "word" else " ".join(keys)
    if not units:
        return frozenset()
    if len(units) < k:
        return frozenset([tuple(units) if unit == "word" else units])
    if unit == "word":
        return frozenset(tuple(units[i:i + k]) for i in range(len(units) - k + 1))
    return frozenset(units[i:i + k] for i in range(len(units) - k + 1))


def jaccard(a, b):
    return len(a & b) / len(a | b) if (a or b) else 1.0


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def pair(a, b):
    return (a, b) if a <= b else (b, a)


def run_dups(exe, inputs, out, extra, cmd="dups"):
    os.makedirs(out, exist_ok=True)
    wall, rss = timed([exe, cmd] + inputs + ["-o", out, "-q", "--format", "csv"] + extra)
    return wall, rss, read_rows(os.path.join(out, "pairs.csv"))


def shingle_arg(spec):
    return [] if spec == "default" else ["--shingle", spec]


def default_spec(exe):
    """The default shingle kind, read from src/shingle.rs (DEFAULT_KIND), else char:7."""
    try:
        with open(os.path.join(REPO, "src", "shingle.rs"), encoding="utf-8") as f:
            m = re.search(r"DEFAULT_KIND: ShingleKind = ShingleKind::(Word|Char)\((\d+)\)", f.read())
    except OSError:
        m = None
    return f"{m.group(1).lower()}:{m.group(2)}" if m else "char:7"


# ---------------------------------------------------------------- (a) planted

def planted(args, exe):
    print("## (a) Planted near-duplicates\n")
    rows, bucket_rows, checks = [], [], []
    for n in [int(x) for x in args.sizes.split(",")]:
        d = os.path.join(args.work, f"planted-{n}")
        corpus = os.path.join(d, "corpus.jsonl")
        if not os.path.exists(corpus):
            subprocess.run([sys.executable, os.path.join(HERE, "peers", "corpus.py"), "gen", str(n), d],
                           check=True, stdout=subprocess.DEVNULL)
        keys_path = os.path.join(d, "keys.jsonl")
        with open(keys_path, "w", encoding="utf-8") as out:
            timed([exe, "normalize", "--jsonl", corpus], stdout=out)
        keys = read_keys(keys_path)
        plants = [(r["original"], r["copy"], float(r["edit_rate"]))
                  for r in read_rows(os.path.join(d, "plants.csv"))]
        for spec in args.shingles.split(","):
            real = args.default_spec if spec == "default" else spec
            cache = {}

            def sh(doc_id):
                if doc_id not in cache:
                    cache[doc_id] = shingle_set(keys[doc_id], real)
                return cache[doc_id]

            plant_j = {pair(a, b): (jaccard(sh(a), sh(b)), rate) for a, b, rate in plants}
            for t in [float(x) for x in args.thresholds.split(",")]:
                out = os.path.join(d, f"out-{real.replace(':', '')}-{t}")
                wall, rss, prs = run_dups(exe, [corpus], out, shingle_arg(spec) + ["--threshold", str(t)])
                dup = {pair(r["doc_a"], r["doc_b"]): r for r in prs if r.get("verdict") == "near_duplicate"}
                truth = {p for p, (j, _) in plant_j.items() if j >= t}
                found = truth & set(dup)
                exact = {p: jaccard(sh(p[0]), sh(p[1])) for p in dup}
                good = sum(1 for j in exact.values() if j >= t)
                # does pairs.csv's exact jaccard agree with the definition recomputed here?
                diffs = [abs(float(r["jaccard"]) - exact[p]) for p, r in dup.items() if r.get("jaccard")]
                checks.append((n, real, t, len(diffs), max(diffs) if diffs else 0.0))
                missed = sorted(plant_j[p][0] for p in truth - found)
                rows.append([n, real, t, len(truth), len(dup), len(found),
                             f"{len(found) / len(truth):.4f}" if truth else "n/a",
                             f"{good / len(dup):.4f}" if dup else "n/a",
                             ", ".join(f"{j:.3f}" for j in missed[:6]) or "-", f"{wall:.1f}", f"{rss:.0f}"])
                by_rate = collections.defaultdict(lambda: [0, 0, 0, []])
                for p, (j, rate) in plant_j.items():
                    b = by_rate[rate]
                    b[3].append(j)
                    if j >= t:
                        b[0] += 1
                        b[1] += p in dup
                    elif p in dup:
                        b[2] += 1
                for rate in sorted(by_rate):
                    tr, fo, extra, js = by_rate[rate]
                    js.sort()
                    bucket_rows.append([n, real, t, rate, len(js), f"{js[len(js) // 2]:.3f}",
                                        f"{js[0]:.3f}–{js[-1]:.3f}", tr, fo,
                                        f"{fo / tr:.3f}" if tr else "n/a"])
                print(f"  [planted N={n} {real} t={t}] truth={len(truth)} found={len(found)} "
                      f"near_dup={len(dup)} wall={wall:.1f}s rss={rss:.0f}MiB", file=sys.stderr)
    table(["N", "shingle", "threshold", "truth pairs", "near_dup pairs", "truth found", "recall",
           "precision", "missed (exact J)", "wall s", "peak MiB"], rows)
    print("\nRecall by edit rate (truth = planted pairs with exact J ≥ threshold):\n")
    table(["N", "shingle", "threshold", "edit rate", "plants", "median J", "J range", "truth",
           "found", "recall"], bucket_rows)
    print("\nCheck: pairs.csv `jaccard` vs Jaccard recomputed from `normalize --jsonl` keys:\n")
    table(["N", "shingle", "threshold", "pairs compared", "max |diff|"],
          [[n, s, t, c, f"{m:.2e}"] for n, s, t, c, m in checks])


# ---------------------------------------------------------------- (b) news

def news(args, exe):
    print("## (b) News: SaudiNewsNet + ANT\n")
    data = find_data(args.data)
    if not data or not os.path.isdir(os.path.join(data, "news")):
        print("news corpus not found (../shared/data/news): skipped; it is third-party data, not shipped.\n")
        return
    d = os.path.join(args.work, "news")
    corpus = os.path.join(d, "corpus.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "peers", "corpus.py"), "news", d,
                        "--data", os.path.join(data, "news")], check=True, stdout=subprocess.DEVNULL)
    docs, groups = {}, collections.defaultdict(list)
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs[r["id"]] = r
            groups[hashlib.sha1(r["text"].encode("utf-8")).hexdigest()].append(r["id"])
    pos = set()
    for ids in groups.values():
        ids.sort()
        pos.update((ids[i], ids[j]) for i in range(len(ids)) for j in range(i + 1, len(ids)))
    n_groups = sum(1 for ids in groups.values() if len(ids) > 1)
    out = os.path.join(d, "out")
    wall, rss, prs = run_dups(exe, [corpus], out, ["--matrix-limit", str(args.matrix_limit)])
    by = {pair(r["doc_a"], r["doc_b"]): r for r in prs}
    verdicts = collections.Counter(r.get("verdict", "") for r in prs)
    found = {p for p in pos if p in by}
    found_dup = {p for p in found if by[p].get("verdict") in ("near_duplicate", "excerpt")}
    print(f"{len(docs)} articles, {n_groups} groups of byte-identical bodies = {len(pos)} sure-positive "
          f"pairs. `parallax dups` (defaults, --matrix-limit {args.matrix_limit}): wall {wall:.0f} s, "
          f"peak RSS {rss:.0f} MiB, {len(prs)} pairs listed.\n")
    table(["sure positives", "listed", "near_duplicate/excerpt", "recall"],
          [[len(pos), len(found), len(found_dup), f"{len(found_dup) / len(pos):.4f}" if pos else "n/a"]])
    print()
    missed = sorted(pos - found_dup)
    if missed:
        print("Missed sure positives (first 5): " + "; ".join(
            f"{a} / {b} ({len(docs[a]['text'])} chars)" for a, b in missed[:5]) + "\n")
    table(["verdict", "pairs"], sorted(verdicts.items()))
    print()
    other = sorted(p for p in by if p not in pos)
    bands = collections.Counter()
    for p in other:
        j = float(by[p].get("jaccard") or 0)
        bands["≥ 0.9" if j >= 0.9 else "0.7–0.9" if j >= 0.7 else "0.5–0.7" if j >= 0.5 else "< 0.5"] += 1

    def outlet(i):
        return docs[i].get("outlet") or i.split("/")[0]
    same = sum(1 for a, b in other if outlet(a) == outlet(b))
    corp = collections.Counter((a.split("/")[0], b.split("/")[0]) for a, b in other)
    print(f"Other pairs (not byte-identical): {len(other)}; same outlet: {same}, cross-outlet: "
          f"{len(other) - same}.\n")
    table(["exact Jaccard", "pairs"], sorted(bands.items()))
    print()
    table(["corpus a", "corpus b", "pairs"], [[a, b, c] for (a, b), c in sorted(corp.items())])
    print()
    rng = random.Random(args.seed)
    sample = rng.sample(other, min(args.sample, len(other)))
    print(f"Random sample of {len(sample)} other pairs (seed {args.seed}), for checking by hand:\n")
    rows = []
    for a, b in sample:
        r = by[(a, b)]
        ta, tb = docs[a]["text"], docs[b]["text"]
        rows.append([a, b, r.get("verdict"), r.get("jaccard"), r.get("containment_ab"), r.get("containment_ba"),
                     len(ta), len(tb), outlet(a), outlet(b),
                     clip(docs[a].get("title")), clip(docs[b].get("title"))])
    table(["doc_a", "doc_b", "verdict", "J", "C_ab", "C_ba", "chars a", "chars b", "outlet a", "outlet b",
           "title a", "title b"], rows)
    with open(os.path.join(d, "sample.jsonl"), "w", encoding="utf-8") as f:
        for a, b in sample:
            f.write(json.dumps({"a": docs[a], "b": docs[b], "pair": by[(a, b)]}, ensure_ascii=False) + "\n")
    print(f"\n(full texts of the sample: {os.path.join(d, 'sample.jsonl')})\n")


def clip(s, n=60):
    s = " ".join((s or "").split())
    return s if len(s) <= n else s[:n] + "…"


# ---------------------------------------------------------------- (c) ExAra

def exara(args, exe):
    print("## (c) ExAra dev: document-level detection\n")
    data = find_data(args.data)
    root = os.path.join(data, "exara-dev") if data else None
    if not root or not os.path.isdir(root):
        print("ExAra not found (../shared/data/exara-dev): skipped; it is third-party data, not shipped.\n")
        return
    src_dir = os.path.join(root, "source-documents")
    sus_dir = os.path.join(root, "suspicious-documents")
    sources = set(os.listdir(src_dir))
    suspicious = set(os.listdir(sus_dir))
    pos, cases = set(), collections.Counter()
    ann = os.path.join(root, "plagiarism-annotation")
    for name in sorted(os.listdir(ann)):
        doc = ET.parse(os.path.join(ann, name)).getroot()
        s = doc.get("reference")
        for feat in doc.iter("feature"):
            if feat.get("name") == "plagiarism" and feat.get("source_reference"):
                pos.add((s, feat.get("source_reference")))
                cases[feat.get("obfuscation")] += 1
    n_sus_pos = len({s for s, _ in pos})
    print(f"{len(sources)} source and {len(suspicious)} suspicious documents; {sum(cases.values())} "
          f"cases in {len(pos)} positive (suspicious, source) pairs; {len(suspicious) - n_sus_pos} "
          f"suspicious documents have no case. Cases by obfuscation: "
          + ", ".join(f"{k} {v}" for k, v in sorted(cases.items())) + ".\n")
    # obfuscation of each positive pair (its most frequent case type), for recall by type
    pair_obf = collections.defaultdict(collections.Counter)
    for name in sorted(os.listdir(ann)):
        doc = ET.parse(os.path.join(ann, name)).getroot()
        for feat in doc.iter("feature"):
            if feat.get("source_reference"):
                pair_obf[(doc.get("reference"), feat.get("source_reference"))][feat.get("obfuscation")] += 1

    def cross(rows, keep):
        got = set()
        for r in rows:
            if not keep(r):
                continue
            a, b = os.path.basename(r["doc_a"]), os.path.basename(r["doc_b"])
            if a in suspicious and b in sources:
                got.add((a, b))
            elif b in suspicious and a in sources:
                got.add((b, a))
        return got

    runs = []
    for c in [str(x) for x in args.containments.split(",")]:
        runs.append((f"dups --containment {c}", "dups", ["--containment", c],
                     lambda r: r.get("verdict") in ("near_duplicate", "excerpt")))
    runs.append(("run (any verdict)", "run", [], lambda r: True))
    rows, obf_rows = [], []
    for label, cmd, extra, keep in runs:
        out = os.path.join(args.work, "exara", label.replace(" ", "_").replace("(", "").replace(")", ""))
        wall, rss, prs = run_dups(exe, [src_dir, sus_dir], out, extra, cmd=cmd)
        got = cross(prs, keep)
        tp = len(got & pos)
        verd = collections.Counter(r.get("verdict") for r in prs if keep(r) and cross([r], keep) & pos)
        rows.append([label, len(got), tp, f"{tp / len(pos):.3f}", f"{tp / len(got):.3f}" if got else "n/a",
                     ", ".join(f"{k} {v}" for k, v in sorted(verd.items())), f"{wall:.1f}", f"{rss:.0f}"])
        per = collections.Counter()
        hit = collections.Counter()
        for p, cnt in pair_obf.items():
            o = cnt.most_common(1)[0][0]
            per[o] += 1
            hit[o] += p in got
        obf_rows.append([label] + [f"{hit[o]}/{per[o]} = {hit[o] / per[o]:.2f}" for o in sorted(per)])
        obf_names = sorted(per)
        print(f"  [exara {label}] found={len(got)} tp={tp} wall={wall:.1f}s", file=sys.stderr)
    table(["command", "cross pairs found", "true", "recall", "precision", "true pairs by verdict",
           "wall s", "peak MiB"], rows)
    print("\nRecall by obfuscation (pair's main case type):\n")
    table(["command"] + obf_names, obf_rows)
    print()


# ---------------------------------------------------------------- main

def table(header, rows):
    print("| " + " | ".join(str(h) for h in header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for r in rows:
        print("| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("part", choices=["planted", "news", "exara", "all"])
    ap.add_argument("--bin")
    ap.add_argument("--work", default=os.path.join(REPO, "target", "eval-dups"))
    ap.add_argument("--data")
    ap.add_argument("--sizes", default="5000,20000")
    ap.add_argument("--thresholds", default="0.5,0.7")
    ap.add_argument("--shingles", default="default,word:5")
    ap.add_argument("--containments", default="0.8,0.5,0.3")
    ap.add_argument("--matrix-limit", type=int, default=2000)
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    exe = binary(args)
    args.default_spec = default_spec(exe)
    for part in ["planted", "news", "exara"] if args.part == "all" else [args.part]:
        globals()[part](args, exe)


if __name__ == "__main__":
    sys.exit(main())
