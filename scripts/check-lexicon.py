#!/usr/bin/env python3
"""Sanity-check a parallax TSV lexicon (the default one by default).

Checks: header, 6 tab-separated fields per entry, known categories, weight
ranges per category, guard syntax, lang code, a note on every entry, and
duplicate (matching key, category) pairs. The matching key is approximated
here (fold letters, strip Arabic proclitics and French elision); the real one
comes from parallax's normaliser (`parallax lexicon check` is authoritative).

With text files after the lexicon, it also prints approximate hit counts per
category, to eyeball coverage.

usage: scripts/check-lexicon.py [LEXICON.tsv] [TEXT...]
"""
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HEADER = ["term", "category", "weight", "note", "guard", "lang"]
FIXED = {"polarity", "intensifier", "dampener", "negator", "attribution", "contrast"}
# Word lists of the role and sports/dateline rules: one folded word (or
# prefix*) each, weight 1, no guard; compared folded, not keyed.
# The lists as src/score/rolewords.rs names them (ROLE_CLASSES, CONTEXT_LISTS).
ROLE = {
    f"role:{c}"
    for c in ("accusation", "speech", "emotion", "state", "patient", "threat", "demand", "deed",
              "indicator", "envoy", "support")
} | {
    f"context:{c}"
    for c in ("sports_before", "sports_after", "agency", "institution", "person", "sports_play",
              "sports_event", "rise", "fall", "world", "count")
}
GUARD = re.compile(
    r"^(num_adjacent|indefinite|definite|bare|(next|prev|not_next|not_prev|near|not_near):[^|;]+(\|[^|;]+)*)$"
)
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
TOKEN = re.compile(r"[\w'’.]+")


def norm(word):
    w = unicodedata.normalize("NFKC", word).lower()
    return DIACRITICS.sub("", w).translate(FOLD).strip(".")


def key(word):
    w = norm(word)
    m = re.match(r"^(?:l|d|qu|j|n|s|c|m|t)['’](.+)$", w)
    if m:
        return m.group(1)
    if w.endswith("'s") or w.endswith("’s"):
        return w[:-2]
    if re.match(r"^[\u0600-\u06ff]", w):
        # Article chains only, and a lone و before a long word: cutting a
        # lone ف/ب/ل/ك needs the normaliser's lists (فرنسا, بلد, ليبيا ...).
        for pre in ("وال", "فال", "بال", "كال", "ولل", "فلل", "ال", "لل"):
            if w.startswith(pre) and len(w) - len(pre) >= 2:
                return w[len(pre):]
        if w.startswith("و") and len(w) >= 5:
            return w[1:]
    return w


def term_keys(term):
    glob_pre = term.startswith("*")
    glob_post = term.endswith("*")
    toks = [key(t) for t in TOKEN.findall(term.strip("*")) if t.strip(".'’")]
    return tuple(toks), glob_pre, glob_post


def weight_ok(cat, w):
    if cat.startswith("target:"):
        return True
    if cat.startswith("frame:"):
        return 0.5 <= w <= 2
    if cat == "polarity":
        return -2 <= w <= 2 and w != 0
    if cat == "intensifier":
        return 1 < w <= 2
    if cat == "dampener":
        return 0 < w < 1
    return True


def check(path):
    errors, warnings, entries = [], [], []
    seen = {}
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    if raw.startswith("\ufeff"):
        errors.append(f"{path}: has a BOM")
    header_seen = False
    for n, line in enumerate(raw.split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            if fields != HEADER:
                errors.append(f"{path}:{n}: header is {fields}")
            continue
        where = f"{path}:{n}"
        if len(fields) != 6:
            errors.append(f"{where}: {len(fields)} fields")
            continue
        term, cat, w, note, guard, lang = fields
        if not term.strip() or term != term.strip():
            errors.append(f"{where}: empty term or stray spaces")
        if cat in ROLE:
            if w not in ("", "1", "1.0") or guard or len(term.split()) != 1 or "*" in term[:-1]:
                errors.append(f"{where}: a {cat} row is one word, weight 1, no guard")
            if not note.strip():
                errors.append(f"{where}: no note")
            dkey = (norm(term), cat)
            if dkey in seen:
                errors.append(f"{where}: duplicate of line {seen[dkey]} ({term} / {cat})")
            seen[dkey] = n
            continue
        if not (cat in FIXED or re.match(r"^(target|frame):[a-z_]+(/[a-z_]+)*$", cat)):
            errors.append(f"{where}: unknown category {cat!r}")
        try:
            wv = float(w)
            if not weight_ok(cat, wv):
                errors.append(f"{where}: weight {w} out of range for {cat}")
        except ValueError:
            errors.append(f"{where}: weight {w!r} is not a number")
        if not note.strip():
            errors.append(f"{where}: no note")
        if lang not in ("ar", "fr", "en", ""):
            errors.append(f"{where}: lang {lang!r}")
        for g in filter(None, guard.split(";")):
            if not GUARD.match(g):
                errors.append(f"{where}: bad guard {g!r}")
        k = term_keys(term)
        if not k[0]:
            errors.append(f"{where}: term has no tokens")
        elif len(k[0]) == 1 and len(k[0][0]) < 3 and not k[2]:
            warnings.append(f"{where}: warning: short key {k[0][0]!r}, check it is unambiguous")
        elif len(k[0]) == 1 and len(k[0][0]) < 3:
            errors.append(f"{where}: glob on a short key {k[0][0]!r}")
        dkey = (k, cat, guard)
        if dkey in seen:
            errors.append(f"{where}: duplicate of line {seen[dkey]} ({term} / {cat})")
        else:
            seen[dkey] = n
        entries.append((term, cat, float(w) if re.match(r"^-?[0-9.]+$", w) else 0.0, lang, k))
    return errors, warnings, entries


def coverage(entries, paths):
    single = defaultdict(list)
    multi = []
    for term, cat, w, lang, (toks, gpre, gpost) in entries:
        if len(toks) == 1:
            single[toks[0][:3]].append((toks[0], gpre, gpost, cat, term))
        else:
            multi.append((toks, cat, term))
    hits = Counter()
    terms = defaultdict(Counter)
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            keys = [key(t) for t in TOKEN.findall(f.read()) if t.strip(".'’")]
        for i, k in enumerate(keys):
            for tk, gpre, gpost, cat, term in single.get(k[:3], []):
                if (gpost and k.startswith(tk)) or k == tk:
                    hits[cat] += 1
                    terms[cat][term] += 1
            for toks, cat, term in multi:
                if tuple(keys[i:i + len(toks)]) == toks:
                    hits[cat] += 1
                    terms[cat][term] += 1
    for cat in sorted(hits):
        top = ", ".join(f"{t}×{c}" for t, c in terms[cat].most_common(6))
        print(f"  {cat:22} {hits[cat]:5}  {top}")


def main(argv):
    path = argv[1] if len(argv) > 1 else "data/lexicon/default.tsv"
    errors, warnings, entries = check(path)
    for e in warnings + errors:
        print(e)
    per = Counter((lang or "-", cat.split(":")[0] if cat.startswith(("frame", "target")) else cat)
                  for _, cat, _, lang, _ in entries)
    langs = Counter(lang or "-" for _, _, _, lang, _ in entries)
    print(f"{len(entries)} entries, {len(errors)} problems; per language: {dict(sorted(langs.items()))}")
    for (lang, kind), c in sorted(per.items()):
        print(f"  {lang} {kind:12} {c}")
    if len(argv) > 2:
        print("approximate hits on the given texts:")
        coverage(entries, argv[2:])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
