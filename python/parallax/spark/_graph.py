"""Connected components on Spark: large-star / small-star.

Kiveris, Lattanzi, Mirrokni, Rastogi, Vassilvitskii, "Connected Components
in MapReduce and Beyond" (SoCC 2014). Each round of the two operations maps
every edge to one whose endpoints are closer to the smallest node of the
component; at the fixed point every component is a star around its
smallest node, so a node's label is the smallest ordinal of its component.
The number of rounds is O(log² n) in theory and a handful in practice (the
edges here are near-duplicate links: short paths, dense stars).

Each round's edges are written to ``<state_dir>/round-NNNN`` (Parquet), which
cuts the lineage (a plan that grows with every round would slow Spark down
and fail on deep graphs) and lets a failed job resume from the last round
it finished.
"""

from __future__ import annotations

from typing import Callable, Optional

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from ._fs import complete


def _large_star(edges: DataFrame) -> DataFrame:
    """For every node u, links each larger neighbour to the smallest node of
    u's closed neighbourhood."""
    both = edges.select("u", "v").union(edges.select(F.col("v").alias("u"), F.col("u").alias("v")))
    mins = both.groupBy("u").agg(F.min("v").alias("m"))
    return (
        both.join(mins, "u")
        .where(F.col("v") > F.col("u"))
        .select(F.col("v").alias("u"), F.least(F.col("m"), F.col("u")).alias("v"))
        .distinct()
    )


def _small_star(edges: DataFrame) -> DataFrame:
    """For every node u, links u and its smaller neighbours to the smallest
    of them."""
    oriented = edges.select(
        F.greatest("u", "v").alias("u"), F.least("u", "v").alias("v")
    ).where(F.col("u") != F.col("v"))
    mins = oriented.groupBy("u").agg(F.min("v").alias("m"))
    joined = oriented.join(mins, "u")
    to_min = joined.select(F.col("v").alias("u"), F.col("m").alias("v")).where(F.col("u") != F.col("v"))
    own = mins.select("u", F.col("m").alias("v"))
    return to_min.union(own).distinct()


def connected_components(
    spark: SparkSession,
    edges: DataFrame,
    state_dir: str,
    max_rounds: int = 200,
    log: Optional[Callable[[str], None]] = None,
) -> DataFrame:
    """Labels of the nodes in ``edges`` (columns ``u``, ``v``: long): a
    DataFrame ``(node, label)`` where ``label`` is the smallest node of the
    component. Nodes in no edge are absent.

    Resumes from the last round found in ``state_dir`` (rounds are written
    only once complete: Spark's ``_SUCCESS`` marker).
    """
    start = 0
    current: Optional[DataFrame] = None
    while complete(spark, _round(state_dir, start + 1)):
        start += 1
    if start > 0 or complete(spark, _round(state_dir, 0)):
        current = spark.read.parquet(_round(state_dir, start))
        if log:
            log(f"connected components: resuming after round {start}")
    else:
        current = edges.select(
            F.least("u", "v").alias("u"), F.greatest("u", "v").alias("v")
        ).where(F.col("u") != F.col("v")).distinct()
        current = _save(current, state_dir, 0)
    for r in range(start + 1, max_rounds + 1):
        current = _save(_small_star(_large_star(current)), state_dir, r)
        if log:
            log(f"connected components: round {r}")
        if _stars(current):
            break
    else:
        raise RuntimeError(
            f"connected components did not converge in {max_rounds} rounds; the state is in "
            f"{state_dir}: rerun to resume"
        )
    # Stars: every edge is (node, smallest node of its component).
    labels = current.select(F.col("u").alias("node"), F.col("v").alias("label"))
    roots = current.select(F.col("v").alias("node"), F.col("v").alias("label"))
    return labels.union(roots).groupBy("node").agg(F.min("label").alias("label"))


def _stars(edges: DataFrame) -> bool:
    """True when ``edges`` (each ``u > v``, as small-star leaves them) are
    stars: every node links to one centre and no centre links onward. Then
    each star is a whole component and its centre is its smallest node (the
    fixed point of the two operations, found one round before a round that
    changes nothing would show it)."""
    children = edges.groupBy("u").agg(F.count("*").alias("k"))
    centres = edges.select(F.col("v").alias("u")).distinct()
    bad = children.where(F.col("k") > 1).select("u").union(children.join(centres, "u", "left_semi").select("u"))
    return bad.limit(1).count() == 0


def _round(state_dir: str, r: int) -> str:
    return f"{state_dir.rstrip('/')}/round-{r:04d}"


def _save(df: DataFrame, state_dir: str, r: int) -> DataFrame:
    path = _round(state_dir, r)
    df.write.mode("overwrite").parquet(path)
    return df.sparkSession.read.parquet(path)
