"""The Spark job against the command: same pairs.csv and clusters.csv, byte
for byte, at 1, 2 and 5 partitions, on a corpus with every kind of pair and
one story copied 150 times (a bucket over the cap of 100).

Spark runs on ``local[2]`` in one session for the whole module (starting a
JVM costs tens of seconds); the command is run once per option set.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _need(what: str):
    if os.environ.get("PARALLAX_REQUIRE_TOOLS"):
        pytest.fail(f"{what} is needed for the Spark tests")
    pytest.skip(f"{what} is not available")


try:
    import pyspark  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    pyspark = None


def _binary() -> str | None:
    env = os.environ.get("PARALLAX_BIN")
    if env:
        return env
    for profile in ("debug", "release"):
        p = ROOT / "target" / profile / "parallax"
        if p.exists():
            return str(p)
    return shutil.which("parallax")


@pytest.fixture(scope="module")
def spark():
    if pyspark is None:
        _need("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _need("Java")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("parallax-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def _cli(*args) -> None:
    exe = _binary()
    if exe is None:
        _need("the parallax binary (cargo build or PARALLAX_BIN)")
    p = subprocess.run([exe, *map(str, args)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!؟?])\s+", text.strip()) if len(s.split()) >= 3]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """60 articles made from the seeds (copies, excerpts, reorderings,
    mixtures, light rewrites, short notes; dated, undated and with times)
    and one seed copied 150 times, a third of the copies with a line added;
    in shuffled order."""
    rng = random.Random(19)
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    sents = {k: _sentences(v) for k, v in texts.items()}
    names = sorted(texts)
    docs = []
    for i in range(60):
        base = names[i % len(names)]
        s = list(sents[base])
        kind = i % 6
        if kind == 0:
            body = texts[base]
        elif kind == 1:
            a = rng.randrange(0, max(1, len(s) // 2))
            body = " ".join(s[a : a + max(3, len(s) // 3)])
        elif kind == 2:
            keep = [x for x in s if rng.random() < 0.7]
            rng.shuffle(keep)
            body = " ".join(keep)
        elif kind == 3:
            other = sents[names[(i + 2) % len(names)]]
            body = " ".join(s[: len(s) // 2] + other[len(other) // 2 :])
        elif kind == 4:
            body = " ".join(w for w in texts[base].split() if rng.random() < 0.9)
        else:
            body = " ".join(rng.sample(s, min(2, len(s))))
        d = {"id": f"g{i:03d}", "title": f"article {i}", "outlet": "abc"[i % 3], "text": body}
        if i % 4:
            d["date"] = f"2018-03-{1 + (i * 7) % 28:02d}T10:00:00+01:00"
        docs.append(d)
    for j in range(150):
        d = {"id": f"copy{j:03d}", "text": texts[names[3]] + ("" if j % 3 else " إضافة قصيرة.")}
        # Days, and on 1 April times in two written forms (ISO with a zone,
        # RFC 2822): the representative is the earliest instant, read as the
        # command's ingest reads dates.
        if j % 5 == 0:
            d["date"] = f"2018-04-{1 + j % 20:02d}"
        elif j % 5 == 1:
            d["date"] = f"Sun, 01 Apr 2018 {(j * 7) % 24:02d}:{j % 60:02d}:00 +0000"
        elif j % 5 == 2:
            d["date"] = f"2018-04-01T{(j * 5) % 24:02d}:30:00+02:00"
        docs.append(d)
    rng.shuffle(docs)
    out = tmp_path_factory.mktemp("spark") / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return out


@pytest.fixture(scope="module")
def cli_lsh(corpus, tmp_path_factory) -> Path:
    """The command's files with --matrix-limit 0: pairs from LSH candidates."""
    out = tmp_path_factory.mktemp("cli-lsh")
    _cli("dups", corpus, "-o", out, "--format", "csv", "-q", "--matrix-limit", "0")
    return out


def _spark_dups(spark, corpus: Path, out: Path, partitions: int, **options):
    from parallax.spark import dups, read_inputs, write_outputs
    from parallax import Config

    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    df = read_inputs(spark, [str(corpus)], Config(**options))
    result = dups(spark, df, checkpoint_dir=str(out / "_ck"), partitions=partitions, **options)
    write_outputs(spark, result, str(out))
    return result


def _same(a: Path, b: Path, name: str) -> None:
    x, y = (a / name).read_bytes(), (b / name).read_bytes()
    if x != y:
        xl, yl = x.decode().splitlines(), y.decode().splitlines()
        first = next((i for i, (p, q) in enumerate(zip(xl, yl)) if p != q), min(len(xl), len(yl)))
        pytest.fail(
            f"{name} differs at line {first + 1} ({len(xl)} vs {len(yl)} lines):\n"
            f"spark: {xl[first] if first < len(xl) else '<end>'}\n"
            f"cli:   {yl[first] if first < len(yl) else '<end>'}"
        )


@pytest.mark.parametrize("partitions", [1, 2, 5])
def test_lsh_pairs_and_clusters_are_the_commands(spark, corpus, cli_lsh, tmp_path, partitions):
    _spark_dups(spark, corpus, tmp_path, partitions, matrix_limit=0)
    _same(tmp_path, cli_lsh, "pairs.csv")
    _same(tmp_path, cli_lsh, "clusters.csv")
    # The corpus does what it is for: a cluster holding the 150 copies (a
    # bucket over the cap, emitted as star + path), and pairs of every kind.
    clusters = (tmp_path / "clusters.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    sizes = {int(r.split(",")[-1]) for r in clusters}
    assert max(sizes) >= 150, sizes
    pairs = (tmp_path / "pairs.csv").read_text(encoding="utf-8-sig")
    for verdict in ("near_duplicate", "excerpt"):
        assert verdict in pairs
    # Star + path keeps the bucket connected but does not list all 11,175 pairs.
    copies = [ln for ln in pairs.splitlines() if ln.startswith("copy") and ",copy" in ln]
    assert 149 <= len(copies) < 150 * 149 // 2


def test_small_corpus_compares_every_pair_like_the_command(spark, corpus, tmp_path):
    cli = tmp_path / "cli"
    _cli("dups", corpus, "-o", cli, "--format", "csv", "-q", "--shingle", "word:5", "--threshold", "0.6")
    sp = tmp_path / "spark"
    result = _spark_dups(spark, corpus, sp, 2, shingle="word:5", threshold=0.6)
    _same(sp, cli, "pairs.csv")
    _same(sp, cli, "clusters.csv")
    # The Parquet tables say the same as the CSVs.
    assert result.pairs.count() == len((sp / "pairs.csv").read_text(encoding="utf-8-sig").splitlines()) - 1
    assert spark.read.parquet(str(sp / "clusters.parquet")).count() == result.clusters.count()


def test_bad_records_are_reported_and_skipped(spark, tmp_path, capsys):
    from parallax import ParallaxError

    seed = (SEEDS / sorted(os.listdir(SEEDS))[0]).read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "a", "text": seed}, ensure_ascii=False),
        '{"id": "broken", "text": ',
        json.dumps({"id": "b", "text": seed + " نهاية."}, ensure_ascii=False),
        json.dumps({"id": "notext", "title": "x"}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"text": "no id here " * 20}),
    ]
    f = tmp_path / "bad.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    _spark_dups(spark, f, out, 2)
    err = capsys.readouterr().err
    assert "bad.jsonl" in err
    for why in ("invalid JSON", "no text", "empty text", "no id"):
        assert why in err, err
    rows = (out / "pairs.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("a,b,"), rows
    skipped = (out / "skipped.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(skipped) == 1 + 4 and all("bad.jsonl" in r for r in skipped[1:]), skipped
    with pytest.raises(ParallaxError, match="strict"):
        _spark_dups(spark, f, tmp_path / "strict", 2, strict=True)
    assert not (tmp_path / "strict" / "pairs.csv").exists()
    dup = tmp_path / "dup.jsonl"
    dup.write_text("\n".join([lines[0], lines[0]]) + "\n", encoding="utf-8")
    with pytest.raises(ParallaxError, match="duplicate ids \\(a\\)"):
        _spark_dups(spark, dup, tmp_path / "dup", 2)


def test_rerun_resumes_from_checkpoints(spark, corpus, cli_lsh, tmp_path):
    from parallax.spark import dups, read_inputs, write_outputs
    from parallax import Config, ParallaxError

    ck = str(tmp_path / "ck")
    df = read_inputs(spark, [str(corpus)], Config(matrix_limit=0))
    dups(spark, df, checkpoint_dir=ck, partitions=2, matrix_limit=0)
    # A job that died during its last round of connected components: that
    # round and the stages after it are gone; a rerun takes up from the
    # round before.
    comp = tmp_path / "ck" / "components"
    rounds = sorted(p for p in os.listdir(comp) if p.startswith("round-"))
    assert len(rounds) >= 2, rounds
    shutil.rmtree(comp / rounds[-1])
    shutil.rmtree(tmp_path / "ck" / "clusters")
    said = []
    again = dups(spark, df, checkpoint_dir=ck, partitions=2, matrix_limit=0, log=said.append)
    write_outputs(spark, again, str(tmp_path / "out"))
    assert "features: reused from " + ck + "/features" in said, said
    assert f"connected components: resuming after round {len(rounds) - 2}" in said, said
    _same(tmp_path / "out", cli_lsh, "pairs.csv")
    _same(tmp_path / "out", cli_lsh, "clusters.csv")
    # Other options, same folder: refused rather than mixed.
    with pytest.raises(ParallaxError, match="other inputs or options"):
        dups(spark, df, checkpoint_dir=ck, partitions=2, matrix_limit=0, threshold=0.7)


def test_command_line(spark, corpus, cli_lsh, tmp_path, capsys):
    """``python -m parallax.spark``'s main, in this process (it uses the
    running session rather than start a second JVM)."""
    from parallax.spark.__main__ import main

    out = tmp_path / "out"
    code = main([
        "dups", str(corpus), "-o", str(out), "--partitions", "3", "--matrix-limit", "0", "--timings",
    ])
    err = capsys.readouterr().err
    assert code == 0, err
    _same(out, cli_lsh, "pairs.csv")
    _same(out, cli_lsh, "clusters.csv")
    assert "total" in err and "verified: done" in err, err
    assert not (out / "_checkpoints").exists()
    for t in ("documents", "pairs", "clusters"):
        assert (out / f"{t}.parquet" / "_SUCCESS").exists()
    assert not spark.sparkContext._jsc.sc().isStopped()
    assert main(["dups", str(corpus), "-o", str(out), "--threshold", "2"]) == 2
    assert "threshold" in capsys.readouterr().err
    assert main(["dups", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2
    assert "missing.jsonl" in capsys.readouterr().err


# ---- run -----------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_run(corpus, tmp_path_factory) -> Path:
    """The command's `run` files (every pair compared: 210 documents)."""
    out = tmp_path_factory.mktemp("cli-run")
    _cli("run", corpus, "-o", out, "--format", "csv", "-q", "--force")
    return out


RUN_FILES = ("clusters.csv", "passages.csv", "framing.csv", "stance.csv")


def _without_related(path: Path) -> list:
    """pairs.csv's rows without their last column, `related` (the job
    leaves it empty: relatedness needs every document's term vector)."""
    rows = path.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].endswith(",related"), rows[0]
    return [r.rsplit(",", 1)[0] for r in rows]


@pytest.mark.parametrize("partitions", [1, 3])
def test_run_writes_the_commands_files(spark, corpus, cli_run, tmp_path, partitions):
    from parallax import Config
    from parallax.spark import read_inputs, run, write_run_outputs

    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    df = read_inputs(spark, [str(corpus)], Config())
    result = run(spark, df, checkpoint_dir=str(tmp_path / "_ck"), partitions=partitions)
    write_run_outputs(spark, result, str(tmp_path))
    for name in RUN_FILES:
        _same(tmp_path, cli_run, name)
    # pairs.csv: the command's, byte for byte, but for `related`, which the
    # job leaves empty (docs/spark.md says why).
    assert _without_related(tmp_path / "pairs.csv") == _without_related(cli_run / "pairs.csv")
    assert all(r.endswith(",") for r in (tmp_path / "pairs.csv").read_text(encoding="utf-8-sig").splitlines()[1:])
    # The corpus does what it is for: passages of every kind, boilerplate
    # judged, pairs aligned through a representative.
    passages = (tmp_path / "passages.csv").read_text(encoding="utf-8-sig")
    for kind in (",verbatim,", ",paraphrase,"):
        assert kind in passages, kind
    pairs = (tmp_path / "pairs.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(r.split(",")[13] for r in pairs[1:]), "some pair is aligned_via a representative"
    assert len(pairs) > 200
    # The corpus scores: some document has frame hits and some a stance.
    framing = (tmp_path / "framing.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(framing) == 1 + 210
    assert result.framing.where(" + ".join(f"`{k}_hits`" for k in result.frames) + " > 0").count() > 0
    mentioned = " + ".join(f"`{k}_mentions`" for k in result.targets)
    assert result.stance.where(f"{mentioned} > 0").count() > 0
    # The Parquet tables hold the CSVs' rows.
    assert spark.read.parquet(str(tmp_path / "stance.parquet")).count() == 210


def test_run_command_line_and_bad_options(spark, corpus, tmp_path, capsys):
    from parallax.spark.__main__ import main

    out = tmp_path / "out"
    assert main(["run", str(corpus), "-o", str(out), "--lexicon", str(tmp_path / "nope.tsv")]) == 2
    err = capsys.readouterr().err
    assert "nope.tsv" in err, err
    assert not (out / "stance.csv").exists()
    assert main(["run", str(corpus), "-o", str(out), "--no-default-lexicon"]) == 2
    assert "lexicon" in capsys.readouterr().err
