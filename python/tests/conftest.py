"""Shared fixtures: the parallax command to compare against, the seeds, and a
generated corpus made from the seeds' sentences (rewrites, excerpts,
mixtures and exact copies, so every kind of pair occurs)."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _binary() -> str | None:
    env = os.environ.get("PARALLAX_BIN")
    if env:
        return env
    for profile in ("debug", "release"):
        p = ROOT / "target" / profile / "parallax"
        if p.exists():
            return str(p)
    return shutil.which("parallax")


@pytest.fixture(scope="session")
def cli():
    """Runs the parallax command; returns (exit code, stdout, stderr)."""
    exe = _binary()
    if exe is None:
        if os.environ.get("PARALLAX_REQUIRE_TOOLS"):
            pytest.fail("the parallax binary is needed (set PARALLAX_BIN or cargo build)")
        pytest.skip("no parallax binary (set PARALLAX_BIN or run cargo build)")

    def run(*args: str, check: bool = True):
        p = subprocess.run(
            [exe, *map(str, args)],
            capture_output=True,
            text=True,
            env=dict(os.environ, NO_COLOR="1"),
        )
        if check and p.returncode != 0:
            raise AssertionError(f"parallax {' '.join(map(str, args))}: {p.stderr}")
        return p.returncode, p.stdout, p.stderr

    return run


@pytest.fixture(scope="session")
def seeds() -> Path:
    return SEEDS


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!؟?])\s+", text.strip())
    return [p for p in parts if len(p.split()) >= 3]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A JSONL corpus of 48 articles generated from the seeds."""
    rng = random.Random(18)
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    sents = {k: _sentences(v) for k, v in texts.items()}
    names = sorted(texts)
    outlets = ["alpha", "beta", "gamma", "delta"]
    docs = []
    for i in range(48):
        base = names[i % len(names)]
        s = list(sents[base])
        kind = i % 6
        if kind == 0:  # an exact copy
            body = texts[base]
        elif kind == 1:  # an excerpt
            a = rng.randrange(0, max(1, len(s) // 2))
            body = " ".join(s[a : a + max(3, len(s) // 3)])
        elif kind == 2:  # sentences dropped and reordered
            keep = [x for x in s if rng.random() < 0.7]
            rng.shuffle(keep)
            body = " ".join(keep)
        elif kind == 3:  # two seeds mixed
            other = sents[names[(i + 2) % len(names)]]
            body = " ".join(s[: len(s) // 2] + other[len(other) // 2 :])
        elif kind == 4:  # words dropped here and there (a light rewrite)
            body = " ".join(w for w in texts[base].split() if rng.random() < 0.9)
        else:  # a short unrelated note
            body = " ".join(rng.sample(s, min(2, len(s))))
        docs.append(
            {
                "id": f"g{i:03d}",
                "title": f"article {i}",
                "date": f"2018-03-{1 + i % 28:02d}",
                "outlet": outlets[i % len(outlets)],
                "text": body,
            }
        )
    out = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return out
