"""parallax on Apache Spark: the near-duplicate analysis of ``parallax dups``
over a corpus too large for one machine, with the same answers.

Two ways in::

    python -m parallax.spark dups INPUT... -o OUT [--master URL] [--partitions N]

    from parallax.spark import dups, write_outputs
    result = dups(spark, df, threshold=0.5)      # DataFrames: documents, pairs, clusters
    write_outputs(spark, result, "out/")         # Parquet tables, pairs.csv, clusters.csv

The per-document and per-pair work (normalising, shingling, sketching, band
keys, verification) runs in the Rust core on the executors through
``mapInArrow``; Spark groups band keys into buckets, joins pairs with their
texts and finds connected components (large-star / small-star). On the
same records and options, ``pairs.csv`` and ``clusters.csv`` are
byte-identical to the command's at any number of partitions.

Needs ``pip install "parallax[spark]"`` (pyspark and pyarrow) and Java 17.
"""

from ._job import DupsResult, dups, read_inputs, write_outputs
from ._run import RunResult, run, write_run_outputs

__all__ = ["DupsResult", "RunResult", "dups", "read_inputs", "run", "write_outputs", "write_run_outputs"]
