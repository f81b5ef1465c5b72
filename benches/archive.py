#!/usr/bin/env python3
"""Archive benchmark (issue 8): add N generated articles to a fresh `parallax index` archive, then
check Q new articles against it.

  benches/archive.py [--n 100000] [--queries 200] [--data /tmp/gen100k] [--bin target/release/parallax]
                     [--db /tmp/archive-bench.db] [--singles 20] [--keep]

The corpus comes from benches/peers/corpus.py (generated once, N + Q documents, reused when
DATA/corpus.jsonl already holds enough lines). The first N lines are archived; the last Q lines are
the queries: planted rewrites (edit rates 0-35%) of archived articles, so every query has a true
match to find and align — the expensive case. Reported:

- add: wall time, documents/s, MB/s of text, database size per document (file + WAL, from
  `index stats`), and the add's own sketch/write split (`--timings`);
- query, batch: one `index query --timings` process over the Q articles; parallax measures each
  article's own cost (sketch + archive lookup + verification + alignment) and prints p50/p95;
- query, one process per article (`--singles K`): wall time of K separate `index query` runs, i.e.
  including process start, opening the archive and writing the CSVs;
- recall: how many queries found their planted original.

Build first: cargo build --release (or, faster to build, with CARGO_PROFILE_RELEASE_LTO=false
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16).
"""
import argparse
import csv
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, ".."))


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def ensure_corpus(data, total):
    path = os.path.join(data, "corpus.jsonl")
    if os.path.exists(path) and count_lines(path) >= total:
        return path
    print(f"generating {total} documents into {data} (about a minute per 100k)...", flush=True)
    subprocess.run([sys.executable, os.path.join(HERE, "peers", "corpus.py"), "gen", str(total), data],
                   check=True)
    return path


def split(corpus, n, q, work):
    """First n lines -> archive/a.jsonl, last q lines -> queries/q.jsonl; returns text bytes."""
    with open(corpus, encoding="utf-8") as f:
        lines = f.readlines()
    if len(lines) < n + q:
        sys.exit(f"{corpus} has {len(lines)} lines, need {n + q}")
    os.makedirs(os.path.join(work, "archive"))
    os.makedirs(os.path.join(work, "queries"))
    arch, qs = lines[:n], lines[-q:]
    # Files of 10,000 articles: ingest refuses single files over 256 MB.
    for k in range(0, len(arch), 10_000):
        with open(os.path.join(work, "archive", f"a{k // 10_000:03d}.jsonl"), "w", encoding="utf-8") as f:
            f.writelines(arch[k:k + 10_000])
    with open(os.path.join(work, "queries", "q.jsonl"), "w", encoding="utf-8") as f:
        f.writelines(qs)
    text_bytes = sum(len(json.loads(l)["text"].encode("utf-8")) for l in arch)
    return text_bytes, [json.loads(l)["id"] for l in qs]


def run(cmd, **kw):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stdout}\n{p.stderr}")
    return dt, p


def pct(xs, p):
    xs = sorted(xs)
    return xs[max(1, min(len(xs), -(-len(xs) * p // 100))) - 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--data", default="/tmp/gen100k")
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    ap.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "archive-bench.db"))
    ap.add_argument("--singles", type=int, default=20)
    ap.add_argument("--keep", action="store_true", help="keep the database and work folder")
    a = ap.parse_args()
    if not os.path.exists(a.bin):
        sys.exit(f"{a.bin} not found: cargo build --release first")
    corpus = ensure_corpus(a.data, a.n + a.queries)
    work = tempfile.mkdtemp(prefix="archive-bench-")
    text_bytes, qids = split(corpus, a.n, a.queries, work)
    for suffix in ["", "-wal", "-shm"]:
        if os.path.exists(a.db + suffix):
            os.remove(a.db + suffix)

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"archive: {a.n} documents, {text_bytes / 1e6:.1f} MB of text; {a.queries} queries")

    dt, p = run([a.bin, "index", "add", "--db", a.db, os.path.join(work, "archive"), "--timings"])
    added = re.search(r"(\d+) added", p.stdout)
    if not added or int(added.group(1)) != a.n:
        sys.exit(f"index add did not add {a.n} documents:\n{p.stdout}\n{p.stderr}")
    print(f"add: {dt:.1f} s, {a.n / dt:.0f} docs/s, {text_bytes / 1e6 / dt:.2f} MB/s")
    print("  " + p.stderr.strip().replace("\n", "\n  "))
    _, st = run([a.bin, "index", "stats", "--db", a.db])
    m = re.search(r"on disk\s+(\d+) bytes \((\d+) per document\)", st.stdout)
    if m:
        print(f"db: {int(m.group(1)) / 1e6:.0f} MB on disk, {int(m.group(2))} bytes per document")
    print("  " + st.stdout.strip().replace("\n", "\n  "))

    out = os.path.join(work, "out")
    dt, p = run([a.bin, "index", "query", "--db", a.db, os.path.join(work, "queries"), "-o", out,
                 "--format", "csv", "-q", "--timings"])
    print(f"query (one process, {a.queries} articles): {dt:.2f} s wall, {dt / a.queries * 1e3:.1f} ms per article")
    print("  " + p.stderr.strip().replace("\n", "\n  "))

    plants = {}
    with open(os.path.join(a.data, "plants.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            plants[r["copy"]] = r["original"]
    with open(os.path.join(out, "pairs.csv"), encoding="utf-8-sig") as f:
        found = {(r["doc_a"], r["doc_b"]) for r in csv.DictReader(f)}
    want = [(q, plants[q]) for q in qids if q in plants]
    hit = sum(1 for q, o in want if (min(q, o), max(q, o)) in found)
    print(f"recall: {hit}/{len(want)} queries found their planted original")

    if a.singles > 0:
        one = os.path.join(work, "one")
        os.makedirs(one)
        times = []
        with open(os.path.join(work, "queries", "q.jsonl"), encoding="utf-8") as f:
            lines = f.readlines()[: a.singles]
        for i, line in enumerate(lines):
            path = os.path.join(one, "q.jsonl")
            with open(path, "w", encoding="utf-8") as g:
                g.write(line)
            dt, _ = run([a.bin, "index", "query", "--db", a.db, path, "-o", os.path.join(work, f"o{i}"),
                         "--format", "csv", "-q"])
            times.append(dt * 1e3)
        print(f"query (one process per article, n={len(times)}): p50 {statistics.median(times):.1f} ms, "
              f"p95 {pct(times, 95):.1f} ms, max {max(times):.1f} ms")

    if a.keep:
        print(f"kept {a.db} and {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
        for suffix in ["", "-wal", "-shm"]:
            if os.path.exists(a.db + suffix):
                os.remove(a.db + suffix)


if __name__ == "__main__":
    main()
