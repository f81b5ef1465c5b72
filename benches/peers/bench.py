#!/usr/bin/env python3
"""End-to-end benchmark: `parallax dups` against datasketch and rensa, side by side, one run.

  python3 benches/peers/bench.py [--sizes 20000,100000] [--topical 20000] [--news] [--work DIR]
                                 [--threshold 0.5] [--repeat N] [--peers rensa,datasketch]
                                 [--peer-char 7]

Creates a Python venv with the peers (pip), builds parallax in release mode, generates the
corpora (corpus.py), hands every tool identical tokens (`parallax normalize --jsonl`) and
identical word 5-gram shingles, and prints wall time, peak RSS, pairs, recall, precision and the
ratios. --topical N adds a corpus of N documents on one topic (corpus.py topical: the seeds'
sentences re-mixed, with planted edited copies), where parallax also runs with its default
shingles (`char:7`, the row `parallax-default`, first, so that ratios are against it); its
"precision" counts pairs whose word 5-gram Jaccard reaches the threshold, "planted" the share of
reported pairs that are a planted original and its copy; --peer-char 7 adds rensa on those same
character 7-grams (row `rensa char:7`), the peer doing the default's work. With --repeat N each tool runs N times, round-robin, and the median wall time counts
(shared machines drift by ±20% within minutes). The news corpus (../shared/data/news) is used
with --news and skipped with a message when absent. Results are appended to WORK/results.csv;
copy the table into BENCHMARKS.md with the machine facts.
"""
import argparse
import csv
import hashlib
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
K, NUM_PERM = 5, 128


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def venv(work):
    py = os.path.join(work, "venv", "bin", "python")
    if not os.path.exists(py):
        sh([sys.executable, "-m", "venv", os.path.join(work, "venv")])
    try:
        sh([py, "-c", "import datasketch, rensa"], stderr=subprocess.DEVNULL)
    except subprocess.CalledProcessError:
        sh([py, "-m", "pip", "install", "--quiet", "datasketch", "rensa"])
    return py


def timed(cmd, stdout=None):
    """Runs cmd under GNU time: (wall seconds, peak RSS MiB, stdout text)."""
    t = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, check=True, text=True,
                       stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE)
    wall, rss = t.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) / 1024.0, (t.stdout if stdout is None else "")


def shingles(keys):
    if len(keys) < K:
        return {" ".join(keys)}
    return {" ".join(keys[i:i + K]) for i in range(len(keys) - K + 1)}


def read_keys(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs[r["id"]] = r["keys"]
    return docs


def jaccard(a, b):
    return len(a & b) / len(a | b) if a or b else 1.0


def read_pairs(path, col_a="doc_a", col_b="doc_b"):
    with open(path, encoding="utf-8-sig") as f:
        return {tuple(sorted((r[col_a], r[col_b]))) for r in csv.DictReader(f)}


def truth_generated(corpus_dir, keys, threshold):
    pos = set()
    with open(os.path.join(corpus_dir, "plants.csv")) as f:
        for r in csv.DictReader(f):
            a, b = r["original"], r["copy"]
            if jaccard(shingles(keys[a]), shingles(keys[b])) >= threshold:
                pos.add(tuple(sorted((a, b))))
    return pos


def truth_news(corpus_dir):
    groups = {}
    with open(os.path.join(corpus_dir, "corpus.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            groups.setdefault(hashlib.sha1(r["text"].encode()).hexdigest(), []).append(r["id"])
    pos = set()
    for ids in groups.values():
        ids.sort()
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                pos.add((ids[i], ids[j]))
    return pos


def planted_pairs(corpus_dir):
    with open(os.path.join(corpus_dir, "plants.csv")) as f:
        return {tuple(sorted((r["original"], r["copy"]))) for r in csv.DictReader(f)}


def measure(name, corpus_dir, parallax, py, threshold, rows, exact_positives, repeat,
            peers=("rensa", "datasketch"), default_shingles=False, peer_char=0):
    corpus = os.path.join(corpus_dir, "corpus.jsonl")
    keys_path = os.path.join(corpus_dir, "keys.jsonl")
    mb = os.path.getsize(corpus) / 1e6
    with open(keys_path, "w") as out:
        kw, _, _ = timed([parallax, "normalize", "--jsonl", corpus], stdout=out)
    keys = read_keys(keys_path)
    pos = truth_generated(corpus_dir, keys, threshold) if exact_positives else truth_news(corpus_dir)
    out_dir = os.path.join(corpus_dir, "parallax-out")
    commands = {}
    if default_shingles:
        d_out = os.path.join(corpus_dir, "parallax-default-out")
        commands["parallax-default"] = ([parallax, "dups", corpus, "-o", d_out, "-q", "--format", "csv",
                                         "--threshold", str(threshold)],
                                        os.path.join(d_out, "pairs.csv"))
    commands["parallax"] = ([parallax, "dups", corpus, "-o", out_dir, "-q", "--format", "csv", "--shingle",
                             f"word:{K}", "--num-perm", str(NUM_PERM), "--threshold", str(threshold)],
                            os.path.join(out_dir, "pairs.csv"))
    for tool in peers:
        out = os.path.join(corpus_dir, f"{tool}-pairs.csv")
        commands[tool] = ([py, os.path.join(HERE, "peer.py"), tool, keys_path, out, "--k", str(K),
                           "--num-perm", str(NUM_PERM), "--threshold", str(threshold)], out)
    if peer_char and "rensa" in peers:
        # rensa on parallax's default shingles, so that the default is also compared with a
        # peer doing the same work.
        out = os.path.join(corpus_dir, f"rensa-char{peer_char}-pairs.csv")
        commands[f"rensa char:{peer_char}"] = (
            [py, os.path.join(HERE, "peer.py"), "rensa", keys_path, out, "--char", str(peer_char),
             "--num-perm", str(NUM_PERM), "--threshold", str(threshold)], out)
    # Round-robin, so that a machine that speeds up or slows down during the
    # run weighs on every tool alike; the median of the rounds is reported.
    runs = {tool: [] for tool in commands}
    for _ in range(repeat):
        for tool, (cmd, _) in commands.items():
            wall, rss, info = timed(cmd)
            runs[tool].append((wall, rss))
            if info.strip():
                print(f"  {tool}: {info.strip()}")
    results = {}
    for tool, (_, out) in commands.items():
        walls = sorted(w for w, _ in runs[tool])
        results[tool] = (walls[len(walls) // 2], max(r for _, r in runs[tool]), read_pairs(out))
        if repeat > 1:
            print(f"  {tool} walls: " + ", ".join(f"{w:.2f}" for w, _ in runs[tool]))
    print(f"\n{name}: {len(keys)} documents, {mb:.0f} MB; {len(pos)} positive pairs; "
          f"keys for the peers took {kw:.1f} s (not counted in their time)")
    planted = planted_pairs(corpus_dir) if exact_positives else set()
    print(f"{'tool':<17} {'wall s':>8} {'peak MiB':>9} {'pairs':>9} {'recall':>7} {'precision':>9} "
          f"{'planted':>8} {'time ×':>7} {'RSS ×':>6}")
    first = next(iter(results))
    base_wall, base_rss = results[first][0], results[first][1]
    for tool, (wall, rss, pairs) in results.items():
        found = len(pairs & pos)
        recall = found / len(pos) if pos else float("nan")
        if exact_positives:
            good = sum(1 for a, b in pairs if jaccard(shingles(keys[a]), shingles(keys[b])) >= threshold)
            precision = good / len(pairs) if pairs else 1.0
            share_planted = len(pairs & planted) / len(pairs) if pairs else 1.0
        else:
            precision = share_planted = float("nan")
        print(f"{tool:<17} {wall:>8.2f} {rss:>9.0f} {len(pairs):>9} {recall:>7.3f} {precision:>9.3f} "
              f"{share_planted:>8.3f} {wall / base_wall:>7.1f} {rss / base_rss:>6.2f}")
        rows.append({"corpus": name, "docs": len(keys), "mb": round(mb, 1), "tool": tool, "wall_s": wall,
                     "peak_rss_mib": round(rss), "pairs": len(pairs), "recall": round(recall, 4),
                     "precision": round(precision, 4), "positives": len(pos)})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000,100000")
    ap.add_argument("--news", action="store_true")
    ap.add_argument("--topical", type=int, default=0,
                    help="also a topical corpus of this many documents (0: none)")
    ap.add_argument("--peers", default="rensa,datasketch")
    ap.add_argument("--binary", help="an already built parallax (default: build this checkout)")
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds per corpus (tools run round-robin; the median wall time is reported)")
    ap.add_argument("--peer-char", type=int, default=0, metavar="K",
                    help="on the topical corpus, also run rensa on character K-grams (7: parallax's "
                         "default shingles)")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    py = venv(args.work)
    if args.binary:
        parallax = os.path.abspath(args.binary)
    else:
        sh(["cargo", "build", "--release", "--quiet"], cwd=REPO)
        parallax = os.path.join(REPO, "target", "release", "parallax")
    peers = tuple(p for p in args.peers.split(",") if p)
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores; "
          f"{time.strftime('%Y-%m-%d')}")
    rows = []
    for n in [int(s) for s in args.sizes.split(",") if s]:
        d = os.path.join(args.work, f"gen-{n}")
        if not os.path.exists(os.path.join(d, "corpus.jsonl")):
            sh([sys.executable, os.path.join(HERE, "corpus.py"), "gen", str(n), d])
        measure(f"generated-{n}", d, parallax, py, args.threshold, rows, True, max(1, args.repeat),
                peers)
    if args.topical:
        d = os.path.join(args.work, f"topical-{args.topical}")
        if not os.path.exists(os.path.join(d, "corpus.jsonl")):
            sh([sys.executable, os.path.join(HERE, "corpus.py"), "topical", str(args.topical), d])
        measure(f"topical-{args.topical}", d, parallax, py, args.threshold, rows, True,
                max(1, args.repeat), peers, default_shingles=True, peer_char=args.peer_char)
    if args.news:
        d = os.path.join(args.work, "news")
        if not os.path.exists(os.path.join(d, "corpus.jsonl")):
            sh([sys.executable, os.path.join(HERE, "corpus.py"), "news", d])
        if os.path.exists(os.path.join(d, "corpus.jsonl")):
            measure("news", d, parallax, py, args.threshold, rows, False, max(1, args.repeat), peers)
    out = os.path.join(args.work, "results.csv")
    new = not os.path.exists(out)
    with open(out, "a", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()) if rows else ["corpus"])
        if new:
            w.writeheader()
        w.writerows(rows)
    print(f"\nresults appended to {out}")


if __name__ == "__main__":
    sys.exit(main())
