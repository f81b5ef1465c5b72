"""The whole analysis on Spark, ``parallax run``'s stages after the
near-duplicate ones (see ``_job.py``), the per-document and per-pair work
done by the Rust core.

Stages after those of ``dups`` (each a checkpoint, as there):

``scores``       per document, in Rust (``mapInArrow``): the command's frame
                 rates and stance numbers (``framing.csv``, ``stance.csv``);
                 document-local, no corpus-wide fact enters them.
``align_facts``  per document, in Rust: content keys, content-word bigrams,
                 length in words, source name.
``rare_pairs``   the command's rare-content rule as joins: keys held by 2 to
                 ``max_df`` documents, pairs sharing ``min_shared`` of them.
``to_align``     rare and verified pairs, cluster members with their
                 representative; pairs inside a cluster without it are
                 ``aligned_via`` it.
``aligned``      each pair with both texts, in Rust: passages, their cells,
                 the bigrams of their spans; the pair's overlap and estimate.
``holding``      per span, the documents holding its text, from the posting
                 lists of its bigrams (``groupBy``), by the command's rule.
``recurrence``   per passage, documents holding either side, overall and in
                 one source.

The verdicts (boilerplate, copy or rewrite, which passages are reported)
need only the passages and a few numbers per pair: the driver makes them in
Rust, by the command's rules, while writing the CSV files.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.window import Window

from .. import Config
from ._job import DupsResult, config_of, _dups_stages, _dups_tables, _local_or_copy, _write_dups_parquet


class RunResult(NamedTuple):
    """What :func:`run` returns: DataFrames and the problems met."""

    dups: DupsResult
    """The near-duplicate tables (``documents``, ``pairs``, ``clusters``)."""
    framing: DataFrame
    """``ordinal, doc_id, words`` and per frame ``<frame>_per_1k,
    <frame>_hits`` (``framing.csv``'s columns)."""
    stance: DataFrame
    """``ordinal, doc_id`` and per target ``<target>_score,
    <target>_mentions, <target>_quoted_score, <target>_quoted_mentions``."""
    frames: List[str]
    targets: List[str]
    listed: DataFrame
    """The pairs that may be reported (copies and pairs with passages),
    before the verdicts: ``a, b, doc_a, doc_b, date_a, date_b, jaccard,
    containment_ab, containment_ba, jaccard_est, cluster_a, cluster_b,
    verified, words_a, words_b, via``."""
    passages: DataFrame
    """Every passage found, before the verdicts: ``a, b, idx, a_words,
    b_words, score, kind, copied_run, recurs_in, same_source, a_start,
    a_end, b_start, b_end`` (code points), ``a_text, b_text``."""
    config: Config


def _q(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _score_columns(frames: List[str], targets: List[str]) -> Tuple[List[str], List[str]]:
    """Column names of the framing and stance tables after their ids (the
    stance table in ``stance.csv``'s order: scores and mentions, then the
    quoted voice)."""
    f = [c for k in frames for c in (f"{k}_per_1k", f"{k}_hits")]
    s = [c for k in targets for c in (f"{k}_score", f"{k}_mentions")]
    s += [c for k in targets for c in (f"{k}_quoted_score", f"{k}_quoted_mentions")]
    return f, s


def _scores_fn(opts: Dict[str, Any], frames: List[str], targets: List[str]):
    nf, nt = len(frames), len(targets)

    def run(batches):
        import numpy as np
        import pyarrow as pa

        from parallax import _native

        for b in batches:
            words, fr, st = _native.spark_doc_scores(b.column("text").to_pylist(), opts)
            fv = np.frombuffer(fr, dtype=np.float64).reshape(-1, 2 * nf) if nf else np.zeros((b.num_rows, 0))
            sv = np.frombuffer(st, dtype=np.float64).reshape(-1, 4 * nt) if nt else np.zeros((b.num_rows, 0))
            cols = [b.column("ordinal"), b.column("doc_id"), pa.array(words, pa.int64())]
            for j in range(nf):
                cols += [pa.array(fv[:, 2 * j]), pa.array(fv[:, 2 * j + 1].astype(np.int64))]
            for part in (0, 2):  # author's voice, then quoted
                for j in range(nt):
                    score = sv[:, 4 * j + part]
                    cols += [pa.array(score, mask=np.isnan(score)), pa.array(sv[:, 4 * j + part + 1].astype(np.int64))]
            names = ["ordinal", "doc_id", "words"] + [f"f{i}" for i in range(2 * nf)] + [f"s{i}" for i in range(4 * nt)]
            yield pa.RecordBatch.from_arrays(cols, names=names)

    return run


ALIGN_FACTS_SCHEMA = "ordinal long, keys array<long>, grams array<long>, words long, source string"


def _align_facts_fn(opts: Dict[str, Any]):
    def run(batches):
        import numpy as np
        import pyarrow as pa

        from parallax import _native

        def lists(flat: bytes, lens) -> "pa.Array":
            offsets = np.concatenate([[0], np.cumsum(np.asarray(lens, dtype=np.int64))]).astype(np.int32)
            return pa.ListArray.from_arrays(pa.array(offsets), pa.array(np.frombuffer(flat, dtype=np.int64)))

        for b in batches:
            keys, key_lens, grams, gram_lens, words, sources = _native.spark_doc_align_facts(
                b.column("text").to_pylist(), b.column("outlet").to_pylist(), b.column("url").to_pylist(), opts
            )
            yield pa.RecordBatch.from_arrays(
                [b.column("ordinal"), lists(keys, key_lens), lists(grams, gram_lens),
                 pa.array(words, pa.int64()), pa.array(sources, pa.string())],
                names=["ordinal", "keys", "grams", "words", "source"],
            )

    return run


ALIGNED_SCHEMA = (
    "a long, b long, idx long, jaccard double, containment_ab double, containment_ba double, "
    "jaccard_est double, a_words long, b_words long, score double, kind string, copied_run long, "
    "a_tok_s long, a_tok_e long, b_tok_s long, b_tok_e long, a_start long, a_end long, "
    "b_start long, b_end long, a_text string, b_text string, a_grams array<long>, b_grams array<long>"
)


def _align_fn(opts: Dict[str, Any]):
    """Per pair one row with ``idx`` -1 (its overlap and estimate), then one
    row per passage found (``idx`` 0, 1, ... in alignment order)."""

    def run(batches):
        import numpy as np
        import pyarrow as pa

        from parallax import _native

        names = [f.split()[0] for f in ALIGNED_SCHEMA.split(", ")]
        for b in batches:
            nums, found = _native.spark_align_pairs(
                b.column("doc_a").to_pylist(), b.column("doc_b").to_pylist(),
                b.column("text_a").to_pylist(), b.column("text_b").to_pylist(),
                b"".join(b.column("sig_a").to_pylist()), b"".join(b.column("sig_b").to_pylist()), opts,
            )
            v = np.frombuffer(nums, dtype=np.float64).reshape(-1, 4)
            a, bb = b.column("a").to_pylist(), b.column("b").to_pylist()
            rows = []
            for i in range(b.num_rows):
                rows.append((a[i], bb[i], -1, *map(float, v[i])) + (None,) * 17)
            seen: Dict[int, int] = {}
            for (i, (aw, bw, score, kind, run_), (ats, ate, bts, bte), (s0, s1, s2, s3), (ta, tb), (ga, gb)) in found:
                k = seen.get(i, 0)
                seen[i] = k + 1
                rows.append((a[i], bb[i], k, None, None, None, None, aw, bw, score, kind, run_, ats, ate, bts, bte,
                             s0, s1, s2, s3, ta, tb,
                             np.frombuffer(ga, dtype=np.int64).tolist(), np.frombuffer(gb, dtype=np.int64).tolist()))
            cols = list(zip(*rows)) if rows else [[] for _ in names]
            schema = pa.schema([
                ("a", pa.int64()), ("b", pa.int64()), ("idx", pa.int64()),
                ("jaccard", pa.float64()), ("containment_ab", pa.float64()), ("containment_ba", pa.float64()),
                ("jaccard_est", pa.float64()), ("a_words", pa.int64()), ("b_words", pa.int64()),
                ("score", pa.float64()), ("kind", pa.string()), ("copied_run", pa.int64()),
                ("a_tok_s", pa.int64()), ("a_tok_e", pa.int64()), ("b_tok_s", pa.int64()), ("b_tok_e", pa.int64()),
                ("a_start", pa.int64()), ("a_end", pa.int64()), ("b_start", pa.int64()), ("b_end", pa.int64()),
                ("a_text", pa.string()), ("b_text", pa.string()),
                ("a_grams", pa.list_(pa.int64())), ("b_grams", pa.list_(pa.int64())),
            ])
            yield pa.RecordBatch.from_arrays(
                [pa.array(list(c), type=schema.field(j).type) for j, c in enumerate(cols)], schema=schema
            )

    return run


def _holding_fn():
    def run(batches):
        import numpy as np
        import pyarrow as pa

        from parallax import _native

        for b in batches:
            spans = b.column("lists").to_pylist()
            flat = [d for lists in spans for lst in lists for d in lst]
            list_lens = [len(lst) for lists in spans for lst in lists]
            per_span = [len(lists) for lists in spans]
            held = _native.spark_holding(
                np.asarray(flat, dtype=np.uint32).tobytes(), list_lens, per_span
            )
            yield pa.RecordBatch.from_arrays(
                [b.column("doc"), b.column("s"), b.column("e"), pa.array(held, pa.list_(pa.int64()))],
                names=["doc", "s", "e", "holding"],
            )

    return run


def _recurrence_fn():
    def run(batches):
        import pyarrow as pa

        from parallax import _native

        for b in batches:
            srcs = [[x["source"] for x in row] for row in b.column("sources").to_pylist()]
            out = _native.spark_recurrence(srcs, b.column("source_a").to_pylist(), b.column("source_b").to_pylist())
            yield pa.RecordBatch.from_arrays(
                [b.column("a"), b.column("b"), b.column("idx"),
                 pa.array([r[0] for r in out], pa.int64()), pa.array([r[1] for r in out], pa.int64())],
                names=["a", "b", "idx", "recurs_in", "same_source"],
            )

    return run


def _passage_stages(spark: SparkSession, st, opts: Dict[str, Any], n_docs: int):
    """The passage stages (see the module's docstring); returns the
    listed pairs and the passages with their recurrence, as DataFrames."""
    from parallax import _native

    ck, docs, kept, cl, parts = st.ck, st.docs, st.kept, st.clusters, st.parts
    facts = ck.stage(
        "align_facts",
        lambda: docs.select("ordinal", "text", "outlet", "url").mapInArrow(
            _align_facts_fn(opts), ALIGN_FACTS_SCHEMA
        ),
    )
    max_df, min_shared, probes = _native.spark_rare_params(n_docs, opts)

    def rare_pairs() -> DataFrame:
        # The rare-pair rule of the command (candidates::RareIndex): keys
        # held by 2..max_df documents; pairs sharing min_shared of them.
        keyed = facts.select("ordinal", F.explode("keys").alias("key"))
        rare = keyed.groupBy("key").count().where((F.col("count") >= 2) & (F.col("count") <= max_df)).select("key")
        kd = keyed.join(rare, "key")
        x = kd.select("key", F.col("ordinal").alias("a"))
        y = kd.select("key", F.col("ordinal").alias("b"))
        return (
            x.join(y, "key").where(F.col("a") < F.col("b")).groupBy("a", "b").count()
            .where(F.col("count") >= min_shared).select("a", "b").repartition(parts)
        )

    rare = ck.stage("rare_pairs", rare_pairs)

    # Representatives: inside a cluster each copy is aligned with its
    # representative only; the other pairs of the cluster are `aligned_via`.
    rep = cl.join(
        docs.select(F.col("doc_id").alias("representative"), F.col("ordinal").alias("rep")), "representative"
    ).select("ordinal", "cluster", "rep", "representative")

    def to_align() -> DataFrame:
        cand = rare.union(kept.select("a", "b")).distinct()
        ra = rep.select(F.col("ordinal").alias("a"), F.col("rep").alias("rep_a"))
        rb = rep.select(F.col("ordinal").alias("b"), F.col("rep").alias("rep_b"))
        c = cand.join(ra, "a", "left").join(rb, "b", "left")
        is_via = (
            F.col("rep_a").isNotNull() & (F.col("rep_a") == F.col("rep_b"))
            & (F.col("a") != F.col("rep_a")) & (F.col("b") != F.col("rep_a"))
        )
        direct = c.where(~F.coalesce(is_via, F.lit(False))).select("a", "b")
        members = rep.where(F.col("ordinal") != F.col("rep")).select(
            F.least("ordinal", "rep").alias("a"), F.greatest("ordinal", "rep").alias("b")
        )
        return direct.union(members).distinct().repartition(parts)

    pairs = ck.stage("to_align", to_align)
    side = docs.select("ordinal", "doc_id", "text").join(st.feats.select("ordinal", "sig"), "ordinal")
    sa = side.select(F.col("ordinal").alias("a"), F.col("doc_id").alias("doc_a"), F.col("text").alias("text_a"),
                     F.col("sig").alias("sig_a"))
    sb = side.select(F.col("ordinal").alias("b"), F.col("doc_id").alias("doc_b"), F.col("text").alias("text_b"),
                     F.col("sig").alias("sig_b"))
    aligned = ck.stage(
        "aligned",
        lambda: pairs.join(sa, "a").join(sb, "b").select(
            "a", "b", "doc_a", "doc_b", "text_a", "text_b", "sig_a", "sig_b"
        ).mapInArrow(_align_fn(opts), ALIGNED_SCHEMA),
    )
    found = aligned.where(F.col("idx") >= 0)

    def holding() -> DataFrame:
        # Recurrence: the documents holding each passage's text, from the
        # postings of the passages' bigrams only (the index the command
        # builds over every bigram of every document, cut to those looked up).
        spans = found.select(F.col("a").alias("doc"), F.col("a_tok_s").alias("s"), F.col("a_tok_e").alias("e"),
                             F.col("a_grams").alias("grams")).union(
            found.select(F.col("b").alias("doc"), F.col("b_tok_s").alias("s"), F.col("b_tok_e").alias("e"),
                         F.col("b_grams").alias("grams"))
        ).dropDuplicates(["doc", "s", "e"])
        span_h = spans.select("doc", "s", "e", F.explode("grams").alias("h"))
        need = span_h.select("h").distinct()
        held_by = facts.select("ordinal", F.explode("grams").alias("h")).join(need, "h")
        # The rule reads a span's `probes` rarest lists (ties by content):
        # only the bigrams ranked within `probes` by document frequency can
        # be among them (`rank` gives ties one rank, so every list as short
        # as the last one read stays), and only their lists are gathered,
        # not a common bigram's list of most of the corpus.
        df = held_by.groupBy("h").count()
        by_df = Window.partitionBy("doc", "s", "e").orderBy("count")
        probed = span_h.join(df, "h").withColumn("r", F.rank().over(by_df)).where(F.col("r") <= probes)
        postings = (
            held_by.join(probed.select("h").distinct(), "h")
            .groupBy("h").agg(F.sort_array(F.collect_list("ordinal")).alias("docs"))
        )
        lists = probed.select("doc", "s", "e", "h").join(postings, "h").groupBy("doc", "s", "e").agg(
            F.collect_list("docs").alias("lists"))
        return lists.mapInArrow(_holding_fn(), "doc long, s long, e long, holding array<long>")

    held = ck.stage("holding", holding)

    def recurrence() -> DataFrame:
        ha = held.select(F.col("doc").alias("a"), F.col("s").alias("a_tok_s"), F.col("e").alias("a_tok_e"),
                         F.col("holding").alias("ha"))
        hb = held.select(F.col("doc").alias("b"), F.col("s").alias("b_tok_s"), F.col("e").alias("b_tok_e"),
                         F.col("holding").alias("hb"))
        empty = F.array().cast("array<long>")
        p = found.select("a", "b", "idx", "a_tok_s", "a_tok_e", "b_tok_s", "b_tok_e").join(
            ha, ["a", "a_tok_s", "a_tok_e"], "left").join(hb, ["b", "b_tok_s", "b_tok_e"], "left")
        both = p.select("a", "b", "idx", F.explode(F.array_union(F.coalesce("ha", empty), F.coalesce("hb", empty))).alias("ordinal"))
        src = facts.select("ordinal", "source")
        per = both.join(src, "ordinal").groupBy("a", "b", "idx").agg(
            F.collect_list(F.struct("source")).alias("sources"))
        # A passage whose spans have no content bigram is held by no document.
        per = found.select("a", "b", "idx").join(per, ["a", "b", "idx"], "left").select(
            "a", "b", "idx", F.coalesce("sources", F.array().cast("array<struct<source:string>>")).alias("sources"))
        per = per.join(src.select(F.col("ordinal").alias("a"), F.col("source").alias("source_a")), "a").join(
            src.select(F.col("ordinal").alias("b"), F.col("source").alias("source_b")), "b")
        return per.select("a", "b", "idx", "sources", "source_a", "source_b").mapInArrow(
            _recurrence_fn(), "a long, b long, idx long, recurs_in long, same_source long")

    rec = ck.stage("recurrence", recurrence)
    passages = found.join(rec, ["a", "b", "idx"]).select(
        "a", "b", "idx", "a_words", "b_words", "score", "kind", "copied_run", "recurs_in", "same_source",
        "a_start", "a_end", "b_start", "b_end", "a_text", "b_text",
    )

    # The pairs that may be reported: the copies, and the pairs with passages.
    with_passages = found.select("a", "b").distinct()
    al = aligned.where(F.col("idx") == -1).join(with_passages, ["a", "b"], "left_semi").select(
        "a", "b", "jaccard", "containment_ab", "containment_ba", "jaccard_est", F.lit(False).alias("verified"))
    kp = kept.select("a", "b", "jaccard", "containment_ab", "containment_ba", "jaccard_est",
                     F.lit(True).alias("verified"))
    both = al.unionByName(kp).groupBy("a", "b").agg(
        F.max("verified").alias("verified"),
        # Both sides compute the same exact overlap and estimate.
        F.min("jaccard").alias("jaccard"), F.min("containment_ab").alias("containment_ab"),
        F.min("containment_ba").alias("containment_ba"), F.min("jaccard_est").alias("jaccard_est"),
    )
    meta = docs.select("ordinal", "doc_id", "date").join(facts.select("ordinal", "words"), "ordinal").join(
        cl.select("ordinal", "cluster"), "ordinal", "left")
    ma = meta.select(F.col("ordinal").alias("a"), F.col("doc_id").alias("doc_a"), F.col("date").alias("date_a"),
                     F.col("words").alias("words_a"), F.col("cluster").alias("cluster_a"))
    mb = meta.select(F.col("ordinal").alias("b"), F.col("doc_id").alias("doc_b"), F.col("date").alias("date_b"),
                     F.col("words").alias("words_b"), F.col("cluster").alias("cluster_b"))
    ra = rep.select(F.col("ordinal").alias("a"), F.col("rep").alias("rep_a"), F.col("representative"))
    rb = rep.select(F.col("ordinal").alias("b"), F.col("rep").alias("rep_b"))
    listed = both.join(ma, "a").join(mb, "b").join(ra, "a", "left").join(rb, "b", "left").select(
        "a", "b", "doc_a", "doc_b", "date_a", "date_b", "jaccard", "containment_ab", "containment_ba",
        "jaccard_est", "cluster_a", "cluster_b", "verified", "words_a", "words_b",
        F.when(
            F.col("rep_a").isNotNull() & (F.col("rep_a") == F.col("rep_b"))
            & (F.col("a") != F.col("rep_a")) & (F.col("b") != F.col("rep_a")),
            F.col("representative"),
        ).alias("via"),
    )
    return listed, passages


def run(
    spark: SparkSession,
    df: DataFrame,
    *,
    checkpoint_dir: Optional[str] = None,
    partitions: Optional[int] = None,
    log: Optional[Callable[[str], None]] = None,
    **options: Any,
) -> RunResult:
    """The analysis of ``parallax run`` over the records in ``df``, with the
    command's options and defaults (those of :func:`parallax.spark.dups`,
    plus ``lexicon``, ``targets``, ``no_default_lexicon``). Returns
    DataFrames; :func:`write_run_outputs` writes them.
    """
    from parallax import _native

    say = log or (lambda m: None)
    # The lexicon is read (and a bad file reported) before any stage runs.
    frames, targets = _native.spark_score_keys(config_of(options)._dict())
    st = _dups_stages(
        spark, df, checkpoint_dir=checkpoint_dir, partitions=partitions, log=say, command="run", **options
    )
    cfg = st.result.config
    opts = cfg._dict()
    fcols, scols = _score_columns(frames, targets)
    # The Rust side's columns are named f0.., s0..: a frame or target name
    # need not be a valid Spark column name; the real names are set here.
    raw_schema = ", ".join(
        ["ordinal long", "doc_id string", "words long"]
        + [f"f{i} {'double' if i % 2 == 0 else 'long'}" for i in range(len(fcols))]
        + [f"s{i} {'double' if i % 2 == 0 else 'long'}" for i in range(len(scols))]
    )
    scores = st.ck.stage(
        "scores",
        lambda: st.docs.select("ordinal", "doc_id", "text").mapInArrow(
            _scores_fn(opts, frames, targets), raw_schema
        ),
    )
    framing = scores.select(
        "ordinal", "doc_id", "words", *[F.col(f"f{i}").alias(c) for i, c in enumerate(fcols)]
    )
    stance = scores.select("ordinal", "doc_id", *[F.col(f"s{i}").alias(c) for i, c in enumerate(scols)])
    listed, passages = _passage_stages(spark, st, opts, st.docs.count())
    return RunResult(st.result, framing, stance, frames, targets, listed, passages, cfg)


def write_run_outputs(
    spark: SparkSession, result: RunResult, out_dir: str, *, log: Callable[[str], None] = lambda m: None
) -> List[str]:
    """Writes the tables of ``result`` into ``out_dir`` (any Hadoop path):
    Parquet tables (``documents``, ``pairs``, ``clusters``, ``framing``,
    ``stance``) and, with the command's formatter on the driver,
    ``pairs.csv``, ``clusters.csv``, ``framing.csv``, ``stance.csv`` and
    ``skipped.csv``."""
    import numpy as np

    from parallax import _native

    out = out_dir.rstrip("/")
    t = _dups_tables(result.dups)
    opts = result.config._dict()
    fcols, _ = _score_columns(result.frames, result.targets)
    ft = result.framing.orderBy("ordinal").toArrow()
    stt = result.stance.orderBy("ordinal").toArrow()

    def matrix(table, names) -> bytes:
        if not names:
            return b""
        cols = [table.column(c).to_numpy(zero_copy_only=False).astype(np.float64) for c in names]
        return np.ascontiguousarray(np.column_stack(cols)).tobytes()

    # The Rust side takes per target: score, mentions, quoted score, quoted
    # mentions (stance.csv regroups them by voice); an empty score is NaN.
    per_target = [c for k in result.targets for c in
                  (f"{k}_score", f"{k}_mentions", f"{k}_quoted_score", f"{k}_quoted_mentions")]
    scores = {
        "doc_id": ft.column("doc_id").to_pylist(), "words": ft.column("words").to_pylist(),
        "frames": matrix(ft, fcols), "stance": matrix(stt, per_target),
    }
    lt = result.listed.orderBy("a", "b").toArrow()
    listed = {c: lt.column(c).to_pylist() for c in lt.column_names}
    pt = result.passages.orderBy("a", "b", "idx").toArrow()
    passages = {c: pt.column(c).to_pylist() for c in pt.column_names}
    with _local_or_copy(spark, out) as csv_dir:
        written = _native.spark_write_run(
            csv_dir.path, t.pairs, t.clusters, t.skipped, scores, listed, passages, opts
        )
        files = csv_dir.finish(written)
    _write_dups_parquet(result.dups, out)
    result.framing.orderBy("ordinal").write.mode("overwrite").parquet(f"{out}/framing.parquet")
    result.stance.orderBy("ordinal").write.mode("overwrite").parquet(f"{out}/stance.parquet")
    result.passages.orderBy("a", "b", "idx").write.mode("overwrite").parquet(f"{out}/passages_found.parquet")
    log(f"wrote {t.n_pairs} pairs, {t.n_clustered} clustered documents, the scores of "
        f"{ft.num_rows} documents to {out}")
    return files
