#!/usr/bin/env python3
"""Fills fuzz/corpus/<target>/ with starting inputs taken from the bundled
seeds and the test fixtures (nothing from ../shared), in each format and
encoding the ingest targets read. libFuzzer adds what it finds to the same
folders; they are not committed (.gitignore)."""

import csv
import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIXTURES = ROOT / "tests" / "fixtures"


def put(target: str, name: str, data: bytes) -> None:
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data)


def main() -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for i, t in enumerate(texts):
        raw = t.encode("utf-8")
        # ingest_text: the first byte chooses .txt (even) or .md (odd).
        put("ingest_text", f"seed{i}.txt", b"\x00" + raw)
        put("ingest_text", f"seed{i}.md", b"\x01# Title\n\n" + raw)
        put("ingest_text", f"seed{i}-bom.txt", b"\x00\xef\xbb\xbf" + raw)
        put("ingest_text", f"seed{i}-utf16le.txt", b"\x00" + t.encode("utf-16"))
        put("ingest_text", f"seed{i}-utf16be.txt", b"\x00" + t.encode("utf-16-be"))
        try:
            put("ingest_text", f"seed{i}-cp1256.txt", b"\x00" + t.encode("cp1256"))
        except UnicodeEncodeError:
            pass
        put("normalize", f"seed{i}", raw)
        put("score", f"seed{i}", raw)
        head = "\n".join(t.splitlines()[:6]).encode("utf-8")
        put("align", f"seed{i}-self", head + b"\xff" + head)
        html = f"<html><head><title>t{i}</title><meta property=\"article:published_time\" content=\"2018-03-13T10:22:00+04:00\"></head><body><article><p>{t}</p></article></body></html>"
        put("ingest_html", f"seed{i}.html", html.encode("utf-8"))
    for i in range(len(texts) - 1):
        a, b = texts[i].encode("utf-8"), texts[i + 1].encode("utf-8")
        put("align", f"pair{i}", a + b"\xff" + b)
    lines = [
        json.dumps({"id": f"d{i}", "title": f"t{i}", "date": d, "outlet": "o", "url": "https://x.test/a",
                    "section": ["world"], "text": t}, ensure_ascii=(i % 2 == 0))
        for i, (t, d) in enumerate(zip(texts, ["2018-03-13", "13/03/2018", "Tue, 13 Mar 2018 10:22:00 +0400",
                                               "٢٠١٨-٠٣-١٣", "2018-03-13T10:22:00+04:00"]))
    ]
    put("ingest_jsonl", "seeds.jsonl", "\n".join(lines).encode("utf-8") + b"\n")
    put("ingest_jsonl", "broken.jsonl", (lines[0] + "\n{\"id\": \"x\", \"text\": \n" + lines[1]).encode("utf-8"))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["id", "title", "date", "outlet", "text"])
    for i, t in enumerate(texts):
        w.writerow([f"d{i}", f"t{i}", "2018-03-13", "o", t])
    put("ingest_csv", "seeds.csv", buf.getvalue().encode("utf-8"))
    put("ingest_csv", "unterminated.csv", b'id,text\na,"no end\nb,two\n')
    for p in (FIXTURES / "ingest").rglob("*"):
        if not p.is_file():
            continue
        target = {".txt": "ingest_text", ".md": "ingest_text", ".html": "ingest_html",
                  ".jsonl": "ingest_jsonl", ".csv": "ingest_csv"}.get(p.suffix)
        if target == "ingest_text":
            put(target, "fixture-" + p.name, (b"\x01" if p.suffix == ".md" else b"\x00") + p.read_bytes())
        elif target:
            put(target, "fixture-" + p.name, p.read_bytes())
    for p in (FIXTURES / "stories").glob("*.jsonl"):
        put("ingest_jsonl", "fixture-" + p.name, p.read_bytes()[:20000])


if __name__ == "__main__":
    # Inputs libFuzzer added earlier are kept; the starting ones refreshed.
    main()
