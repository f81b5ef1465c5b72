"""Paths through Hadoop's file system API, so that checkpoints work the same
on a local disk, HDFS, S3 or any store Spark is configured for."""

from __future__ import annotations

from pyspark.sql import SparkSession


def _fs_path(spark: SparkSession, path: str):
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), p


def complete(spark: SparkSession, path: str) -> bool:
    """True when ``path`` holds a finished Spark write (its ``_SUCCESS``
    marker is written last)."""
    fs, p = _fs_path(spark, path.rstrip("/") + "/_SUCCESS")
    return bool(fs.exists(p))


def read_text(spark: SparkSession, path: str):
    """The content of a small text file, or None when it does not exist."""
    fs, p = _fs_path(spark, path)
    if not fs.exists(p):
        return None
    stream = fs.open(p)
    try:
        jvm = spark.sparkContext._jvm
        return jvm.org.apache.commons.io.IOUtils.toString(stream, "UTF-8")
    finally:
        stream.close()


def write_text(spark: SparkSession, path: str, text: str) -> None:
    """Writes a small text file (overwriting)."""
    fs, p = _fs_path(spark, path)
    out = fs.create(p, True)
    try:
        out.write(bytearray(text.encode("utf-8")))
    finally:
        out.close()


def delete(spark: SparkSession, path: str) -> None:
    """Removes ``path`` recursively, if it exists."""
    fs, p = _fs_path(spark, path)
    if fs.exists(p):
        fs.delete(p, True)
