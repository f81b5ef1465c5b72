#!/usr/bin/env python3
"""Score the judged stance set (stance.tsv, guideline STANCE.md) with
`parallax eval stance`, per language.

  python3 benches/judged/eval_stance.py [--bin target/release/parallax] [--corpus FILE] [--rows DIR] [-- ARGS...]

Rebuilds the texts from ../shared/data with stance_corpus.py (or reads
--corpus, its output), cuts each judged sentence at its code-point offsets,
writes one gold CSV per language (text, target, label) in a temporary folder
and runs `parallax eval stance GOLD --json ARGS...` on it. Prints macro-F1
and per-label precision and recall beside the "always none" baseline, for
the development rows, the held-out rows and all of them.
Exits 3 when ../shared/data is absent.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "parallax"))
    ap.add_argument("--corpus", help="stance_corpus.py's output (built when absent)")
    ap.add_argument("--rows", metavar="DIR",
                    help="also write each subset's rows (gold, predicted, score, text) to "
                         "DIR/rows-SET-LANG.csv (`parallax eval stance --rows`)")
    ap.add_argument("rest", nargs="*", help="after --: more `parallax eval stance` arguments")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="parallax-stance-")
    corpus = a.corpus
    if not corpus:
        corpus = os.path.join(tmp, "corpus.jsonl")
        r = subprocess.run([sys.executable, os.path.join(HERE, "stance_corpus.py"), corpus])
        if r.returncode != 0:
            sys.exit(r.returncode)
    texts = {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            texts[rec["id"]] = rec["text"]
    rows = []
    with open(os.path.join(HERE, "stance.tsv"), encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        text = texts.get(r["doc_id"])
        if text is None:
            sys.exit(f"eval_stance.py: {r['doc_id']} is not in {corpus}")
        rows.append((r["lang"], text[int(r["start"]):int(r["end"])], r["target"], r["label"],
                     r.get("set", "dev")))
    print(f"{'set':8} {'lang':5} {'n':>4} {'favor':>5} {'against':>7} {'none':>5}  {'macro-F1':>8}  "
          f"{'always none':>11}  per label (precision / recall)")
    for subset, lang in [(s, l) for s in ("dev", "heldout", "all") for l in ("ar", "en", "fr")]:
        mine = [r for r in rows if r[0] == lang and subset in ("all", r[4])]
        if not mine:
            continue
        gold = os.path.join(tmp, f"gold-{subset}-{lang}.csv")
        with open(gold, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["text", "target", "label"])
            for _, text, target, label, _ in mine:
                w.writerow([text, target, label])
        extra = []
        if a.rows:
            os.makedirs(a.rows, exist_ok=True)
            extra = ["--rows", os.path.join(a.rows, f"rows-{subset}-{lang}.csv")]
        out = subprocess.run([a.bin, "eval", "stance", gold, "--json", *extra, *a.rest],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"parallax eval stance failed: {out.stderr}")
        rep = json.loads(out.stdout)
        n = {l: sum(1 for r in mine if r[3] == l) for l in ("favor", "against", "none")}
        # Always "none": F1 of none only, over three classes.
        p_none = n["none"] / len(mine)
        base = (2 * p_none / (p_none + 1)) / 3
        per = "  ".join(f"{x['label']} {x['precision']:.2f}/{x['recall']:.2f}"
                        for x in rep["per_label"])
        print(f"{subset:8} {lang:5} {len(mine):4} {n['favor']:5} {n['against']:7} {n['none']:5}  "
              f"{rep['macro_f1']:8.3f}  {base:11.3f}  {per}")


if __name__ == "__main__":
    main()
