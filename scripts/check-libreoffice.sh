#!/usr/bin/env bash
# Documented check (issue 6): LibreOffice opens parallax.xlsx without garbling
# Arabic. Converts every sheet to CSV with LibreOffice headless and compares
# the text cells with parallax's own CSVs. Not in CI: LibreOffice is a large
# install (apt-get install libreoffice-calc-nogui).
#   scripts/check-libreoffice.sh [PARALLAX_BIN [INPUT...]]   (the seeds by default)
set -euo pipefail
bin="${1:-target/release/parallax}"
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui"; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" -q -o "$work/out" --format csv,xlsx "${@:2}"
# Filter options: comma, double quote, UTF-8 (76), every sheet (-1).
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$work/conv" "$work/out/parallax.xlsx" >/dev/null
python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
def load(p, enc):
    with open(p, encoding=enc, newline="") as f:
        return list(csv.reader(f))
text_cols = {"a_text", "b_text", "surface", "normalized", "entry", "doc_id", "doc_a", "doc_b", "title", "source"}
bad = total = 0
for t in ["documents", "pairs", "passages", "evidence"]:
    ours = load(f"{work}/out/{t}.csv", "utf-8-sig")
    lo = load(f"{work}/conv/parallax-{t}.csv", "utf-8")
    # By column name: the workbook's pairs and passages sheets add each
    # document's outlet, date and title after its id.
    cols = [(i, lo[0].index(h)) for i, h in enumerate(ours[0]) if h in text_cols]
    if len(ours) != len(lo):
        sys.exit(f"{t}: {len(ours)} rows in the CSV, {len(lo)} in LibreOffice's conversion")
    for a, b in zip(ours[1:], lo[1:]):
        for i, j in cols:
            total += 1
            x = a[i][1:] if a[i].startswith("'") else a[i]  # the CSV formula guard
            if x.replace("\r\n", "\n") != b[j].replace("\r\n", "\n"):
                bad += 1
print(f"{total} text cells compared, {bad} different")
sys.exit(1 if bad else 0)
PY
