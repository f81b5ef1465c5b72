"""The index against brute force, the batch functions, and errors."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

import parallax


def texts_of(corpus):
    return [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]


def brute_force_candidates(sigs, q, threshold):
    keys, empty = parallax.band_keys(sigs, threshold)
    qk = keys[q]
    if empty[q]:
        return []
    return [i for i in range(len(sigs)) if not empty[i] and np.any(keys[i] == qk)]


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
def test_index_equals_brute_force(corpus, threshold):
    texts = texts_of(corpus)
    sigs = parallax.sketch(texts)
    index = parallax.LshIndex(threshold=threshold, num_perm=128)
    index.insert_many([f"d{i}" for i in range(len(texts))], sigs)
    assert len(index) == len(texts)
    for q in range(len(texts)):
        want = [f"d{i}" for i in brute_force_candidates(sigs, q, threshold)]
        assert index.query(sigs[q]) == want
        assert f"d{q}" in want
    assert index.query_many(sigs[:3]) == [index.query(s) for s in sigs[:3]]


def test_index_recall_against_exact_similarity(corpus):
    texts = texts_of(corpus)
    sigs = parallax.sketch(texts)
    index = parallax.LshIndex(threshold=0.5)
    for i, s in enumerate(sigs):
        index.insert(i, s)
    found = want = 0
    for i in range(len(texts)):
        hits = set(index.query(sigs[i]))
        others = [j for j in range(len(texts)) if j != i]
        sims = parallax.similarity_pairs([texts[i]] * len(others), [texts[j] for j in others])
        for j, s in zip(others, sims):
            if s["jaccard"] >= 0.6:
                want += 1
                found += j in hits
    assert want >= 20, want
    assert found / want >= 0.95, (found, want)


def test_index_remove_and_keys():
    sigs = parallax.sketch(["الجزائر تعلن عن زيارة رسمية إلى باريس الأسبوع المقبل"] * 2 + ["Le temps à Oran"])
    index = parallax.LshIndex()
    index.insert(("a", 1), sigs[0])
    index.insert("b", sigs[1])
    index.insert(3, sigs[2])
    assert index.query(sigs[0]) == [("a", 1), "b"]
    with pytest.raises(ValueError, match="already in the index"):
        index.insert("b", sigs[0])
    index.remove("b")
    assert "b" not in index and len(index) == 2
    assert index.query(sigs[0]) == [("a", 1)]
    with pytest.raises(KeyError):
        index.remove("b")
    index.insert("b", sigs[1])
    assert index.query(sigs[1]) == [("a", 1), "b"]
    with pytest.raises(parallax.ParallaxError, match="num_perm = 128"):
        index.query(np.zeros(64, dtype=np.uint32))


def test_empty_text_has_no_candidates():
    sigs = parallax.sketch(["", "   ", "نص قصير"])
    keys, empty = parallax.band_keys(sigs)
    assert empty.tolist() == [True, True, False]
    index = parallax.LshIndex()
    index.insert_many(["e1", "e2", "t"], sigs)
    assert index.query(sigs[0]) == []


def test_band_keys_follow_lsh_params():
    bands, rows = parallax.lsh_params(0.5, 128)
    assert bands * rows <= 128
    sigs = parallax.sketch(["a b c d e f g h", "x y z"])
    keys, _ = parallax.band_keys(sigs, 0.5)
    assert keys.shape == (2, bands) and keys.dtype == np.uint64
    assert parallax.Config(threshold=0.5).lsh == (bands, rows)


def test_sketch_options_change_signatures():
    t = ["أعلنت وزارة الخارجية الجزائرية اليوم عن زيارة رسمية"]
    assert parallax.sketch(t, num_perm=64).shape == (1, 64)
    assert not np.array_equal(parallax.sketch(t), parallax.sketch(t, seed=1))
    cfg = parallax.Config(shingle="word:2")
    assert np.array_equal(parallax.sketch(t, cfg), parallax.sketch(t, shingle="word:2"))


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


@pytest.mark.parametrize(
    "param, value",
    [("threshold", 2.0), ("containment", 0.0), ("num_perm", 0), ("boilerplate_docs", 2), ("min_passage_score", 1.5), ("min_words", 0)],
)
def test_bad_parameters_are_named_like_the_cli_flags(cli, seeds, tmp_path, param, value):
    with pytest.raises(parallax.ParallaxError) as e:
        parallax.Config(**{param: value})
    msg = str(e.value)
    assert msg.startswith(param + " "), msg
    code, _, err = cli("run", seeds, "-o", tmp_path, "-q", flag(param), value, check=False)
    assert code == 2
    assert err.strip() == "parallax: error: " + flag(param) + msg[len(param):]


def test_bad_input_raises_the_cli_message(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "نص"}\n{"id": "b", "text":\n', encoding="utf-8")
    code, _, err = cli("run", bad, "--strict", "-o", tmp_path / "o", "-q", check=False)
    assert code == 2
    with pytest.raises(parallax.ParallaxError) as e:
        parallax.run(bad, strict=True)
    assert err.strip() == f"parallax: error: {e.value}"
    assert ":2:" in str(e.value)
    # Without strict the bad record is skipped with a warning, as the CLI does.
    with pytest.warns(UserWarning, match="skipped"):
        res = parallax.run(bad)
    assert res.documents.num_rows == 1 and len(res.problems) == 1
    missing = tmp_path / "nope"
    code, _, err = cli("run", missing, "-o", tmp_path / "o", "-q", check=False)
    with pytest.raises(parallax.ParallaxError) as e:
        parallax.run(missing)
    assert err.strip() == f"parallax: error: {e.value}"
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = cli("run", empty, "-o", tmp_path / "o", "-q", check=False)
    with pytest.raises(parallax.ParallaxError) as e:
        parallax.run(empty)
    assert err.strip() == f"parallax: error: {e.value}"


def test_advice_names_parameters_not_flags(cli, tmp_path):
    feed = tmp_path / "feed.csv"
    feed.write_text("uid,body\n1,some text\n", encoding="utf-8")
    with pytest.raises(parallax.ParallaxError) as e:
        parallax.run(feed, strict=True)
    msg = str(e.value)
    assert msg.endswith("; set text_col=NAME") and "--" not in msg, msg
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "a", "text": "Trade talks resumed in Algiers."}\n', encoding="utf-8")
    with pytest.warns(UserWarning, match="text_col"):
        assert parallax.run([feed, good]).problems == [msg]
    # The command line gives the same advice with its flag.
    code, _, err = cli("run", feed, "--strict", "-o", tmp_path / "o", "-q", check=False)
    assert code == 2
    cli_msg = msg.replace("set text_col=NAME", "pass --text-col NAME")
    assert err.strip() == f"parallax: error: {cli_msg}"
    with pytest.raises(parallax.ParallaxError) as e:
        parallax.Config(num_perm=1, threshold=0.1)
    msg = str(e.value)
    assert "raise num_perm (e.g. 64) or threshold" in msg and "--" not in msg, msg


def test_bad_lexicon_and_options(tmp_path):
    lex = tmp_path / "lex.yaml"
    lex.write_text("this: [is not: a lexicon\n", encoding="utf-8")
    with pytest.raises(parallax.ParallaxError, match="reading lexicon"):
        parallax.score("نص", lexicon=lex)
    with pytest.raises(parallax.ParallaxError, match="no_default_lexicon"):
        parallax.score("نص", no_default_lexicon=True)
    with pytest.raises(TypeError):
        parallax.Config(thresold=0.5)
    with pytest.raises(parallax.ParallaxError, match="shingle"):
        parallax.sketch(["a"], shingle="word:0")
    with pytest.raises(parallax.ParallaxError, match="format"):
        parallax.Config(format="pdf")
    with pytest.raises(TypeError, match="one str"):
        parallax.sketch("a text")
    with pytest.raises(TypeError, match="text 1"):
        parallax.sketch(["a", None])
    out = tmp_path / "file"
    out.write_text("x")
    with pytest.raises(parallax.ParallaxError, match="not a folder"):
        parallax.run(tmp_path, output_dir=out)


def test_normalize_offsets_slice_the_text():
    text = "قال وزير الخارجية، يوم ١٢ مارس ٢٠١٨: «سنعمل معاً». L'Algérie a répondu."
    toks = parallax.normalize(text)
    assert [text[t["start"] : t["end"]] for t in toks][:3] == ["قال", "وزير", "الخارجية"]
    nums = [t for t in toks if t["number"]]
    assert [t["norm"] for t in nums] == ["12", "2018"]
    assert any(t["key"] == "month03" for t in toks)
    assert toks[-1]["sentence"] > toks[0]["sentence"]


def test_gil_is_released_during_sketch():
    import threading
    import time

    rng = random.Random(1)
    words = ["الجزائر", "فرنسا", "زيارة", "وزير", "اقتصاد", "أمن", "حدود", "اتفاق"]
    texts = [" ".join(rng.choice(words) for _ in range(3000)) for _ in range(200)]
    ticks = []
    stop = threading.Event()

    def tick():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    t0 = time.perf_counter()
    parallax.sketch(texts)
    t1 = time.perf_counter()
    stop.set()
    t.join()
    during = [x for x in ticks if t0 < x < t1]
    # With the GIL held the other thread could not tick at all.
    assert t1 - t0 < 0.02 or len(during) >= 2, (t1 - t0, len(during))


def test_targets_file_adds_an_actor(tmp_path):
    targets = tmp_path / "targets.yaml"
    targets.write_text("wagner:\n  label: Wagner group\n  ar: [فاغنر, مجموعة فاغنر]\n"
                       "  en: [Wagner]\n", encoding="utf-8")
    text = "وأدانت الحكومة بشدة مجموعة فاغنر بسبب مجزرة المدنيين."
    s = parallax.score(text, targets=[targets])
    assert s["stance"]["wagner"]["mentions"] == 1
    assert s["stance"]["wagner"]["score"] < 0
    # Without the file the actor is unknown.
    assert "wagner" not in parallax.score(text)["stance"]
    bad = tmp_path / "bad.tsv"
    bad.write_text("key\tar\nWagner Group\tفاغنر\n", encoding="utf-8")
    with pytest.raises(parallax.ParallaxError, match="bad.tsv:2"):
        parallax.score(text, targets=bad)
