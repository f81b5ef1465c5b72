"""The package's answers equal the parallax command's files."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

import parallax

TABLES = ["documents", "pairs", "clusters", "passages", "framing", "stance", "evidence"]


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def unguard(s: str) -> str:
    # The CSV writer prefixes text that starts like a formula with a quote.
    return s[1:] if s[:2] in ("'=", "'+", "'-", "'@") else s


def assert_table_equals_csv(table, path: Path) -> None:
    header, rows = read_csv(path)
    assert table.column_names == header, path.name
    assert table.num_rows == len(rows), path.name
    cols = table.to_pydict()
    for c, name in enumerate(header):
        for r, row in enumerate(rows):
            got, want = cols[name][r], row[c]
            where = f"{path.name} row {r + 1} column {name}"
            if got is None:
                assert want == "", where
            elif isinstance(got, bool):
                assert want == ("true" if got else "false"), where
            elif isinstance(got, int):
                assert int(want) == got, where
            elif isinstance(got, float):
                dp = len(want.split(".")[1]) if "." in want else 0
                assert abs(float(want) - got) <= 0.5 * 10**-dp + 1e-12, f"{where}: {got} vs {want}"
            else:
                assert unguard(want) == got, where


def run_both(cli, tmp_path: Path, inputs: list[Path], flags: list[str], **options):
    cli_out, py_out = tmp_path / "cli", tmp_path / "py"
    cli("run", *inputs, "-o", cli_out, "-q", *flags)
    res = parallax.run(inputs, output_dir=py_out, **options)
    return cli_out, py_out, res


@pytest.mark.parametrize("limit", [2000, 3])
def test_run_on_seeds_equals_cli(cli, seeds, tmp_path, limit):
    # limit 3 puts the 5 seeds above the matrix limit: LSH candidates path.
    # Every retold passage is reported (no copied run required), so that the
    # pair and passage tables are not empty: the seeds copy no run of words.
    cli_out, py_out, res = run_both(
        cli, tmp_path, [seeds],
        ["--format", "csv,json,parquet", "--matrix-limit", str(limit), "--min-copied-run", "0"],
        format="csv,json,parquet", matrix_limit=limit, min_copied_run=0,
    )
    cli_files = sorted(p.name for p in cli_out.iterdir())
    assert cli_files == sorted(p.name for p in py_out.iterdir())
    for name in cli_files:
        assert (cli_out / name).read_bytes() == (py_out / name).read_bytes(), name
    for t in TABLES:
        assert_table_equals_csv(getattr(res, t), cli_out / f"{t}.csv")
        # pyarrow reads the command's Parquet file as the package's table.
        assert pq.read_table(cli_out / f"{t}.parquet").equals(getattr(res, t)), t
    assert res.documents.num_rows == 5
    if limit > 5:
        assert res.pairs.num_rows > 0, "the seeds hold a rewritten pair"
    df = res.pairs.to_pandas()
    assert list(df.columns) == res.pairs.column_names


def test_run_on_generated_corpus_equals_cli(cli, corpus, tmp_path):
    flags = ["--format", "csv", "--threshold", "0.6", "--shingle", "word:3", "--min-words", "10"]
    cli_out, py_out, res = run_both(
        cli, tmp_path, [corpus], flags, format="csv", threshold=0.6, shingle="word:3", min_words=10
    )
    for p in cli_out.iterdir():
        assert p.read_bytes() == (py_out / p.name).read_bytes(), p.name
    for t in TABLES:
        assert_table_equals_csv(getattr(res, t), cli_out / f"{t}.csv")
    verdicts = set(res.pairs.column("verdict").to_pylist())
    assert len(verdicts) >= 2, verdicts
    assert res.clusters.num_rows > 0
    # No output_dir: the same tables, nothing written.
    again = parallax.run(corpus, format="csv", threshold=0.6, shingle="word:3", min_words=10)
    assert again.files == []
    for t in TABLES:
        assert again.tables[t].equals(res.tables[t]), t


def texts_by_id(corpus: Path) -> dict[str, str]:
    return {d["id"]: d["text"] for d in map(json.loads, corpus.read_text(encoding="utf-8").splitlines())}


def test_sketch_and_similarity_equal_pairs_csv(corpus):
    texts = texts_by_id(corpus)
    res = parallax.run(corpus, format="csv")
    ids = sorted(texts)
    sigs = parallax.sketch([texts[i] for i in ids])
    assert sigs.dtype == np.uint32 and sigs.shape == (len(ids), 128)
    row = {i: k for k, i in enumerate(ids)}
    pairs = res.pairs.to_pylist()
    assert len(pairs) > 10
    for p in pairs:
        a, b = sigs[row[p["doc_a"]]], sigs[row[p["doc_b"]]]
        assert np.mean(a == b) == pytest.approx(p["jaccard_est"], abs=1e-12)
        s = parallax.similarity(texts[p["doc_a"]], texts[p["doc_b"]])
        assert s["jaccard"] == pytest.approx(p["jaccard"], abs=1e-12)
        assert s["containment_ab"] == pytest.approx(p["containment_ab"], abs=1e-12)
        assert s["containment_ba"] == pytest.approx(p["containment_ba"], abs=1e-12)
    # Batches from pyarrow and numpy give the same signatures.
    import pyarrow as pa

    assert np.array_equal(parallax.sketch(pa.array([texts[i] for i in ids])), sigs)
    assert np.array_equal(parallax.sketch(np.array([texts[i] for i in ids], dtype=object)), sigs)


def test_passages_equal_cli(cli, seeds, tmp_path):
    a, b = sorted(seeds.glob("*.txt"))[:2]
    _, out, _ = cli("passages", a, b, "--csv")
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    got = parallax.passages(a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"))
    assert len(rows) == len(got) > 0
    for r, g in zip(rows, got):
        for k in ("a_start", "a_end", "b_start", "b_end", "a_words", "b_words"):
            assert int(r[k]) == g[k], k
        assert float(r["score"]) == pytest.approx(g["score"], abs=5e-7)
        text_a = a.read_text(encoding="utf-8")
        assert text_a[g["a_start"] : g["a_end"]] == r["a_text"]
    fewer = parallax.passages(
        a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8"), min_words=200
    )
    assert len(fewer) < len(got)


def test_normalize_equals_cli(cli, seeds):
    path = sorted(seeds.glob("*.txt"))[0]
    _, out, _ = cli("normalize", path, "--tsv")
    rows = list(csv.DictReader(out.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    text = path.read_text(encoding="utf-8")
    toks = parallax.normalize(text)
    assert len(toks) == len(rows) > 100
    for r, t in zip(rows, toks):
        assert (int(r["start"]), int(r["end"])) == (t["start"], t["end"])
        assert (r["normalized"], r["key"]) == (t["norm"], t["key"])
        assert text[t["start"] : t["end"]] == r["surface"]
        assert int(r["sentence"]) == t["sentence"] + 1


def test_score_equals_framing_stance_evidence(cli, seeds, tmp_path):
    out = tmp_path / "cli"
    cli("score", seeds, "-o", out, "-q", "--format", "csv")
    _, framing = read_csv(out / "framing.csv")
    header, _ = read_csv(out / "framing.csv")
    s_header, stance = read_csv(out / "stance.csv")
    _, evidence = read_csv(out / "evidence.csv")
    paths = sorted(seeds.glob("*.txt"))
    scores = parallax.score([p.read_text(encoding="utf-8") for p in paths])
    assert scores[0] == parallax.score(paths[0].read_text(encoding="utf-8"))
    for p, sc, frow, srow in zip(paths, scores, framing, stance):
        assert frow[0] == p.name
        for frame, v in sc["frames"].items():
            assert int(frow[header.index(f"{frame}_hits")]) == v["hits"]
            assert float(frow[header.index(f"{frame}_per_1k")]) == pytest.approx(v["per_1k"], abs=5e-4)
        for target, v in sc["stance"].items():
            assert int(srow[s_header.index(f"{target}_mentions")]) == v["mentions"]
            cell = srow[s_header.index(f"{target}_score")]
            if v["mentions"] == 0:
                assert cell == "" and v["score"] is None, target
            else:
                assert float(cell) == pytest.approx(v["score"], abs=5e-7)
        n = sum(1 for e in evidence if e[0] == p.name)
        assert n == len(sc["evidence"]) > 0
    assert any(v["mentions"] > 0 for sc in scores for v in sc["stance"].values())
