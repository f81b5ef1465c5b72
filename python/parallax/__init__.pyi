"""Type hints of the parallax package (see the docstrings in __init__.py)."""

import os
from typing import Any, Dict, Hashable, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt
import pyarrow as pa

__version__: str

_Path = Union[str, os.PathLike[str]]
_Texts = Union[Sequence[str], "np.ndarray[Any, Any]", pa.Array, pa.ChunkedArray]

class ParallaxError(ValueError): ...

class Config:
    shingle: str
    num_perm: int
    seed: int
    threshold: float
    containment: float
    matrix_limit: int
    matrices: bool
    min_words: int
    max_gap: int
    boilerplate_docs: int
    min_passage_score: float
    min_copied_run: int
    distance: str
    lexicon: Sequence[_Path]
    targets: Sequence[_Path]
    no_default_lexicon: bool
    encoding: Optional[str]
    text_col: str
    id_col: str
    title_col: str
    date_col: str
    outlet_col: str
    strict: bool
    max_file_size: Optional[int]
    format: str
    no_bom: bool
    force: bool
    def __init__(
        self,
        shingle: str = ...,
        num_perm: int = ...,
        seed: int = ...,
        threshold: float = ...,
        containment: float = ...,
        matrix_limit: int = ...,
        matrices: bool = ...,
        min_words: int = ...,
        max_gap: int = ...,
        boilerplate_docs: int = ...,
        min_passage_score: float = ...,
        min_copied_run: int = ...,
        distance: str = ...,
        lexicon: Union[_Path, Sequence[_Path]] = ...,
        targets: Union[_Path, Sequence[_Path]] = ...,
        no_default_lexicon: bool = ...,
        encoding: Optional[str] = ...,
        text_col: str = ...,
        id_col: str = ...,
        title_col: str = ...,
        date_col: str = ...,
        outlet_col: str = ...,
        strict: bool = ...,
        max_file_size: Optional[int] = ...,
        format: str = ...,
        no_bom: bool = ...,
        force: bool = ...,
    ) -> None: ...
    @property
    def lsh(self) -> Tuple[int, int]: ...
    def replace(self, **options: Any) -> Config: ...

def normalize(text: str) -> List[Dict[str, Any]]: ...
def sketch(
    texts: _Texts, config: Optional[Config] = None, **options: Any
) -> npt.NDArray[np.uint32]: ...
def lsh_params(threshold: float = 0.5, num_perm: int = 128) -> Tuple[int, int]: ...
def band_keys(
    signatures: npt.ArrayLike,
    threshold: float = 0.5,
    bands_rows: Optional[Tuple[int, int]] = None,
) -> Tuple[npt.NDArray[np.uint64], npt.NDArray[np.bool_]]: ...
def similarity(
    a: str, b: str, config: Optional[Config] = None, **options: Any
) -> Dict[str, float]: ...
def similarity_pairs(
    a: _Texts, b: _Texts, config: Optional[Config] = None, **options: Any
) -> List[Dict[str, float]]: ...
def passages(
    a: str, b: str, config: Optional[Config] = None, **options: Any
) -> List[Dict[str, Any]]: ...
def score(
    text: Union[str, _Texts],
    lexicon: Union[None, _Path, Sequence[_Path]] = None,
    config: Optional[Config] = None,
    **options: Any,
) -> Union[Dict[str, Any], List[Dict[str, Any]]]: ...

class LshIndex:
    threshold: float
    num_perm: int
    def __init__(self, threshold: float = 0.5, num_perm: int = 128) -> None: ...
    @property
    def params(self) -> Tuple[int, int]: ...
    def __len__(self) -> int: ...
    def __contains__(self, key: Hashable) -> bool: ...
    def insert(self, key: Hashable, signature: npt.ArrayLike) -> None: ...
    def insert_many(self, keys: Sequence[Hashable], signatures: npt.ArrayLike) -> None: ...
    def query(self, signature: npt.ArrayLike) -> List[Hashable]: ...
    def query_many(self, signatures: npt.ArrayLike) -> List[List[Hashable]]: ...
    def remove(self, key: Hashable) -> None: ...

class Result:
    tables: Dict[str, pa.Table]
    documents: pa.Table
    pairs: pa.Table
    clusters: pa.Table
    passages: pa.Table
    framing: pa.Table
    stance: pa.Table
    evidence: pa.Table
    framing_shift: pa.Table
    problems: List[str]
    files: List[str]

def run(
    inputs: Union[_Path, Sequence[_Path]],
    output_dir: Optional[_Path] = None,
    config: Optional[Config] = None,
    **options: Any,
) -> Result: ...
