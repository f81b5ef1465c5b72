#!/usr/bin/env python3
"""Check a parallax output directory against its documented format.

Usage: check_outputs.py DIR [--no-bom]

Reads every CSV parallax writes (Python's csv module, encoding utf-8-sig)
and checks: the BOM (or its absence with --no-bom), headers and column order
as README.md documents them, rows as wide as the header, numeric cells that parse,
booleans, no unguarded formula cell, square matrices whose ids match
documents.csv, documents sorted by id, offsets inside their documents and
passage texts equal to the offsets' span. Then opens parallax.xlsx with
openpyxl (skipped with a message when openpyxl is not installed): one sheet
per CSV, no formula anywhere, frozen header, and the first rows of every
sheet equal to the CSV's (CSV text = guarded XLSX text).

Exits 0 when everything holds, 1 with one line per failure otherwise,
2 on usage errors. Standard library only, except openpyxl for the workbook.
"""

import csv
import math
import os
import sys

BOM = b"\xef\xbb\xbf"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRUNCATED = " …[truncated]"
XLSX_ROWS_COMPARED = 50

# Documented columns (README.md, "Outputs"), in order; extra columns may follow.
FIXED = {
    "documents": ["doc_id", "source", "title", "date", "outlet", "language",
                  "encoding", "chars", "words"],
    "pairs": ["doc_a", "doc_b", "jaccard_est", "jaccard", "containment_ab",
              "containment_ba", "passages", "shared_words",
              "longest_passage_words", "likely_source", "cluster"],
    "clusters": ["cluster", "doc_id", "representative", "size"],
    "passages": ["passage", "doc_a", "a_start", "a_end", "doc_b", "b_start",
                 "b_end", "a_words", "b_words", "score", "boilerplate",
                 "a_text", "b_text"],
    "evidence": ["doc_id", "sentence", "start", "end", "surface",
                 "normalized", "entry", "category", "weight", "modifiers",
                 "target", "voice", "contribution"],
    "framing_shift": ["doc_a", "doc_b", "frame"],
}
MATRICES = ["similarity", "containment", "reuse", "framing_distance"]
LONG = ["documents", "pairs", "clusters", "passages", "framing", "stance",
        "evidence", "framing_shift", "outlets"]
# Workbook-only columns: after each document id of these sheets, that
# document's outlet, date and title (the CSV keeps its columns).
CONTEXT = ("outlet", "date", "title")
CONTEXT_AFTER = {"pairs": {"doc_a": None, "doc_b": ("a", "b")},
                 "passages": {"doc_a": ("a",), "doc_b": ("b",)}}

# Columns that hold text; every other column must be numeric (or boolean).
TEXT_COLS = {
    "documents": {"doc_id", "source", "title", "date", "outlet", "language",
                  "encoding"},
    "pairs": {"doc_a", "doc_b", "likely_source", "source_reason"},
    "clusters": {"doc_id", "representative"},
    "passages": {"doc_a", "doc_b", "a_text", "b_text", "kind"},
    "framing": {"doc_id"},
    "stance": {"doc_id"},
    "evidence": {"doc_id", "surface", "normalized", "entry", "category",
                 "modifiers", "target", "voice", "holder", "object"},
    "framing_shift": {"doc_a", "doc_b", "frame"},
    "outlets": {"outlet", "measure", "key"},
}
# Tables whose columns are all known: every column outside TEXT_COLS is a
# number. In the other tables a column nobody listed (an extra one) is
# checked leniently: a number, or text that does not look like a formula.
DYNAMIC = {"framing", "stance", "framing_shift"}
NUMERIC_COLS = {
    "documents": {"chars", "words"},
    "pairs": {"jaccard_est", "jaccard", "containment_ab", "containment_ba",
              "passages", "shared_words", "longest_passage_words", "cluster"},
    "clusters": {"cluster", "size"},
    "passages": {"passage", "a_start", "a_end", "b_start", "b_end", "a_words",
                 "b_words", "score", "copied_run", "recurs_in"},
    "evidence": {"sentence", "start", "end", "weight", "contribution",
                 "sentence_start", "sentence_end"},
    "outlets": {"value", "documents", "mentions"},
}
BOOL_COLS = {"boilerplate"}
# Numeric columns that may be empty (a value that does not exist).
OPTIONAL_NUM = {"jaccard", "cluster", "mentions"}


class Checker:
    def __init__(self, out_dir, bom):
        self.dir = out_dir
        self.bom = bom
        self.failures = []
        self.tables = {}  # name -> (header, rows)

    def fail(self, where, msg):
        self.failures.append(f"{where}: {msg}")

    # ---- CSV -------------------------------------------------------------

    def read_csv(self, name):
        path = os.path.join(self.dir, name + ".csv")
        if not os.path.exists(path):
            return None
        with open(path, "rb") as f:
            head = f.read(3)
        if self.bom and head != BOM:
            self.fail(name + ".csv", "no UTF-8 BOM at the start")
        if not self.bom and head == BOM:
            self.fail(name + ".csv", "starts with a BOM although --no-bom")
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
        except (UnicodeDecodeError, csv.Error) as e:
            self.fail(name + ".csv", f"unreadable: {e}")
            return None
        if not rows:
            self.fail(name + ".csv", "empty file (no header row)")
            return None
        header, body = rows[0], rows[1:]
        for i, row in enumerate(body, start=2):
            if len(row) != len(header):
                self.fail(f"{name}.csv:{i}",
                          f"{len(row)} cells, header has {len(header)}")
        self.tables[name] = (header, body)
        return header, body

    def check_header(self, name, header):
        if name in FIXED:
            want = FIXED[name]
            if header[:len(want)] != want:
                self.fail(name + ".csv",
                          f"header {header[:len(want)]} != contract {want}")
        elif name == "framing":
            if header[:2] != ["doc_id", "words"]:
                self.fail("framing.csv", "header must start doc_id, words")
            rest = header[2:]
            keys = [h[:-len("_per_1k")] for h in rest[0::2]
                    if h.endswith("_per_1k")]
            want = [c for k in keys for c in (k + "_per_1k", k + "_hits")]
            if rest[:len(want)] != want or len(want) != len(rest):
                self.fail("framing.csv",
                          "columns must be <frame>_per_1k, <frame>_hits "
                          f"per frame; got {rest}")
        elif name == "stance":
            if header[:1] != ["doc_id"]:
                self.fail("stance.csv", "header must start with doc_id")
            rest = header[1:]
            n = 0
            while (n + 1 < len(rest) and rest[n].endswith("_score")
                   and rest[n + 1] == rest[n][:-len("_score")] + "_mentions"
                   and "_quoted" not in rest[n]):
                n += 2
            if rest and n == 0:
                self.fail("stance.csv",
                          f"no <target>_score, <target>_mentions columns: {rest}")

    def check_cells(self, name, header, body):
        text_cols = TEXT_COLS.get(name, set())
        num_cols = NUMERIC_COLS.get(name, set())
        for i, row in enumerate(body, start=2):
            cells = dict(zip(header, row))
            for col, cell in zip(header, row):
                where = f"{name}.csv:{i}:{col}"
                if name == "stance" and col.endswith("_score"):
                    # A stance score exists exactly where its voice has mentions:
                    # no mention, an empty cell (never a 0 that would pull an average).
                    mentions = cells.get(col[:-len("_score")] + "_mentions")
                    if mentions is not None and (cell == "") != (mentions == "0"):
                        self.fail(where, f"score {cell!r} with {mentions} mentions")
                        continue
                    if cell == "":
                        continue
                if col in text_cols:
                    if cell.startswith(FORMULA_START):
                        self.fail(where, f"unguarded formula cell {cell[:40]!r}")
                elif col in BOOL_COLS:
                    if cell not in ("true", "false"):
                        self.fail(where, f"not a boolean: {cell!r}")
                elif name not in DYNAMIC and col not in num_cols:
                    if cell.startswith(FORMULA_START) and not is_number(cell):
                        self.fail(where, f"unguarded formula cell {cell[:40]!r}")
                elif cell == "" and (col in OPTIONAL_NUM):
                    continue
                else:
                    try:
                        v = float(cell)
                    except ValueError:
                        self.fail(where, f"not a number: {cell[:40]!r}")
                        continue
                    if not math.isfinite(v):
                        self.fail(where, f"not a finite number: {cell!r}")
                    if cell.startswith("-0") and v == 0:
                        self.fail(where, "negative zero")

    def check_matrix(self, name, header, body, doc_ids):
        where = name + ".csv"
        if not header or header[0] != "doc_id":
            self.fail(where, "first column must be doc_id")
            return
        ids = header[1:]
        for cid in ids:
            if cid.startswith(FORMULA_START):
                self.fail(where, f"unguarded formula id in header {cid[:40]!r}")
        if len(body) != len(ids):
            self.fail(where, f"{len(body)} rows for {len(ids)} columns: not square")
        for i, row in enumerate(body):
            if i < len(ids) and row and row[0] != ids[i]:
                self.fail(f"{where}:{i + 2}", f"row id {row[0]!r} != column id {ids[i]!r}")
            for j, cell in enumerate(row[1:]):
                try:
                    v = float(cell)
                except ValueError:
                    self.fail(f"{where}:{i + 2}", f"not a number: {cell[:40]!r}")
                    continue
                if not math.isfinite(v):
                    self.fail(f"{where}:{i + 2}", f"not finite: {cell!r}")
                elif name != "framing_distance" and not (0.0 <= v <= 1.0 + 1e-9):
                    self.fail(f"{where}:{i + 2}", f"{v} outside [0, 1]")
                if name == "similarity" and i == j and abs(v - 1.0) > 1e-9:
                    self.fail(f"{where}:{i + 2}", f"diagonal {v} != 1")
        if doc_ids is not None and ids != doc_ids:
            self.fail(where, "ids differ from documents.csv's doc_id column (or order)")

    def check_consistency(self):
        docs = self.tables.get("documents")
        if docs is None:
            return
        header, body = docs
        idx = {h: k for k, h in enumerate(header)}
        ids = [unguard(r[idx["doc_id"]]) for r in body if len(r) == len(header)]
        if ids != sorted(ids):
            self.fail("documents.csv", "documents are not sorted by doc_id")
        chars = {}
        for r in body:
            if len(r) == len(header):
                try:
                    chars[r[idx["doc_id"]]] = int(r[idx["chars"]])
                except ValueError:
                    pass
        passages = self.tables.get("passages")
        if passages:
            ph, pb = passages
            pi = {h: k for k, h in enumerate(ph)}
            for n, r in enumerate(pb, start=2):
                if len(r) != len(ph):
                    continue
                for side in ("a", "b"):
                    doc = r[pi["doc_" + side]]
                    try:
                        s, e = int(r[pi[side + "_start"]]), int(r[pi[side + "_end"]])
                    except ValueError:
                        continue
                    where = f"passages.csv:{n}"
                    if doc not in chars:
                        self.fail(where, f"doc_{side} {doc!r} not in documents.csv")
                    elif not 0 <= s <= e <= chars[doc]:
                        self.fail(where, f"{side} span {s}..{e} outside 0..{chars[doc]}")
                    text = unguard(r[pi[side + "_text"]])
                    if len(text) != e - s:
                        self.fail(where, f"{side}_text has {len(text)} code points, "
                                         f"span {s}..{e} has {e - s}")
        for name, cols in (("pairs", ("doc_a", "doc_b")),
                           ("evidence", ("doc_id",)), ("framing", ("doc_id",)),
                           ("stance", ("doc_id",)), ("clusters", ("doc_id",))):
            t = self.tables.get(name)
            if not t:
                continue
            th, tb = t
            ti = {h: k for k, h in enumerate(th)}
            for n, r in enumerate(tb, start=2):
                for c in cols:
                    if c in ti and ti[c] < len(r) and r[ti[c]] not in chars:
                        self.fail(f"{name}.csv:{n}", f"{c} {r[ti[c]]!r} not in documents.csv")
                if name == "evidence" and len(r) == len(th):
                    try:
                        s, e = int(r[ti["start"]]), int(r[ti["end"]])
                    except ValueError:
                        continue
                    lim = chars.get(r[ti["doc_id"]])
                    if lim is not None and not 0 <= s <= e <= lim:
                        self.fail(f"evidence.csv:{n}", f"span {s}..{e} outside 0..{lim}")

    def check_csvs(self):
        found = False
        for name in LONG + MATRICES:
            got = self.read_csv(name)
            if got is None:
                continue
            found = True
            header, body = got
            if name in MATRICES:
                docs = self.tables.get("documents")
                doc_ids = None
                if docs:
                    k = docs[0].index("doc_id") if "doc_id" in docs[0] else 0
                    doc_ids = [r[k] for r in docs[1] if len(r) > k]
                self.check_matrix(name, header, body, doc_ids)
            else:
                self.check_header(name, header)
                self.check_cells(name, header, body)
        if not found:
            self.fail(self.dir, "no parallax CSV file found")
        self.check_consistency()

    # ---- XLSX ------------------------------------------------------------

    def check_xlsx(self):
        path = os.path.join(self.dir, "parallax.xlsx")
        if not os.path.exists(path):
            return
        try:
            import openpyxl  # noqa: PLC0415 (optional dependency)
        except ImportError:
            print("check_outputs: openpyxl not installed; skipping parallax.xlsx "
                  "(pip install openpyxl)", file=sys.stderr)
            return
        try:
            wb = openpyxl.load_workbook(path)
        except Exception as e:  # noqa: BLE001 (report any parse failure)
            self.fail("parallax.xlsx", f"cannot be opened: {e}")
            return
        for ws in wb.worksheets:
            if len(ws.title) > 31:
                self.fail("parallax.xlsx", f"sheet name longer than 31: {ws.title!r}")
            if ws.freeze_panes is None:
                self.fail(f"parallax.xlsx[{ws.title}]", "header row not frozen")
            for row in ws.iter_rows():
                for c in row:
                    if c.data_type == "f":
                        self.fail(f"parallax.xlsx[{ws.title}]!{c.coordinate}",
                                  "formula cell")
        for name, (header, body) in self.tables.items():
            if name not in wb.sheetnames:
                self.fail("parallax.xlsx", f"no sheet {name!r} although {name}.csv exists")
                continue
            self.compare_sheet(name, wb[name], header, body)

    def without_context(self, name, header, xrow, i):
        """The sheet row without its workbook-only context columns, which are
        checked against documents.csv on the way."""
        after = CONTEXT_AFTER.get(name)
        if after is None:
            return list(xrow)
        docs = self.documents_by_id()
        out, k = [], 0
        xrow = list(xrow)
        for col in header:
            out.append(xrow[k] if k < len(xrow) else None)
            k += 1
            for prefix in after.get(col) or ():
                names = [f"{prefix}_{w}" for w in CONTEXT]
                got = xrow[k:k + 3]
                k += 3
                if i == 0:
                    if got != names:
                        self.fail(f"parallax.xlsx[{name}] header",
                                  f"{got!r} where {names!r} were expected")
                    continue
                doc_col = header.index(f"doc_{prefix}")
                doc = docs.get(xrow[self.sheet_col(name, header, doc_col)])
                if doc is not None:
                    want = [doc.get(w, "") for w in CONTEXT]
                    for g, w in zip(got, want):
                        if not same(w, g):
                            self.fail(f"parallax.xlsx[{name}] row {i + 1}",
                                      f"{prefix}_ context {g!r} != documents.csv {w[:60]!r}")
        return out

    def documents_by_id(self):
        """documents.csv as {doc_id: {column: value}}, read once."""
        if not hasattr(self, "_docs_by_id"):
            self._docs_by_id = {}
            if "documents" in self.tables:
                dh, db = self.tables["documents"]
                self._docs_by_id = {r[0]: dict(zip(dh, r)) for r in db}
        return self._docs_by_id

    def sheet_col(self, name, header, j):
        """Sheet column of CSV column j, counting the context columns before it."""
        after = CONTEXT_AFTER.get(name) or {}
        return j + sum(3 * len(after.get(c) or ()) for c in header[:j])

    def compare_sheet(self, name, ws, header, body):
        rows = ws.iter_rows(min_row=1, max_row=1 + min(len(body), XLSX_ROWS_COMPARED),
                            values_only=True)
        for i, (xrow, crow) in enumerate(zip(rows, [header] + body)):
            xrow = self.without_context(name, header, xrow, i)
            for j, cval in enumerate(crow):
                xval = xrow[j] if j < len(xrow) else None
                if not same(cval, xval):
                    self.fail(f"parallax.xlsx[{name}] row {i + 1} col {j + 1}",
                              f"{xval!r} != CSV {cval[:60]!r}")


def is_number(cell):
    try:
        float(cell)
        return True
    except ValueError:
        return False


def unguard(cell):
    """The text before parallax's formula guard."""
    if cell.startswith("'") and cell[1:2] and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def same(csv_val, x_val):
    """True when a CSV cell and an XLSX cell hold the same value."""
    if x_val is None:
        return csv_val == ""
    if isinstance(x_val, bool):
        return csv_val == ("true" if x_val else "false")
    if isinstance(x_val, (int, float)):
        try:
            return math.isclose(float(csv_val), float(x_val), rel_tol=1e-9, abs_tol=1e-12)
        except ValueError:
            return False
    text = unguard(csv_val)
    if isinstance(x_val, str) and x_val.endswith(TRUNCATED):
        return text.startswith(x_val[:-len(TRUNCATED)])
    return text == str(x_val)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    unknown = flags - {"--no-bom"}
    if len(args) != 1 or unknown:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out_dir = args[0]
    if not os.path.isdir(out_dir):
        print(f"check_outputs: {out_dir}: not a directory", file=sys.stderr)
        return 2
    c = Checker(out_dir, bom="--no-bom" not in flags)
    c.check_csvs()
    c.check_xlsx()
    if c.failures:
        for f in c.failures:
            print(f"check_outputs: {f}", file=sys.stderr)
        print(f"check_outputs: {len(c.failures)} problem(s) in {out_dir}", file=sys.stderr)
        return 1
    print(f"check_outputs: {out_dir}: OK ({len(c.tables)} tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
