"""parallax: find republished news articles, the passages they share, and
how each outlet frames events and actors (Arabic first, French and English
too).

The functions call the same Rust code as the ``parallax`` command with the
same defaults, so their answers equal the command's files. Long calls
release the GIL and use every core.

Stages, one function each::

    normalize(text)              tokens with code-point offsets, norm and key
    sketch(texts)                MinHash signatures, numpy uint32 (n, num_perm)
    band_keys(signatures)        LSH band keys, numpy uint64 (n, bands)
    LshIndex(threshold)          insert / query / remove signatures
    similarity(a, b)             exact Jaccard and containments
    passages(a, b)               shared passages
    score(text)                  frames, stance toward actors, evidence
    run(inputs, output_dir)      the whole pipeline, tables as pyarrow
"""

from __future__ import annotations

import dataclasses
import os
import warnings
from typing import Any, Dict, Hashable, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import _native
from ._native import ParallaxError

__version__ = _native.__version__

__all__ = [
    "Config",
    "LshIndex",
    "ParallaxError",
    "Result",
    "band_keys",
    "lsh_params",
    "normalize",
    "passages",
    "run",
    "score",
    "similarity",
    "similarity_pairs",
    "sketch",
]

_DEFAULTS: Dict[str, Any] = _native.defaults()


def _field(name: str) -> Any:
    value = _DEFAULTS[name]
    if isinstance(value, list):
        return dataclasses.field(default_factory=list)
    return dataclasses.field(default=value)


@dataclasses.dataclass(frozen=True)
class Config:
    """Options of a run, with the ``parallax`` command's defaults.

    Each field is the command-line flag of the same name (``num_perm`` is
    ``--num-perm``). Values are checked when the object is made: a bad one
    raises :class:`ParallaxError` naming the parameter.
    """

    shingle: str = _field("shingle")
    num_perm: int = _field("num_perm")
    seed: int = _field("seed")
    threshold: float = _field("threshold")
    containment: float = _field("containment")
    matrix_limit: int = _field("matrix_limit")
    matrices: bool = _field("matrices")
    min_words: int = _field("min_words")
    max_gap: int = _field("max_gap")
    boilerplate_docs: int = _field("boilerplate_docs")
    min_passage_score: float = _field("min_passage_score")
    min_copied_run: int = _field("min_copied_run")
    distance: str = _field("distance")
    lexicon: Sequence[Union[str, os.PathLike]] = _field("lexicon")
    targets: Sequence[Union[str, os.PathLike]] = _field("targets")
    no_default_lexicon: bool = _field("no_default_lexicon")
    encoding: Optional[str] = _field("encoding")
    text_col: str = _field("text_col")
    id_col: str = _field("id_col")
    title_col: str = _field("title_col")
    date_col: str = _field("date_col")
    outlet_col: str = _field("outlet_col")
    strict: bool = _field("strict")
    max_file_size: Optional[int] = _field("max_file_size")
    format: str = _field("format")
    no_bom: bool = _field("no_bom")
    force: bool = _field("force")

    def __post_init__(self) -> None:
        if isinstance(self.lexicon, (str, os.PathLike)):
            object.__setattr__(self, "lexicon", [self.lexicon])
        object.__setattr__(self, "lexicon", [os.fspath(p) for p in self.lexicon])
        if isinstance(self.targets, (str, os.PathLike)):
            object.__setattr__(self, "targets", [self.targets])
        object.__setattr__(self, "targets", [os.fspath(p) for p in self.targets])
        bands, rows = _native.check(self._dict())
        object.__setattr__(self, "_lsh", (bands, rows))

    def _dict(self) -> Dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @property
    def lsh(self) -> Tuple[int, int]:
        """The LSH ``(bands, rows)`` chosen for ``threshold`` and ``num_perm``."""
        return self._lsh  # type: ignore[attr-defined]

    def replace(self, **options: Any) -> "Config":
        """A copy with some options changed (checked again)."""
        return dataclasses.replace(self, **options)


def _config(config: Optional[Config], options: Dict[str, Any]) -> Config:
    if config is None:
        return Config(**options)
    if options:
        return config.replace(**options)
    return config


def _texts(texts: Any) -> List[str]:
    """A list of str from a list, a numpy array, a pandas Series or a pyarrow
    (chunked) string array. Missing values are refused."""
    if isinstance(texts, str):
        raise TypeError("expected a sequence of texts, got one str; wrap it in a list")
    if hasattr(texts, "to_pylist"):  # pyarrow Array / ChunkedArray
        texts = texts.to_pylist()
    elif hasattr(texts, "tolist"):  # numpy, pandas
        texts = texts.tolist()
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"text {i}: expected str, got {type(t).__name__}")
    return out


def normalize(text: str) -> List[Dict[str, Any]]:
    """The tokens of ``text`` as parallax sees them.

    Each token is a dict with ``start``/``end`` (code-point offsets:
    ``text[start:end]`` is the surface), ``norm`` (folded form), ``key``
    (``norm`` without clitics, month names unified: what shingles and
    passages match on), ``sentence`` (0-based) and ``number``.
    """
    return [
        {"start": s, "end": e, "norm": n, "key": k, "sentence": sent, "number": num}
        for (s, e, n, k, sent, num) in _native.normalize(text)
    ]


def sketch(texts: Iterable[str], config: Optional[Config] = None, **options: Any) -> np.ndarray:
    """MinHash signatures of ``texts``: a ``uint32`` array ``(n, num_perm)``.

    The signatures are the ones the command computes (same shingles, seed
    and ``num_perm``), so the share of equal slots of two rows is
    ``jaccard_est`` in ``pairs.csv``. Texts are sketched in parallel.
    """
    cfg = _config(config, options)
    data, num_perm = _native.sketch(_texts(texts), cfg._dict())
    return np.frombuffer(data, dtype=np.uint32).reshape(-1, num_perm)


def _sig_bytes(signatures: Any, num_perm: Optional[int] = None) -> Tuple[bytes, int]:
    arr = np.ascontiguousarray(signatures, dtype=np.uint32)
    if arr.ndim == 1:
        arr = arr.reshape(1, -1)
    if arr.ndim != 2:
        raise ValueError(f"signatures must be 1-D or 2-D, got {arr.ndim}-D")
    if num_perm is not None and arr.shape[1] != num_perm:
        raise ParallaxError(
            f"signature has {arr.shape[1]} values; this index expects num_perm = {num_perm}"
        )
    return arr.tobytes(), arr.shape[1]


def lsh_params(threshold: float = 0.5, num_perm: int = 128) -> Tuple[int, int]:
    """The ``(bands, rows)`` parallax chooses for a Jaccard ``threshold``."""
    return _native.lsh_params(threshold, num_perm)


def band_keys(
    signatures: np.ndarray, threshold: float = 0.5, bands_rows: Optional[Tuple[int, int]] = None
) -> Tuple[np.ndarray, np.ndarray]:
    """LSH band keys of signature rows, for a distributed join.

    Returns ``(keys, empty)``: ``keys`` is ``uint64 (n, bands)``; two
    documents are candidates when they share a key in the same column.
    ``empty[i]`` is true for an empty document, which has no keys (its row
    is zeros) and must never be joined.
    """
    data, num_perm = _sig_bytes(signatures)
    bands, rows = bands_rows if bands_rows is not None else lsh_params(threshold, num_perm)
    out, empty = _native.band_keys(data, num_perm, bands, rows)
    return np.frombuffer(out, dtype=np.uint64).reshape(-1, bands), np.array(empty, dtype=bool)


def similarity(a: str, b: str, config: Optional[Config] = None, **options: Any) -> Dict[str, float]:
    """Exact overlap of the shingle sets of two texts:
    ``{"jaccard", "containment_ab", "containment_ba"}`` (``containment_ab``
    is the share of ``a``'s shingles found in ``b``)."""
    return similarity_pairs([a], [b], config, **options)[0]


def similarity_pairs(
    a: Iterable[str], b: Iterable[str], config: Optional[Config] = None, **options: Any
) -> List[Dict[str, float]]:
    """:func:`similarity` of ``a[i]`` and ``b[i]`` for every ``i``, in
    parallel (to verify LSH candidates in bulk)."""
    cfg = _config(config, options)
    return [
        {"jaccard": j, "containment_ab": cab, "containment_ba": cba}
        for (j, cab, cba) in _native.similarity_pairs(_texts(a), _texts(b), cfg._dict())
    ]


def passages(a: str, b: str, config: Optional[Config] = None, **options: Any) -> List[Dict[str, Any]]:
    """The passages two texts share, sorted by their start in ``a``.

    Each is a dict with ``a_start, a_end, b_start, b_end`` (code-point
    offsets), ``a_words, b_words`` (tokens covered) and ``score`` (1 for a
    verbatim copy, about 0.4–0.6 for a close rewrite). Options:
    ``min_words``, ``max_gap``.
    """
    cfg = _config(config, options)
    keys = ("a_start", "a_end", "b_start", "b_end", "a_words", "b_words", "score")
    return [dict(zip(keys, p)) for p in _native.passages(a, b, cfg._dict())]


def score(
    text: Union[str, Iterable[str]],
    lexicon: Union[None, str, os.PathLike, Sequence[Union[str, os.PathLike]]] = None,
    config: Optional[Config] = None,
    **options: Any,
) -> Union[Dict[str, Any], List[Dict[str, Any]]]:
    """Frames, stance and evidence of a text (or of each text of a list).

    Returns ``{"frames": {frame: {"hits", "per_1k", "weighted"}},
    "stance": {target: {"score", "mentions", "quoted_score",
    "quoted_mentions"}}, "evidence": [hit, ...], "words", "polarity"}``.
    ``lexicon`` adds lexicon files to the default lexicon (pass
    ``no_default_lexicon=True`` to use them alone); ``targets=[FILE]`` adds
    targets files (``--targets``). Evidence offsets are code points.
    """
    if lexicon is not None:
        options = dict(options, lexicon=lexicon)
    cfg = _config(config, options)
    if isinstance(text, str):
        return _native.score([text], cfg._dict())[0]
    return _native.score(_texts(text), cfg._dict())


class LshIndex:
    """An in-memory MinHash LSH index, like datasketch's ``MinHashLSH``.

    Keys are any hashable values; signatures are rows of :func:`sketch`.
    ``query`` returns the keys that share an LSH band with the signature
    (candidates, not verified), in insertion order.
    """

    def __init__(self, threshold: float = 0.5, num_perm: int = 128) -> None:
        self._index = _native.LshIndex(threshold, num_perm)
        self.threshold = threshold
        self.num_perm = num_perm
        self._ids: Dict[Hashable, int] = {}
        self._keys: Dict[int, Hashable] = {}
        self._next = 0

    @property
    def params(self) -> Tuple[int, int]:
        """``(bands, rows)``."""
        return self._index.params()

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._ids

    def insert(self, key: Hashable, signature: np.ndarray) -> None:
        """Adds ``key``; raises ``ValueError`` if it is already there."""
        self.insert_many([key], signature)

    def insert_many(self, keys: Sequence[Hashable], signatures: np.ndarray) -> None:
        """Adds ``keys[i]`` with row ``i`` of ``signatures``."""
        keys = list(keys)
        data, _ = _sig_bytes(signatures, self.num_perm)
        seen = set()
        for k in keys:
            if k in self._ids or k in seen:
                raise ValueError(f"key {k!r} is already in the index; remove it first")
            seen.add(k)
        ids = list(range(self._next, self._next + len(keys)))
        self._index.insert_many(ids, data)
        for k, i in zip(keys, ids):
            self._ids[k] = i
            self._keys[i] = k
        self._next += len(keys)

    def query(self, signature: np.ndarray) -> List[Hashable]:
        """Keys sharing at least one band with ``signature``."""
        return self.query_many(np.asarray(signature).reshape(1, -1))[0]

    def query_many(self, signatures: np.ndarray) -> List[List[Hashable]]:
        """:meth:`query` for each row."""
        data, _ = _sig_bytes(signatures, self.num_perm)
        return [[self._keys[i] for i in hits] for hits in self._index.query_many(data)]

    def remove(self, key: Hashable) -> None:
        """Removes ``key``; raises ``KeyError`` if it is not there."""
        i = self._ids.pop(key)
        del self._keys[i]
        self._index.remove(i)


_TYPES = {"string": "string", "int64": "int64", "float64": "float64", "bool": "bool_"}


class Result:
    """What :func:`run` found: one ``pyarrow.Table`` per output table, with
    the columns of the CSV file of the same name (numbers at full precision,
    text as is; the CSV rounds ratios to 6 decimals and guards formulas)."""

    documents: "Any"
    pairs: "Any"
    clusters: "Any"
    passages: "Any"
    framing: "Any"
    stance: "Any"
    evidence: "Any"
    framing_shift: "Any"

    def __init__(self, tables: Dict[str, Any], problems: List[str], files: List[str]) -> None:
        import pyarrow as pa

        self.tables: Dict[str, Any] = {}
        for name, cols in tables.items():
            arrays = [pa.array(values, type=getattr(pa, _TYPES[ty])()) for (_, ty, values) in cols]
            self.tables[name] = pa.table(arrays, names=[c for (c, _, _) in cols])
            setattr(self, name, self.tables[name])
        #: Inputs skipped as bad, as the command reports them.
        self.problems: List[str] = problems
        #: Files written (when ``output_dir`` was given).
        self.files: List[str] = files

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}={v.num_rows}" for k, v in self.tables.items())
        return f"<parallax.Result {sizes}>"


def run(
    inputs: Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]],
    output_dir: Union[None, str, os.PathLike] = None,
    config: Optional[Config] = None,
    **options: Any,
) -> Result:
    """Runs the whole analysis, as ``parallax run INPUT... -o output_dir``.

    ``inputs`` are files or folders (.txt .md .html .jsonl .csv). When
    ``output_dir`` is given the usual files are written there (``format``
    chooses which, as ``--format``). Inputs skipped as bad are reported as
    warnings and listed in ``Result.problems`` (``strict=True`` raises
    instead).
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    paths = [os.fspath(p) for p in inputs]
    cfg = _config(config, options)
    out = None if output_dir is None else os.fspath(output_dir)
    tables, problems, files = _native.run(paths, cfg._dict(), out)
    for p in problems:
        warnings.warn(f"{p} (skipped)", stacklevel=2)
    return Result(tables, problems, files)
