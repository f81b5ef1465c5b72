#!/usr/bin/env python3
"""Benchmark corpora for parallax and its peers.

  corpus.py gen N OUT_DIR [--seed S]   N Arabic news-length documents (~410 words) with planted
                                      near-duplicates; writes OUT_DIR/corpus.jsonl and plants.csv
  corpus.py topical N OUT_DIR [--seed S] [--meta]
                                      N documents on one topic: every document re-mixes the
                                      bundled seeds' sentences (words swapped for other seed words),
                                      so unrelated documents share many character 7-grams and few
                                      word 5-grams, as articles on one event do; 10% are planted
                                      edited copies (plants.csv)
  corpus.py variants N OUT_DIR [--stories K] [--rate R]
                                      N edited copies of the first K seeds (story i % K; edits at
                                      rate R per word, as planted copies get): copy groups, e.g.
                                      2,000 variants of the five seeds, or 3,000 near-identical
                                      documents with --stories 1 --rate 0.005
  corpus.py tiny N OUT_DIR [--words W]
                                      N records of W (3) Zipf-drawn words each: the degenerate
                                      flood (many repeats, many near-identical short texts) that
                                      must cost about its size, not its square
  corpus.py news OUT_DIR [--data D]    the news corpora of ../shared/data/news (SaudiNewsNet + ANT)
                                      as one JSONL; exits 0 with a message when the data is absent

The generator is the project's own: words are drawn from a Zipf distribution over a synthetic
Arabic vocabulary plus the words of the bundled seeds; planted copies get word insertions,
deletions, substitutions, clitic and spelling changes and sentence reordering at several edit
rates, so their true Jaccard spreads across 0.2-0.95.
"""
import argparse
import json
import os
import random
import re
import sys
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
CLITICS = ["و", "ف", "ب", "ل", "ال", "وال", "بال"]
SPELLING = {"أ": "ا", "إ": "ا", "ة": "ه", "ى": "ي"}


def seed_words():
    words = []
    for name in sorted(os.listdir(os.path.join(REPO, "seeds"))):
        with open(os.path.join(REPO, "seeds", name), encoding="utf-8") as f:
            words += re.findall(r"\w+", f.read())
    return words


def vocabulary(rng, size):
    vocab = list(dict.fromkeys(seed_words()))
    while len(vocab) < size:
        n = rng.choice([3, 4, 4, 5, 5, 6, 7])
        vocab.append("".join(rng.choice(LETTERS) for _ in range(n)))
    return vocab


class Zipf:
    def __init__(self, rng, vocab, s=1.1):
        self.rng = rng
        self.vocab = vocab
        weights = [1.0 / (i + 1) ** s for i in range(len(vocab))]
        total = sum(weights)
        acc, self.cum = 0.0, []
        for w in weights:
            acc += w / total
            self.cum.append(acc)

    def words(self, n):
        import bisect
        return [self.vocab[min(bisect.bisect_left(self.cum, self.rng.random()), len(self.vocab) - 1)]
                for _ in range(n)]


def document(rng, zipf):
    sentences = []
    for _ in range(rng.randint(14, 22)):
        sentences.append(" ".join(zipf.words(rng.randint(14, 30))) + ".")
    return sentences


def rewrite(rng, zipf, sentences, rate):
    """A planted copy: edits at `rate` per word, then local sentence reordering."""
    out = []
    for s in sentences:
        words = s[:-1].split(" ")
        new = []
        for w in words:
            r = rng.random()
            if r < rate * 0.3:
                continue  # deletion
            if r < rate * 0.6:
                new.append(zipf.words(1)[0])  # substitution
                continue
            if r < rate * 0.75:
                new.append(rng.choice(CLITICS) + w)  # clitic change
                continue
            if r < rate * 0.85:
                new.append("".join(SPELLING.get(c, c) for c in w))  # spelling variant
                continue
            new.append(w)
            if rng.random() < rate * 0.3:
                new.append(zipf.words(1)[0])  # insertion
        out.append(" ".join(new) + ".")
    for i in range(len(out) - 1):
        if rng.random() < rate * 0.2:
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def gen(args):
    rng = random.Random(args.seed)
    zipf = Zipf(rng, vocabulary(rng, 60000))
    os.makedirs(args.out, exist_ok=True)
    rates = [0.0, 0.02, 0.05, 0.08, 0.12, 0.18, 0.25, 0.35]
    n_planted = args.n // 10
    n_base = args.n - n_planted
    bases = {}
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8") as f, \
            open(os.path.join(args.out, "plants.csv"), "w", encoding="utf-8") as p:
        p.write("original,copy,edit_rate\n")
        planted_from = set(rng.sample(range(n_base), n_planted))
        for i in range(n_base):
            s = document(rng, zipf)
            if i in planted_from:
                bases[i] = s
            f.write(json.dumps({"id": f"d{i:07d}", "text": "\n".join(s)}, ensure_ascii=False) + "\n")
        for j, i in enumerate(sorted(planted_from)):
            rate = rates[j % len(rates)]
            s = rewrite(rng, zipf, bases[i], rate)
            cid = f"p{j:07d}"
            f.write(json.dumps({"id": cid, "text": "\n".join(s)}, ensure_ascii=False) + "\n")
            p.write(f"d{i:07d},{cid},{rate}\n")
    print(f"wrote {args.n} documents ({n_planted} planted copies) to {args.out}")


def seed_sentences():
    out = []
    for name in sorted(os.listdir(os.path.join(REPO, "seeds"))):
        with open(os.path.join(REPO, "seeds", name), encoding="utf-8") as f:
            text = f.read()
        out += [x.split() for x in re.split(r"(?<=[.!؟?])\s+|\n+", text) if len(x.split()) >= 5]
    return out


class Topical:
    """Sentences on the seeds' topic: a seed sentence with about 40% of its words replaced by
    other words of the seeds (drawn by their frequency there) and a few neighbours swapped."""

    def __init__(self, rng):
        self.rng = rng
        self.sentences = seed_sentences()
        self.tokens = [w for s in self.sentences for w in s]

    def words(self, n):
        return [self.rng.choice(self.tokens) for _ in range(n)]

    def sentence(self):
        rng = self.rng
        words = [w if rng.random() < 0.6 else rng.choice(self.tokens)
                 for w in rng.choice(self.sentences)]
        for i in range(len(words) - 1):
            if rng.random() < 0.15:
                words[i], words[i + 1] = words[i + 1], words[i]
        return " ".join(words).rstrip(".") + "."

    def document(self):
        sentences, n = [], 0
        target = self.rng.randint(330, 490)
        while n < target:
            s = self.sentence()
            sentences.append(s)
            n += len(s.split())
        return sentences


OUTLETS = ["alarabiya", "aljazeera", "bbc_arabic", "france24", "skynews"]


def meta(rec, base, copy, sentences):
    """Title, outlet, date and URL for a topical record (`--meta`), derived from its numbers
    alone so the texts stay those of a run without `--meta`: a copy (copy > 0) of base document
    `base` appears in another outlet one to three days later, as a reprint would."""
    title = " ".join(sentences[0].split()[:8]).rstrip(".")
    outlet = OUTLETS[(base + copy) % len(OUTLETS)]
    day = 1 + base % 25 + (1 + copy % 3 if copy else 0)
    rec = {"id": rec["id"], "title": title, "outlet": outlet, "date": f"2018-03-{day:02d}",
           "url": f"https://{outlet}.example/{rec['id']}", "text": rec["text"]}
    return rec


def topical(args):
    rng = random.Random(args.seed)
    topic = Topical(rng)
    os.makedirs(args.out, exist_ok=True)
    rates = [0.0, 0.02, 0.05, 0.08, 0.12, 0.18, 0.25, 0.35]
    n_planted = args.n // 10
    n_base = args.n - n_planted
    bases = {}
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8") as f, \
            open(os.path.join(args.out, "plants.csv"), "w", encoding="utf-8") as p:
        p.write("original,copy,edit_rate\n")
        planted_from = set(rng.sample(range(n_base), n_planted))
        for i in range(n_base):
            s = topic.document()
            if i in planted_from:
                bases[i] = s
            rec = {"id": f"d{i:07d}", "text": "\n".join(s)}
            f.write(json.dumps(meta(rec, i, 0, s) if args.meta else rec, ensure_ascii=False) + "\n")
        for j, i in enumerate(sorted(planted_from)):
            rate = rates[j % len(rates)]
            s = rewrite(rng, topic, bases[i], rate)
            cid = f"p{j:07d}"
            rec = {"id": cid, "text": "\n".join(s)}
            f.write(json.dumps(meta(rec, i, j + 1, s) if args.meta else rec, ensure_ascii=False) + "\n")
            p.write(f"d{i:07d},{cid},{rate}\n")
    print(f"wrote {args.n} topical documents ({n_planted} planted copies) to {args.out}")


def variants(args):
    rng = random.Random(args.seed)
    topic = Topical(rng)
    stories = []
    for name in sorted(os.listdir(os.path.join(REPO, "seeds")))[:args.stories]:
        with open(os.path.join(REPO, "seeds", name), encoding="utf-8") as f:
            stories.append([x for x in re.split(r"(?<=[.!؟?])\s+|\n+", f.read()) if x.strip()])
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for i in range(args.n):
            s = rewrite(rng, topic, stories[i % len(stories)], args.rate)
            f.write(json.dumps({"id": f"v{i:06d}", "text": "\n".join(s)}, ensure_ascii=False) + "\n")
    print(f"wrote {args.n} variants of {len(stories)} seeds to {args.out}")


def tiny(args):
    rng = random.Random(args.seed)
    zipf = Zipf(rng, vocabulary(rng, 60000))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for i in range(args.n):
            text = " ".join(zipf.words(args.words))
            f.write(json.dumps({"id": f"t{i:07d}", "text": text}, ensure_ascii=False) + "\n")
    print(f"wrote {args.n} records of {args.words} words to {args.out}")


def trec(raw):
    """Fields of an ANT TREC-style record; the article is TEXT (ABSTRACT repeats its lead)."""
    rec = {}
    for tag in ["URL", "SRC", "TITLE", "ABSTRACT", "TEXT"]:
        m = re.search(rf"<{tag}>(.*?)</{tag}>", raw, re.S)
        if m:
            rec[tag.lower()] = m.group(1).strip()
    rec["text"] = rec.get("text") or rec.get("abstract") or ""
    return rec


def news(args):
    data = args.data or os.path.join(REPO, "..", "shared", "data", "news")
    if not os.path.isdir(data):
        print(f"news corpus not found at {data}: skipping (it is third-party data, not shipped)")
        return
    os.makedirs(args.out, exist_ok=True)
    n = 0
    with open(os.path.join(args.out, "corpus.jsonl"), "w", encoding="utf-8") as f:
        snn = os.path.join(data, "saudinewsnet")
        for name in sorted(os.listdir(snn)) if os.path.isdir(snn) else []:
            if not name.endswith(".zip"):
                continue
            with zipfile.ZipFile(os.path.join(snn, name)) as z:
                for member in sorted(z.namelist()):
                    if not member.endswith(".json"):
                        continue
                    for k, rec in enumerate(json.loads(z.read(member).decode("utf-8"))):
                        text = rec.get("content") or ""
                        if not text.strip():
                            continue
                        f.write(json.dumps({"id": f"snn/{member}/{k:05d}", "text": text,
                                            "title": rec.get("title"), "outlet": rec.get("source"),
                                            "url": rec.get("url")}, ensure_ascii=False) + "\n")
                        n += 1
        for tgz in ["ant-multisource-v2.1.tar.gz", "ant-jawharafm-v1.1.tar.gz"]:
            path = os.path.join(data, tgz)
            if not os.path.exists(path):
                continue
            with tarfile.open(path) as t:
                for m in sorted(t.getmembers(), key=lambda m: m.name):
                    if not m.isfile() or not m.name.endswith(".txt"):
                        continue
                    raw = t.extractfile(m).read().decode("utf-8", "replace")
                    rec = trec(raw)
                    if not rec.get("text", "").strip():
                        continue
                    parts = m.name.split("/")
                    f.write(json.dumps({"id": m.name, "text": rec["text"], "title": rec.get("title"),
                                        "url": rec.get("url"),
                                        "outlet": rec.get("src") or (parts[1] if len(parts) > 3 else parts[0])},
                                       ensure_ascii=False) + "\n")
                    n += 1
    print(f"wrote {n} news articles to {args.out}/corpus.jsonl")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen")
    g.add_argument("n", type=int)
    g.add_argument("out")
    g.add_argument("--seed", type=int, default=7)
    g.set_defaults(func=gen)
    t = sub.add_parser("topical")
    t.add_argument("n", type=int)
    t.add_argument("out")
    t.add_argument("--seed", type=int, default=7)
    t.add_argument("--meta", action="store_true",
                   help="add title, outlet (five), date (March 2018) and URL to each record")
    t.set_defaults(func=topical)
    v = sub.add_parser("variants")
    v.add_argument("n", type=int)
    v.add_argument("out")
    v.add_argument("--stories", type=int, default=5)
    v.add_argument("--rate", type=float, default=0.05)
    v.add_argument("--seed", type=int, default=7)
    v.set_defaults(func=variants)
    y = sub.add_parser("tiny")
    y.add_argument("n", type=int)
    y.add_argument("out")
    y.add_argument("--words", type=int, default=3)
    y.add_argument("--seed", type=int, default=7)
    y.set_defaults(func=tiny)
    w = sub.add_parser("news")
    w.add_argument("out")
    w.add_argument("--data")
    w.set_defaults(func=news)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    sys.exit(main())
