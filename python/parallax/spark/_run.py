"""The whole analysis on Spark, ``parallax run``'s stages after the
near-duplicate ones (see ``_job.py``), the per-document and per-pair work
done by the Rust core.

Stages after those of ``dups`` (each a checkpoint, as there):

``scores``      per document, in Rust (``mapInArrow``): the command's frame
                rates and stance numbers (``framing.csv``, ``stance.csv``);
                document-local, no corpus-wide fact enters them.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

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
    return RunResult(st.result, framing, stance, frames, targets, cfg)


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
    with _local_or_copy(spark, out) as csv_dir:
        written = _native.spark_write_run(csv_dir.path, t.pairs, t.clusters, t.skipped, scores, opts)
        files = csv_dir.finish(written)
    _write_dups_parquet(result.dups, out)
    result.framing.orderBy("ordinal").write.mode("overwrite").parquet(f"{out}/framing.parquet")
    result.stance.orderBy("ordinal").write.mode("overwrite").parquet(f"{out}/stance.parquet")
    log(f"wrote {t.n_pairs} pairs, {t.n_clustered} clustered documents, the scores of "
        f"{ft.num_rows} documents to {out}")
    return files
