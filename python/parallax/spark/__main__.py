"""``python -m parallax.spark dups INPUT... -o OUT``: the command's
near-duplicate analysis as a Spark job (see ``parallax.spark``).

Options have the ``parallax`` command's names and defaults; ``--master``,
``--partitions``, ``--checkpoint-dir`` and ``--input-format`` are the job's
own. Exit code 0 on success, 2 on bad input or options.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, Dict, List, Optional

from .. import Config, ParallaxError

_D = Config()  # the command's defaults, from the Rust core


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m parallax.spark",
        description="parallax on Apache Spark: near-duplicate pairs and clusters of a corpus of "
        "JSONL or Parquet records, byte-identical to `parallax dups`.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="{dups,run}")
    d = sub.add_parser(
        "dups",
        help="near-duplicate pairs and clusters",
        description="Near-duplicate pairs and clusters: Parquet tables plus pairs.csv and "
        "clusters.csv as `parallax dups` writes them.",
        epilog="example: python -m parallax.spark dups articles/*.jsonl -o out --master local[4]",
    )
    _common(d)
    r = sub.add_parser(
        "run",
        help="the whole analysis: pairs, clusters, passages, framing and stance",
        description="The analysis of `parallax run`: Parquet tables plus pairs.csv, clusters.csv, "
        "passages.csv, stance.csv and framing.csv as the command writes them (no N×N matrices).",
        epilog="example: python -m parallax.spark run articles/*.jsonl -o out --master local[4]",
    )
    _common(r)
    pa = r.add_argument_group("Passages")
    pa.add_argument("--min-words", type=int, metavar="N", help=f"shortest shared passage, in words (default: {_D.min_words})")
    pa.add_argument("--max-gap", type=int, metavar="N", help=f"most unmatched words bridged inside a passage (default: {_D.max_gap})")
    pa.add_argument("--boilerplate-docs", type=int, metavar="N", help=f"a passage recurring in N documents while a small part of both is boilerplate (default: {_D.boilerplate_docs})")
    pa.add_argument("--min-passage-score", type=float, metavar="S", help=f"a paraphrased passage is reported from this score up (default: {_D.min_passage_score})")
    pa.add_argument("--min-copied-run", type=int, metavar="N", help=f"a paraphrase is reported when it keeps a run of N consecutive words (default: {_D.min_copied_run})")
    sc = r.add_argument_group("Scoring")
    sc.add_argument("--lexicon", action="append", metavar="FILE", help="a lexicon (TSV/CSV, YAML, LIWC .dic), added to the default one unless --no-default-lexicon; repeatable; read on every executor (ship it with --files on a cluster)")
    sc.add_argument("--targets", action="append", metavar="FILE", help="extra stance targets file; repeatable")
    sc.add_argument("--no-default-lexicon", action="store_true", help="use only the --lexicon files")
    return p


def _common(d: argparse.ArgumentParser) -> None:
    """The options `dups` and `run` share."""
    d.add_argument("inputs", nargs="+", metavar="INPUT", help="JSONL or Parquet files or folders (any path Spark reads: hdfs://, s3a://, ...)")
    d.add_argument("-o", "--out", default="parallax-out", metavar="DIR", help="output folder (default: parallax-out)")
    s = d.add_argument_group("Spark")
    s.add_argument("--master", metavar="URL", help="Spark master (default: as spark-submit or the session says; local[*] when run alone)")
    s.add_argument("--partitions", type=int, metavar="N", help="partitions of the document and pair stages and of the shuffles (default: Spark's default parallelism and spark.sql.shuffle.partitions)")
    s.add_argument("--checkpoint-dir", metavar="DIR", help="where each stage's output is kept (default: OUT/_checkpoints); a rerun with the same inputs and options resumes from it")
    s.add_argument("--keep-checkpoints", action="store_true", help="keep the checkpoint folder after a successful run")
    s.add_argument("--input-format", choices=["auto", "jsonl", "parquet"], default="auto", help="auto: Parquet when every INPUT ends in .parquet, else JSONL")
    i = d.add_argument_group("Input")
    for name, dflt in (("text", _D.text_col), ("id", _D.id_col), ("title", _D.title_col), ("date", _D.date_col), ("outlet", _D.outlet_col)):
        i.add_argument(f"--{name}-col", metavar="NAME", help=f"field holding the {name} (default: {dflt})")
    i.add_argument("--strict", action="store_true", help="stop at the first bad record, before writing anything")
    n = d.add_argument_group("Near-duplicates")
    n.add_argument("--threshold", type=float, metavar="J", help=f"Jaccard at or above which two documents are near-duplicates (default: {_D.threshold})")
    n.add_argument("--containment", type=float, metavar="C", help=f"containment at or above which the smaller document is an excerpt (default: {_D.containment})")
    n.add_argument("--shingle", metavar="SPEC", help=f"word:K, char:K or spot (default: {_D.shingle})")
    n.add_argument("--num-perm", type=int, metavar="N", help=f"MinHash permutations (default: {_D.num_perm})")
    n.add_argument("--seed", type=int, metavar="N", help=f"seed for shingle hashing and MinHash (default: {_D.seed})")
    n.add_argument("--matrix-limit", type=int, metavar="N", help=f"up to this many documents every pair is compared exactly, as the command does (default: {_D.matrix_limit}); the job writes no N×N matrices")
    o = d.add_argument_group("Output")
    o.add_argument("--no-bom", action="store_true", help="CSV files without the UTF-8 byte-order mark")
    g = d.add_argument_group("General")
    g.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr (errors and skipped records still)")
    g.add_argument("--timings", action="store_true", help="the wall time of each stage on stderr")


def _options(a: argparse.Namespace) -> Dict[str, Any]:
    keys = ["threshold", "containment", "shingle", "num_perm", "seed", "matrix_limit",
            "text_col", "id_col", "title_col", "date_col", "outlet_col"]
    opts = {k: getattr(a, k) for k in keys if getattr(a, k) is not None}
    if a.strict:
        opts["strict"] = True
    if a.no_bom:
        opts["no_bom"] = True
    if a.command == "run":
        for k in ("min_words", "max_gap", "boilerplate_docs", "min_passage_score", "min_copied_run"):
            if getattr(a, k) is not None:
                opts[k] = getattr(a, k)
        if a.lexicon:
            opts["lexicon"] = a.lexicon
        if a.targets:
            opts["targets"] = a.targets
        if a.no_default_lexicon:
            opts["no_default_lexicon"] = True
    return opts


def main(argv: Optional[List[str]] = None) -> int:
    a = _parser().parse_args(argv)
    say = (lambda m: None) if a.quiet else (lambda m: print(f"parallax.spark: {m}", file=sys.stderr, flush=True))
    try:
        cfg = Config(**_options(a))  # options checked before Spark starts
        if a.command == "run":
            from .. import _native

            _native.spark_score_keys(cfg._dict())  # the lexicon files too
    except (ParallaxError, TypeError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if a.partitions is not None and a.partitions < 1:
        print(f"error: --partitions must be at least 1, got {a.partitions}", file=sys.stderr)
        return 2

    from pyspark.sql import SparkSession

    from . import _fs
    from ._job import dups, read_inputs, write_outputs
    from ._run import run, write_run_outputs

    # Spark's console progress bars would drown the job's own messages.
    # A session that already runs (a notebook, a test) is used and left
    # running; otherwise the job starts its own and stops it at the end.
    own = SparkSession.getActiveSession() is None
    b = SparkSession.builder.appName(f"parallax {a.command}").config("spark.ui.showConsoleProgress", "false")
    if a.master:
        b = b.master(a.master)
    spark = b.getOrCreate()
    if a.partitions:
        spark.conf.set("spark.sql.shuffle.partitions", str(a.partitions))
    out = a.out.rstrip("/")
    ckdir = a.checkpoint_dir or f"{out}/_checkpoints"
    times: List[tuple] = []
    t0 = time.monotonic()

    def log(m: str) -> None:
        times.append((m, time.monotonic() - t0))
        say(m)

    try:
        df = read_inputs(spark, a.inputs, Config(**_options(a)), a.input_format)
        if a.command == "run":
            rr = run(spark, df, checkpoint_dir=ckdir, partitions=a.partitions, log=log, **_options(a))
            write_run_outputs(spark, rr, out, log=log)
        else:
            result = dups(spark, df, checkpoint_dir=ckdir, partitions=a.partitions, log=log, **_options(a))
            write_outputs(spark, result, out, log=log)
        if not a.keep_checkpoints:
            _fs.delete(spark, ckdir)
    except ParallaxError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # Spark's own errors: a path that does not exist, ...
        name = type(e).__name__
        if name in ("AnalysisException", "IllegalArgumentException"):
            print(f"error: {str(e).splitlines()[0]}", file=sys.stderr)
            return 2
        raise
    finally:
        if a.timings:
            last = 0.0
            for m, t in times:
                print(f"{t - last:8.2f}s  {m}", file=sys.stderr)
                last = t
            print(f"{time.monotonic() - t0:8.2f}s  total", file=sys.stderr)
        if own:
            spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
