"""The near-duplicate job on Spark: the stages of ``parallax dups``, each a
Spark stage, the per-document and per-pair work done by the Rust core.

Stages (each written to the checkpoint directory as Parquet, so a failed
job resumes from the last finished one):

``documents``   records → ``(ordinal, doc_id, text, date, ...)``; ordinals are
                the ids sorted as bytes, as the command's corpus numbers
                its documents.
``features``    per document, in Rust (``mapInArrow``): MinHash signature,
                LSH band keys, the date the cluster rules read, length.
``candidates``  band keys grouped into buckets (``groupBy``); each bucket's
                pairs by the command's bucket rule, in Rust.
``verified``    candidate pairs with both texts: the command's estimate check
                on the signatures, then exact verification, in Rust; at or
                below ``matrix_limit`` documents every pair is checked, as
                the command does.
``components``  connected components of the verified pairs
                (large-star / small-star, see ``_graph.py``).
``clusters``    cluster numbers (by smallest member) and representatives.
"""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .. import Config, ParallaxError
from . import _fs
from ._graph import connected_components

# Options of the Spark job that are not analysis options.
JOB_OPTIONS = ("partitions", "checkpoint_dir", "log")


class DupsResult(NamedTuple):
    """What :func:`dups` returns: three DataFrames and the problems met."""

    documents: DataFrame
    """``ordinal, doc_id, date, title, outlet, chars, cluster`` (one row per
    document read, ``cluster`` null when in no cluster)."""
    pairs: DataFrame
    """``a, b, doc_a, doc_b, date_a, date_b, jaccard_est, jaccard,
    containment_ab, containment_ba, cluster``: the verified pairs
    (``a < b`` are ordinals)."""
    clusters: DataFrame
    """``cluster, ordinal, doc_id, representative, size``."""
    problems: List[Tuple[str, str, str]]
    """Records skipped: ``(where, id, reason)``."""
    config: Config


def config_of(options: Dict[str, Any]) -> Config:
    """The checked analysis options (the command's names and defaults)."""
    analysis = {k: v for k, v in options.items() if k not in JOB_OPTIONS}
    return Config(**analysis)


# ---- reading -------------------------------------------------------------


def _fields(cfg: Config) -> List[str]:
    """Record fields the job reads, without repeats (the command's list)."""
    names: List[str] = []
    for n in [cfg.text_col, "content", "body", cfg.id_col, cfg.title_col, cfg.date_col,
              cfg.outlet_col, "source", "url", "lang"]:
        if n not in names:
            names.append(n)
    return names


def read_inputs(spark: SparkSession, paths: List[str], cfg: Config, input_format: str = "auto") -> DataFrame:
    """Records of JSONL or Parquet files (any path Spark reads), fields read
    as strings, plus ``_where`` (the file) and ``_corrupt`` (a line that is
    not JSON)."""
    if not paths:
        raise ParallaxError("no INPUT given: pass JSONL or Parquet files or folders")
    fmt = input_format
    if fmt == "auto":
        parquet = [p.rstrip("/").endswith(".parquet") for p in paths]
        if any(parquet) and not all(parquet):
            raise ParallaxError(
                "inputs mix Parquet and JSONL; pass them in two runs or set --input-format"
            )
        fmt = "parquet" if all(parquet) else "jsonl"
    fields = _fields(cfg)
    if fmt == "jsonl":
        schema = T.StructType(
            [T.StructField(n, T.StringType()) for n in fields]
            + [T.StructField("_corrupt", T.StringType())]
        )
        df = spark.read.json(
            paths, schema=schema, mode="PERMISSIVE", columnNameOfCorruptRecord="_corrupt",
            multiLine=False, encoding="UTF-8",
        )
    elif fmt == "parquet":
        raw = spark.read.parquet(*paths)
        have = set(raw.columns)
        df = raw.select(
            *[(F.col(f"`{n}`").cast("string") if n in have else F.lit(None).cast("string")).alias(n)
              for n in fields],
            F.lit(None).cast("string").alias("_corrupt"),
        )
    else:
        raise ParallaxError(f"--input-format: expected auto, jsonl or parquet, got {input_format!r}")
    return df.withColumn("_where", F.input_file_name())


def _trimmed(col: str) -> F.Column:
    """The field trimmed, null when empty (as the command reads metadata).
    Trims Unicode white space like Rust's ``str::trim``."""
    t = F.regexp_replace(F.col(f"`{col}`"), r"^[\s\p{Z}]+|[\s\p{Z}]+$", "")
    return F.when(F.length(t) > 0, t)


# ---- stages --------------------------------------------------------------


class _Checkpoints:
    """Stage outputs as Parquet under one directory, reused on a rerun with
    the same inputs and options (``job.json`` records them)."""

    def __init__(self, spark: SparkSession, root: str, fingerprint: Dict[str, Any], log: Callable[[str], None]):
        self.spark = spark
        self.root = root.rstrip("/")
        self.log = log
        text = json.dumps(fingerprint, sort_keys=True, ensure_ascii=False)
        old = _fs.read_text(spark, f"{self.root}/job.json")
        if old is not None and old != text:
            raise ParallaxError(
                f"checkpoint directory {self.root} holds a job with other inputs or options; "
                "pass another --checkpoint-dir or delete it"
            )
        if old is None:
            _fs.write_text(spark, f"{self.root}/job.json", text)

    def path(self, name: str) -> str:
        return f"{self.root}/{name}"

    def stage(self, name: str, build: Callable[[], DataFrame]) -> DataFrame:
        path = self.path(name)
        if _fs.complete(self.spark, path):
            self.log(f"{name}: reused from {path}")
        else:
            build().write.mode("overwrite").parquet(path)
            self.log(f"{name}: done")
        return self.spark.read.parquet(path)


def _features_fn(opts: Dict[str, Any], num_perm: int, bands: int):
    def run(batches):
        import numpy as np
        import pyarrow as pa

        from parallax import _native

        for b in batches:
            n = b.num_rows
            texts = b.column("text").to_pylist()
            dates = b.column("date").to_pylist()
            sigs, keys, has, days, instants, chars, sizes = _native.spark_doc_features(texts, dates, opts)
            sig_offsets = pa.py_buffer((np.arange(n + 1, dtype=np.int32) * (4 * num_perm)).tobytes())
            sig_col = pa.Array.from_buffers(pa.binary(), n, [None, sig_offsets, pa.py_buffer(sigs)])
            key_values = pa.array(np.frombuffer(keys, dtype=np.int64))
            key_col = pa.ListArray.from_arrays(pa.array(np.arange(n + 1, dtype=np.int32) * bands), key_values)
            yield pa.RecordBatch.from_arrays(
                [b.column("ordinal"), sig_col, key_col, pa.array(has, pa.bool_()),
                 pa.array(days, pa.int64()), pa.array(instants, pa.int64()),
                 pa.array(chars, pa.int64()), pa.array(sizes, pa.int64())],
                names=["ordinal", "sig", "keys", "has_keys", "date_day", "date_at", "chars", "size"],
            )

    return run


FEATURES_SCHEMA = (
    "ordinal long, sig binary, keys array<long>, has_keys boolean, date_day long, date_at long, "
    "chars long, size long"
)


def _bucket_pairs_fn():
    def run(batches):
        import numpy as np
        import pyarrow as pa

        from parallax import _native

        for b in batches:
            members = b.column("members")
            flat = members.flatten().to_numpy(zero_copy_only=False).astype(np.uint32)
            lengths = [len(m) for m in members.to_pylist()] if b.num_rows else []
            a, bb = _native.spark_bucket_pairs(flat.tobytes(), lengths)
            yield pa.RecordBatch.from_arrays(
                [pa.array(np.frombuffer(a, dtype=np.uint32).astype(np.int64)),
                 pa.array(np.frombuffer(bb, dtype=np.uint32).astype(np.int64))],
                names=["a", "b"],
            )

    return run


PAIR_SIDES = ["a", "b", "sig_a", "size_a", "sig_b", "size_b"]


def _estimate_fn(opts: Dict[str, Any]):
    def run(batches):
        import numpy as np
        import pyarrow as pa

        from parallax import _native

        for b in batches:
            keep = _native.spark_estimate_pairs(
                b"".join(b.column("sig_a").to_pylist()), b"".join(b.column("sig_b").to_pylist()),
                b.column("size_a").to_pylist(), b.column("size_b").to_pylist(), opts,
            )
            mask = pa.array(np.frombuffer(keep, dtype=np.uint8).astype(bool))
            cols = pa.RecordBatch.from_arrays([b.column(c) for c in PAIR_SIDES], names=PAIR_SIDES)
            yield cols.filter(mask)

    return run


def _verify_fn(opts: Dict[str, Any]):
    def run(batches):
        import numpy as np
        import pyarrow as pa

        from parallax import _native

        for b in batches:
            out = _native.spark_verify_pairs(
                b.column("text_a").to_pylist(), b.column("text_b").to_pylist(),
                b"".join(b.column("sig_a").to_pylist()), b"".join(b.column("sig_b").to_pylist()),
                b.column("size_a").to_pylist(), b.column("size_b").to_pylist(),
                opts,
            )
            v = np.frombuffer(out, dtype=np.float64).reshape(-1, 5)
            yield pa.RecordBatch.from_arrays(
                [b.column("a"), b.column("b"), pa.array(v[:, 0] == 1.0)]
                + [pa.array(v[:, i]) for i in range(1, 5)],
                names=["a", "b", "kept", "jaccard", "containment_ab", "containment_ba", "jaccard_est"],
            )

    return run


VERIFIED_SCHEMA = "a long, b long, jaccard double, containment_ab double, containment_ba double, jaccard_est double"


def _sets_fn(opts: Dict[str, Any]):
    def run(batches):
        import numpy as np
        import pyarrow as pa

        from parallax import _native

        for b in batches:
            flat, lens = _native.spark_doc_sets(b.column("text").to_pylist(), opts)
            offsets = np.zeros(len(lens) + 1, dtype=np.int64)
            np.cumsum(np.asarray(lens, dtype=np.int64) * 8, out=offsets[1:])
            col = pa.Array.from_buffers(
                pa.large_binary(), len(lens), [None, pa.py_buffer(offsets.tobytes()), pa.py_buffer(flat)]
            )
            yield pa.RecordBatch.from_arrays([b.column("ordinal"), col], names=["ordinal", "set"])

    return run


def _stderr(msg: str) -> None:
    print(f"parallax.spark: {msg}", file=sys.stderr, flush=True)


class _Stages(NamedTuple):
    """What the near-duplicate stages leave for ``run``'s later stages."""

    result: DupsResult
    ck: "_Checkpoints"
    docs: DataFrame
    """The ``documents`` checkpoint: ``ordinal, doc_id, text, date, title, outlet``."""
    feats: DataFrame
    kept: DataFrame
    """Verified pairs: ``a, b, jaccard, containment_ab, containment_ba, jaccard_est``."""
    clusters: DataFrame
    parts: int


def dups(
    spark: SparkSession,
    df: DataFrame,
    *,
    checkpoint_dir: Optional[str] = None,
    partitions: Optional[int] = None,
    log: Optional[Callable[[str], None]] = None,
    **options: Any,
) -> DupsResult:
    """Near-duplicates of the records in ``df`` (columns named as the
    command's ``--text-col``, ``--id-col``, ... say; ``content``/``body`` and
    ``source`` are read as the command does), with the command's options
    and defaults (``threshold=0.5``, ``shingle="char:7"``, ...).

    ``checkpoint_dir`` (any Hadoop path; default: a new folder under
    ``spark.sparkContext.getCheckpointDir()`` or the local temp folder) holds
    each stage's output; rerunning with the same directory, inputs and
    options resumes after the last finished stage. ``partitions`` sets the
    number of partitions of the per-document and per-pair stages (default:
    Spark's default parallelism).
    """
    return _dups_stages(
        spark, df, checkpoint_dir=checkpoint_dir, partitions=partitions, log=log, command="dups", **options
    ).result


def _dups_stages(
    spark: SparkSession,
    df: DataFrame,
    *,
    checkpoint_dir: Optional[str],
    partitions: Optional[int],
    log: Optional[Callable[[str], None]],
    command: str,
    **options: Any,
) -> _Stages:
    cfg = config_of(options)
    say = log or (lambda m: None)
    opts = cfg._dict()
    bands, rows = cfg.lsh
    parts = partitions or spark.sparkContext.defaultParallelism
    if parts < 1:
        raise ParallaxError(f"partitions must be at least 1, got {parts}")
    if checkpoint_dir is None:
        base = spark.sparkContext.getCheckpointDir()
        if base is None:
            import tempfile

            base = tempfile.mkdtemp(prefix="parallax-spark-")
        checkpoint_dir = f"{base.rstrip('/')}/parallax-{uuid.uuid4().hex}"
    # The command is part of the fingerprint: `run` and `dups` may not share
    # a checkpoint folder (their stages differ).
    fingerprint = {"command": command, "options": {k: v for k, v in opts.items()}, "plan": _plan_text(df)}
    ck = _Checkpoints(spark, checkpoint_dir, fingerprint, say)

    # ---- documents: records checked, ordinals by id ----
    def documents() -> DataFrame:
        text = F.coalesce(*[F.col(f"`{c}`") for c in dict.fromkeys([cfg.text_col, "content", "body"])])
        recs = df.select(
            F.col("_where") if "_where" in df.columns else F.lit("").alias("_where"),
            F.col("_corrupt") if "_corrupt" in df.columns else F.lit(None).cast("string").alias("_corrupt"),
            _trimmed(cfg.id_col).alias("doc_id"),
            text.alias("text"),
            _trimmed(cfg.date_col).alias("date"),
            _trimmed(cfg.title_col).alias("title"),
            F.coalesce(_trimmed(cfg.outlet_col), _trimmed("source")).alias("outlet"),
            _trimmed("url").alias("url"),
        )
        reason = (
            F.when(F.col("_corrupt").isNotNull(), F.lit("invalid JSON"))
            .when(F.col("text").isNull(), F.lit(
                f"no text: expected a `{cfg.text_col}` field (or `content`, `body`); pass --text-col"))
            .when(F.col("doc_id").isNull(), F.lit(
                f"no id: the Spark job needs an `{cfg.id_col}` field in every record; pass --id-col"))
        )
        return (
            recs.withColumn("_problem", reason)
            .repartition(parts)
            .mapInArrow(_text_problem_fn(cfg.text_col), RECORDS_SCHEMA)
        )

    checked = ck.stage("records", documents)
    bad = checked.where(F.col("_problem").isNotNull())
    problems = [
        (r["_where"], r["doc_id"] or "", r["_problem"])
        for r in bad.select("_where", "doc_id", "_problem").orderBy("_where", "doc_id").limit(1000).collect()
    ]
    n_bad = bad.count() if len(problems) >= 1000 else len(problems)
    for where, doc_id, why in problems[:20]:
        _stderr(f"{where}{' id ' + doc_id if doc_id else ''}: {why}; skipped")
    if n_bad > 20:
        _stderr(f"... {n_bad - 20} more records skipped")
    if n_bad and cfg.strict:
        where, doc_id, why = problems[0]
        raise ParallaxError(f"{where}{' id ' + doc_id if doc_id else ''}: {why} (strict: nothing written)")

    good = checked.where(F.col("_problem").isNull())
    dup = good.groupBy("doc_id").count().where(F.col("count") > 1).orderBy("doc_id").limit(5).collect()
    if dup:
        ids = ", ".join(r["doc_id"] for r in dup)
        raise ParallaxError(
            f"duplicate ids ({ids}{', ...' if len(dup) == 5 else ''}): every record needs its own id; "
            "deduplicate the input or pass --id-col"
        )

    def ordinals() -> DataFrame:
        ids = good.select("doc_id").orderBy("doc_id")
        numbered = ids.rdd.map(lambda r: r[0]).zipWithIndex().toDF(["doc_id", "ordinal"])
        return good.join(numbered, "doc_id").select(
            "ordinal", "doc_id", "text", "date", "title", "outlet", "url"
        ).repartition(parts, "ordinal")

    docs = ck.stage("documents", ordinals)
    n_docs = docs.count()
    if n_docs == 0:
        raise ParallaxError("no documents were read from the input; check the paths, the format and --text-col")
    say(f"documents: {n_docs}")

    feats = ck.stage(
        "features",
        lambda: docs.select("ordinal", "text", "date").mapInArrow(
            _features_fn(opts, cfg.num_perm, bands), FEATURES_SCHEMA
        ),
    )

    if n_docs <= cfg.matrix_limit:
        # The command compares every pair of a corpus this small; so do we,
        # on the driver, from shingle sets made on the executors.
        def all_pairs() -> DataFrame:
            from parallax import _native
            import numpy as np

            sets = docs.select("ordinal", "text").mapInArrow(_sets_fn(opts), "ordinal long, set binary")
            st = sets.orderBy("ordinal").toArrow()
            sg = feats.select("ordinal", "sig").orderBy("ordinal").toArrow()
            set_list = st.column("set").to_pylist()
            a, b, v = _native.spark_all_pairs(
                b"".join(set_list), [len(s) // 8 for s in set_list], b"".join(sg.column("sig").to_pylist()), opts
            )
            va = np.frombuffer(v, dtype=np.float64).reshape(-1, 4)
            import pyarrow as pa

            table = pa.table({
                "a": np.frombuffer(a, dtype=np.uint32).astype(np.int64),
                "b": np.frombuffer(b, dtype=np.uint32).astype(np.int64),
                "jaccard": va[:, 0], "containment_ab": va[:, 1], "containment_ba": va[:, 2],
                "jaccard_est": va[:, 3],
            })
            return spark.createDataFrame(table, VERIFIED_SCHEMA)

        kept = ck.stage("verified", all_pairs)
    else:
        def candidates() -> DataFrame:
            keyed = feats.where("has_keys").select("ordinal", F.posexplode("keys").alias("band", "key"))
            buckets = (
                keyed.groupBy("band", "key")
                .agg(F.sort_array(F.collect_list("ordinal")).alias("members"))
                .where(F.size("members") >= 2)
                .select("members")
            )
            return buckets.mapInArrow(_bucket_pairs_fn(), "a long, b long").distinct().repartition(parts)

        cands = ck.stage("candidates", candidates)

        def verified() -> DataFrame:
            # The estimate check first, on signatures alone: the texts are
            # joined only to the pairs that pass it (on a topical corpus a
            # few in a thousand), not to every candidate.
            sig = feats.select("ordinal", "sig", "size")
            sa = sig.select(F.col("ordinal").alias("a"), F.col("sig").alias("sig_a"), F.col("size").alias("size_a"))
            sb = sig.select(F.col("ordinal").alias("b"), F.col("sig").alias("sig_b"), F.col("size").alias("size_b"))
            worth = cands.join(sa, "a").join(sb, "b").mapInArrow(
                _estimate_fn(opts), "a long, b long, sig_a binary, size_a long, sig_b binary, size_b long"
            )
            text = docs.select("ordinal", "text")
            ta = text.select(F.col("ordinal").alias("a"), F.col("text").alias("text_a"))
            tb = text.select(F.col("ordinal").alias("b"), F.col("text").alias("text_b"))
            both = worth.join(ta, "a").join(tb, "b")
            checked_pairs = both.mapInArrow(
                _verify_fn(opts),
                "a long, b long, kept boolean, jaccard double, containment_ab double, "
                "containment_ba double, jaccard_est double",
            )
            return checked_pairs.where(F.col("kept")).drop("kept")

        kept = ck.stage("verified", verified)

    labels = connected_components(
        spark, kept.select(F.col("a").alias("u"), F.col("b").alias("v")), ck.path("components"), log=say
    )

    def clusters() -> DataFrame:
        # Numbered from 1 by smallest member: the component label is it.
        roots = labels.select("label").distinct().orderBy("label")
        numbered = roots.rdd.map(lambda r: r[0]).zipWithIndex().map(lambda x: (x[0], x[1] + 1)).toDF(
            ["label", "cluster"]
        )
        members = labels.join(numbered, "label").join(
            feats.select(F.col("ordinal").alias("node"), "date_day", "date_at", "chars"), "node"
        ).join(docs.select(F.col("ordinal").alias("node"), "doc_id"), "node")
        # The command's representative: earliest day (undated last), then
        # earliest instant (unknown last), then the longest text, then the
        # smallest id.
        key = F.struct(
            F.col("date_day").isNull().alias("undated"),
            F.coalesce("date_day", F.lit(0)).alias("date"),
            F.coalesce("date_at", F.lit(2**63 - 1)).alias("at"),
            (-F.col("chars")).alias("longer"),
            F.col("node").alias("ordinal"),
            F.col("doc_id"),
        )
        reps = members.groupBy("cluster").agg(
            F.min(key).getField("doc_id").alias("representative"), F.count("*").alias("size")
        )
        return members.join(reps, "cluster").select(
            "cluster", F.col("node").alias("ordinal"), "doc_id", "representative", "size"
        )

    cl = ck.stage("clusters", clusters)

    meta = docs.select("ordinal", "doc_id", "date")
    pairs = (
        kept.join(meta.select(F.col("ordinal").alias("a"), F.col("doc_id").alias("doc_a"), F.col("date").alias("date_a")), "a")
        .join(meta.select(F.col("ordinal").alias("b"), F.col("doc_id").alias("doc_b"), F.col("date").alias("date_b")), "b")
        .join(cl.select(F.col("ordinal").alias("a"), "cluster"), "a", "left")
        .select("a", "b", "doc_a", "doc_b", "date_a", "date_b", "jaccard_est", "jaccard",
                "containment_ab", "containment_ba", "cluster")
    )
    documents_out = docs.join(feats.select("ordinal", "chars"), "ordinal").join(
        cl.select("ordinal", "cluster"), "ordinal", "left"
    ).select("ordinal", "doc_id", "date", "title", "outlet", "chars", "cluster")
    return _Stages(DupsResult(documents_out, pairs, cl, problems, cfg), ck, docs, feats, kept, cl, parts)


RECORDS_SCHEMA = (
    "_where string, _corrupt string, doc_id string, text string, date string, title string, "
    "outlet string, url string, _problem string"
)


def _text_problem_fn(text_col: str):
    """Adds the command's text checks (empty, binary data), made in Rust, to
    the records that passed the field checks."""

    def run(batches):
        import pyarrow as pa

        from parallax import _native

        for b in batches:
            problem = b.column("_problem").to_pylist()
            texts = b.column("text").to_pylist()
            todo = [i for i, p in enumerate(problem) if p is None]
            why = _native.spark_text_problems([texts[i] for i in todo])
            for i, w in zip(todo, why):
                if w is not None:
                    problem[i] = f"field `{text_col}`: {w}"
            cols = [b.column(n) for n in b.schema.names if n != "_problem"]
            yield pa.RecordBatch.from_arrays(
                cols + [pa.array(problem, pa.string())],
                names=[n for n in b.schema.names if n != "_problem"] + ["_problem"],
            )

    return run


def _plan_text(df: DataFrame) -> str:
    """What the input is, for the checkpoint fingerprint: the analysed plan
    names the files and columns read."""
    try:
        return df._jdf.queryExecution().analyzed().toString()
    except Exception:  # pragma: no cover - a plan that cannot print
        return ""


def write_outputs(spark: SparkSession, result: DupsResult, out_dir: str, *, log: Callable[[str], None] = lambda m: None) -> List[str]:
    """Writes ``documents.parquet``, ``pairs.parquet``, ``clusters.parquet``
    and, with the command's formatter, ``pairs.csv``, ``clusters.csv`` and
    ``skipped.csv`` (the records skipped, at most the first 1,000)
    into ``out_dir`` (any Hadoop path; the CSVs are made on the driver)."""
    from parallax import _native

    out = out_dir.rstrip("/")
    t = _dups_tables(result)
    with _local_or_copy(spark, out) as csv_dir:
        written = _native.spark_write_dups(
            csv_dir.path, t.pairs, t.clusters, t.skipped, result.config._dict()
        )
        files = csv_dir.finish(written)
    _write_dups_parquet(result, out)
    log(f"wrote {t.n_pairs} pairs, {t.n_clustered} clustered documents to {out}")
    return files


class _DupsTables(NamedTuple):
    """The near-duplicate tables gathered on the driver, as the Rust
    formatter takes them."""

    pairs: Dict[str, list]
    clusters: Dict[str, list]
    skipped: List[Tuple[str, str]]
    n_pairs: int
    n_clustered: int


def _dups_tables(result: DupsResult) -> _DupsTables:
    pt = result.pairs.orderBy("a", "b").toArrow()
    ct = result.clusters.orderBy("cluster", "ordinal").toArrow()
    pairs = {c: pt.column(c).to_pylist() for c in (
        "doc_a", "doc_b", "date_a", "date_b", "jaccard", "containment_ab", "containment_ba",
        "jaccard_est", "cluster")}
    clusters = {c: ct.column(c).to_pylist() for c in ("cluster", "doc_id", "representative", "size")}
    skipped = [(where, f"id {doc_id}: {why}" if doc_id else why) for where, doc_id, why in result.problems]
    return _DupsTables(pairs, clusters, skipped, pt.num_rows, ct.num_rows)


def _write_dups_parquet(result: DupsResult, out: str) -> None:
    for name, df in (
        ("documents", result.documents.orderBy("ordinal")),
        ("pairs", result.pairs.orderBy("a", "b")),
        ("clusters", result.clusters.orderBy("cluster", "ordinal")),
    ):
        df.write.mode("overwrite").parquet(f"{out}/{name}.parquet")


class _local_or_copy:
    """Where the Rust formatter writes CSV files for ``out`` (any Hadoop
    path): ``out`` itself when it is local, else a local temporary folder
    whose files :meth:`finish` copies to ``out``."""

    def __init__(self, spark: SparkSession, out: str):
        import tempfile

        self.spark = spark
        self.out = out
        self.local = "://" not in out or out.startswith("file://")
        self.tmp = None if self.local else tempfile.mkdtemp(prefix="parallax-csv-")
        self.path = (out[len("file://"):] if out.startswith("file://") else out) if self.local else self.tmp

    def __enter__(self) -> "_local_or_copy":
        return self

    def finish(self, written) -> List[str]:
        import os

        files = [os.fspath(p) for p in written]
        if self.tmp is None:
            return files
        jvm = self.spark.sparkContext._jvm
        conf = self.spark.sparkContext._jsc.hadoopConfiguration()
        for p in files:
            dst = jvm.org.apache.hadoop.fs.Path(f"{self.out}/{os.path.basename(p)}")
            dst.getFileSystem(conf).copyFromLocalFile(False, True, jvm.org.apache.hadoop.fs.Path(p), dst)
        return [f"{self.out}/{os.path.basename(p)}" for p in files]

    def __exit__(self, *exc) -> None:
        import shutil

        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
