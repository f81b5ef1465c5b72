//! `parallax._native`: the Rust side of the `parallax` Python package.
//!
//! Thin on purpose: every function calls the library's stages with the
//! options the Python layer (`parallax/__init__.py`) checked into a dict,
//! releases the GIL while the stages run, and hands back plain Python
//! objects or byte buffers that the Python layer views as numpy arrays
//! (no copy) or turns into Arrow tables. Batch functions take lists of
//! texts and return one buffer, so a caller such as a Spark `mapInArrow`
//! pays the crossing once per batch, not once per document.

use std::path::PathBuf;
use std::sync::OnceLock;

use parallax::align::{self, AlignOptions};
use parallax::candidates::{self, LshIndex as Index, LshParams};
use parallax::config::Config;
use parallax::doc::{CharIndex, Corpus};
use parallax::ingest::{self, IngestOptions, Input};
use parallax::normalize::Normalizer;
use parallax::pipeline::{self, Silent, Stages};
use parallax::report::columns::{self, Column};
use parallax::report::{self, Formats, OutputOptions, TableKind};
use parallax::score::{Distance, Lexicon, Scorer};
use parallax::shingle::ShingleKind;
use parallax::sketch::{Scratch, Signature};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use rayon::prelude::*;

mod spark;

create_exception!(
    _native,
    ParallaxError,
    PyValueError,
    "Bad input or options: the parallax command's message, naming keyword arguments (num_perm) where the command names its flags (--num-perm)."
);

/// The message of an error and of its causes, joined by `": "`, as the
/// command line prints it (anyhow's `{:#}`).
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let m = c.to_string();
        if !s.ends_with(&m) {
            s.push_str(": ");
            s.push_str(&m);
        }
        cur = c.source();
    }
    s
}

fn err(e: parallax::Error) -> PyErr {
    ParallaxError::new_err(chain(&e))
}

fn msg(m: impl Into<String>) -> PyErr {
    ParallaxError::new_err(m.into())
}

/// Everything the Python `Config` carries, checked.
struct Opts {
    cfg: Config,
    lexicons: Vec<PathBuf>,
    targets: Vec<PathBuf>,
    no_default_lexicon: bool,
    ingest: IngestOptions,
    format: String,
    bom: bool,
    force: bool,
}

fn get<'py, T: FromPyObject<'py>>(d: &Bound<'py, PyDict>, key: &str, dflt: T) -> PyResult<T> {
    match d.get_item(key)? {
        Some(v) if !v.is_none() => v.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "option {key}: expected {}, got {}",
                std::any::type_name::<T>().rsplit("::").next().unwrap_or("a value"),
                v.get_type().name().map(|n| n.to_string()).unwrap_or_default()
            ))
        }),
        _ => Ok(dflt),
    }
}

fn opts(d: Option<&Bound<'_, PyDict>>) -> PyResult<Opts> {
    let dflt = Config::default();
    let di = IngestOptions::default();
    let Some(d) = d else {
        return Ok(Opts {
            cfg: dflt,
            lexicons: Vec::new(),
            targets: Vec::new(),
            no_default_lexicon: false,
            ingest: di,
            format: DEFAULT_FORMAT.into(),
            bom: true,
            force: false,
        });
    };
    let shingle: String = get(d, "shingle", dflt.shingle.to_string())?;
    let shingle: ShingleKind = shingle.parse().map_err(err)?;
    let distance: String = get(d, "distance", "js".to_string())?;
    let distance: Distance = distance.parse().map_err(err)?;
    let align = AlignOptions {
        min_words: get(d, "min_words", dflt.align.min_words)?,
        max_gap: get(d, "max_gap", dflt.align.max_gap)?,
        ..AlignOptions::default()
    };
    let cfg = Config {
        shingle,
        num_perm: get(d, "num_perm", dflt.num_perm)?,
        seed: get(d, "seed", dflt.seed)?,
        threshold: get(d, "threshold", dflt.threshold)?,
        containment: get(d, "containment", dflt.containment)?,
        matrix_limit: get(d, "matrix_limit", dflt.matrix_limit)?,
        matrices: get(d, "matrices", dflt.matrices)?,
        align,
        boilerplate_docs: get(d, "boilerplate_docs", dflt.boilerplate_docs)?,
        min_passage_score: get(d, "min_passage_score", dflt.min_passage_score)?,
        min_copied_run: get(d, "min_copied_run", dflt.min_copied_run)?,
        distance,
    };
    cfg.check().map_err(err)?;
    let mut ingest = IngestOptions {
        text_col: get(d, "text_col", di.text_col.clone())?,
        id_col: get(d, "id_col", di.id_col.clone())?,
        title_col: get(d, "title_col", di.title_col.clone())?,
        date_col: get(d, "date_col", di.date_col.clone())?,
        outlet_col: get(d, "outlet_col", di.outlet_col.clone())?,
        strict: get(d, "strict", false)?,
        ..di
    };
    if let Some(label) = get::<Option<String>>(d, "encoding", None)? {
        ingest.encoding = Some(ingest::encoding_by_label(&label).ok_or_else(|| {
            msg(format!(
                "unknown encoding {label:?}; try utf-8, utf-16le, utf-16be or windows-1256"
            ))
        })?);
    }
    if let Some(bytes) = get::<Option<u64>>(d, "max_file_size", None)? {
        if bytes == 0 {
            return Err(msg("max_file_size must be at least 1 byte"));
        }
        ingest.max_file_bytes = bytes;
        ingest.max_records_file_bytes = bytes;
    }
    let lexicons: Vec<PathBuf> = get(d, "lexicon", Vec::new())?;
    let targets: Vec<PathBuf> = get(d, "targets", Vec::new())?;
    let no_default_lexicon: bool = get(d, "no_default_lexicon", false)?;
    let format: String = get(d, "format", DEFAULT_FORMAT.to_string())?;
    let bom = !get(d, "no_bom", false)?;
    let force = get(d, "force", false)?;
    Ok(Opts { cfg, lexicons, targets, no_default_lexicon, ingest, format, bom, force })
}

/// The CLI's `--format` default.
const DEFAULT_FORMAT: &str = "csv,xlsx,html";

/// The lexicon: the default one extended by (or replaced with) the files,
/// as `parallax --lexicon FILE [--no-default-lexicon]` builds it.
fn lexicon(o: &Opts) -> PyResult<Lexicon> {
    if o.no_default_lexicon && o.lexicons.is_empty() {
        return Err(msg("no_default_lexicon needs at least one lexicon file"));
    }
    let mut lex = if o.no_default_lexicon { Lexicon::new() } else { Lexicon::default_lexicon() };
    for path in &o.lexicons {
        let more = Lexicon::load(path)
            .map_err(|e| msg(format!("reading lexicon {}: {}", path.display(), chain(&e))))?;
        lex.extend(more);
    }
    for path in &o.targets {
        let more = parallax::score::load_targets(path)
            .map_err(|e| msg(format!("reading targets {}: {}", path.display(), chain(&e))))?;
        lex.extend(more);
    }
    Ok(lex)
}

fn scorer(o: &Opts, normalizer: &Normalizer) -> PyResult<Scorer> {
    Scorer::new(&lexicon(o)?, normalizer)
        .map_err(|e| msg(format!("building the lexicon matcher: {}", chain(&e))))
}

/// The CLI's defaults as a dict (the Python `Config` takes its defaults
/// from here, so there is one source for them).
#[pyfunction]
fn defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let c = Config::default();
    let i = IngestOptions::default();
    let d = PyDict::new(py);
    d.set_item("shingle", c.shingle.to_string())?;
    d.set_item("num_perm", c.num_perm)?;
    d.set_item("seed", c.seed)?;
    d.set_item("threshold", c.threshold)?;
    d.set_item("containment", c.containment)?;
    d.set_item("matrix_limit", c.matrix_limit)?;
    d.set_item("matrices", c.matrices)?;
    d.set_item("min_words", c.align.min_words)?;
    d.set_item("max_gap", c.align.max_gap)?;
    d.set_item("boilerplate_docs", c.boilerplate_docs)?;
    d.set_item("min_passage_score", c.min_passage_score)?;
    d.set_item("min_copied_run", c.min_copied_run)?;
    d.set_item("distance", "js")?;
    d.set_item("lexicon", PyList::empty(py))?;
    d.set_item("targets", PyList::empty(py))?;
    d.set_item("no_default_lexicon", false)?;
    d.set_item("encoding", py.None())?;
    d.set_item("text_col", i.text_col)?;
    d.set_item("id_col", i.id_col)?;
    d.set_item("title_col", i.title_col)?;
    d.set_item("date_col", i.date_col)?;
    d.set_item("outlet_col", i.outlet_col)?;
    d.set_item("strict", false)?;
    d.set_item("max_file_size", py.None())?;
    d.set_item("format", DEFAULT_FORMAT)?;
    d.set_item("no_bom", false)?;
    d.set_item("force", false)?;
    Ok(d)
}

/// Checks a config dict; raises on the first bad value.
#[pyfunction]
#[pyo3(signature = (options))]
fn check(options: &Bound<'_, PyDict>) -> PyResult<(usize, usize)> {
    let o = opts(Some(options))?;
    let p = o.cfg.check().map_err(err)?;
    Formats::parse(&o.format).map_err(err)?;
    Ok((p.bands, p.rows))
}

/// Tokens of `text`: `(start, end, norm, key, sentence, is_number)`,
/// offsets in code points.
#[pyfunction]
fn normalize(py: Python<'_>, text: String) -> Vec<(usize, usize, String, String, u32, bool)> {
    py.allow_threads(|| {
        let nd = Normalizer::default().normalize(&text);
        let idx = CharIndex::new(&text);
        nd.tokens
            .iter()
            .map(|t| {
                (
                    idx.cp(&text, t.start as usize),
                    idx.cp(&text, t.end as usize),
                    nd.norm(t).to_string(),
                    nd.key(t).to_string(),
                    t.sentence,
                    t.kind == parallax::normalize::TokenKind::Number,
                )
            })
            .collect()
    })
}

/// MinHash signatures of `texts`, row after row: `len(texts) × num_perm`
/// native-endian `u32`, and `num_perm`. Texts are sketched in parallel.
#[pyfunction]
#[pyo3(signature = (texts, options=None))]
fn sketch<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<(Bound<'py, PyBytes>, usize)> {
    let o = opts(options)?;
    let sk = o.cfg.sketcher().map_err(err)?;
    let k = sk.hasher().num_perm();
    let out: Vec<u8> = py.allow_threads(|| {
        let sigs: Vec<Signature> = texts
            .par_iter()
            .map_init(Scratch::default, |scratch, t| sk.sketch_text(t, scratch).signature)
            .collect();
        let mut out = Vec::with_capacity(sigs.len() * k * 4);
        for s in &sigs {
            for v in &s.0 {
                out.extend_from_slice(&v.to_ne_bytes());
            }
        }
        out
    });
    Ok((PyBytes::new(py, &out), k))
}

fn signatures(data: &[u8], num_perm: usize) -> PyResult<Vec<Signature>> {
    if num_perm == 0 || !data.len().is_multiple_of(4 * num_perm) {
        return Err(msg(format!(
            "signatures: {} bytes is not a whole number of rows of num_perm = {num_perm} uint32",
            data.len()
        )));
    }
    Ok(data
        .chunks_exact(4 * num_perm)
        .map(|row| {
            Signature(
                row.chunks_exact(4).map(|b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]])).collect(),
            )
        })
        .collect())
}

/// Bands and rows chosen for `threshold` with `num_perm` slots.
#[pyfunction]
fn lsh_params(threshold: f64, num_perm: usize) -> PyResult<(usize, usize)> {
    let cfg = Config { threshold, num_perm, ..Config::default() };
    let p = cfg.check().map_err(err)?;
    Ok((p.bands, p.rows))
}

/// LSH band keys of signatures (rows of `num_perm` u32): `n × bands`
/// native-endian `u64`, and for each row whether it is an empty document's
/// signature. An empty document has no band keys (it is never a candidate);
/// its row is written as zeros and must be skipped by the caller.
#[pyfunction]
fn band_keys<'py>(
    py: Python<'py>,
    data: Vec<u8>,
    num_perm: usize,
    bands: usize,
    rows: usize,
) -> PyResult<(Bound<'py, PyBytes>, Vec<bool>)> {
    let sigs = signatures(&data, num_perm)?;
    if bands == 0 || rows == 0 || bands * rows > num_perm {
        return Err(msg(format!(
            "bands × rows ({bands} × {rows}) must be at least 1 and at most num_perm ({num_perm})"
        )));
    }
    let p = LshParams { bands, rows };
    let (out, empty) = py.allow_threads(|| {
        let mut out = Vec::with_capacity(sigs.len() * bands * 8);
        let mut empty = Vec::with_capacity(sigs.len());
        let mut keys = Vec::with_capacity(bands);
        for s in &sigs {
            candidates::band_keys(&p, s, &mut keys);
            empty.push(keys.is_empty());
            for b in 0..bands {
                out.extend_from_slice(&keys.get(b).copied().unwrap_or(0).to_ne_bytes());
            }
        }
        (out, empty)
    });
    Ok((PyBytes::new(py, &out), empty))
}

/// Exact overlaps of the shingle sets of `a[i]` and `b[i]`:
/// `(jaccard, containment_ab, containment_ba)` per pair.
#[pyfunction]
#[pyo3(signature = (a, b, options=None))]
fn similarity_pairs(
    py: Python<'_>,
    a: Vec<String>,
    b: Vec<String>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<(f64, f64, f64)>> {
    if a.len() != b.len() {
        return Err(msg(format!("similarity: {} texts against {}", a.len(), b.len())));
    }
    let o = opts(options)?;
    let sk = o.cfg.sketcher().map_err(err)?;
    Ok(py.allow_threads(|| {
        a.par_iter()
            .zip(b.par_iter())
            .map(|(x, y)| {
                let ov = candidates::overlap(&sk.shingle_set(x), &sk.shingle_set(y));
                (ov.jaccard, ov.containment_ab, ov.containment_ba)
            })
            .collect()
    }))
}

/// Shared passages of `a` and `b`: `(a_start, a_end, b_start, b_end,
/// a_words, b_words, score)`, offsets in code points.
#[pyfunction]
#[pyo3(signature = (a, b, options=None))]
#[allow(clippy::type_complexity)]
fn passages(
    py: Python<'_>,
    a: String,
    b: String,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<(usize, usize, usize, usize, usize, usize, f64)>> {
    let o = opts(options)?;
    Ok(py.allow_threads(|| {
        let normalizer = Normalizer::default();
        let (na, nb) = (normalizer.normalize(&a), normalizer.normalize(&b));
        let (ia, ib) = (CharIndex::new(&a), CharIndex::new(&b));
        align::align(&na, &nb, &o.cfg.align)
            .iter()
            .map(|p| {
                (
                    ia.cp(&a, p.a_start),
                    ia.cp(&a, p.a_end),
                    ib.cp(&b, p.b_start),
                    ib.cp(&b, p.b_end),
                    p.a_words,
                    p.b_words,
                    p.score,
                )
            })
            .collect()
    }))
}

static DEFAULT_SCORER: OnceLock<Scorer> = OnceLock::new();

/// Frames, stance and evidence of each text, as dicts.
#[pyfunction]
#[pyo3(signature = (texts, options=None))]
fn score<'py>(
    py: Python<'py>,
    texts: Vec<String>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let o = opts(options)?;
    let normalizer = Normalizer::default();
    let own;
    let sc: &Scorer = if o.lexicons.is_empty() && o.targets.is_empty() && !o.no_default_lexicon {
        match DEFAULT_SCORER.get() {
            Some(s) => s,
            None => {
                let s = scorer(&o, &normalizer)?;
                DEFAULT_SCORER.get_or_init(|| s)
            }
        }
    } else {
        own = scorer(&o, &normalizer)?;
        &own
    };
    let scored = py.allow_threads(|| {
        texts
            .par_iter()
            .map(|t| (CharIndex::new(t), sc.score_text(t, &normalizer)))
            .collect::<Vec<_>>()
    });
    let mut out = Vec::with_capacity(scored.len());
    for ((idx, s), text) in scored.iter().zip(&texts) {
        let d = PyDict::new(py);
        d.set_item("words", s.words)?;
        let frames = PyDict::new(py);
        for (k, f) in &s.frames {
            let fd = PyDict::new(py);
            fd.set_item("hits", f.hits)?;
            fd.set_item("per_1k", f.per_1k)?;
            fd.set_item("weighted", f.weighted)?;
            frames.set_item(k, fd)?;
        }
        d.set_item("frames", frames)?;
        let stance = PyDict::new(py);
        for (k, v) in &s.stance {
            let sd = PyDict::new(py);
            sd.set_item("score", v.score)?;
            sd.set_item("mentions", v.mentions)?;
            sd.set_item("quoted_score", v.quoted_score)?;
            sd.set_item("quoted_mentions", v.quoted_mentions)?;
            stance.set_item(k, sd)?;
        }
        d.set_item("stance", stance)?;
        d.set_item("polarity", s.polarity)?;
        let ev = PyList::empty(py);
        for h in &s.hits {
            let hd = PyDict::new(py);
            hd.set_item("sentence", h.sentence)?;
            hd.set_item("start", idx.cp(text, h.start))?;
            hd.set_item("end", idx.cp(text, h.end))?;
            hd.set_item("surface", &h.surface)?;
            hd.set_item("normalized", &h.normalized)?;
            hd.set_item("entry", &h.entry)?;
            hd.set_item("category", &h.category)?;
            hd.set_item("weight", h.weight)?;
            hd.set_item("modifiers", h.modifiers.join(";"))?;
            hd.set_item("target", h.target.as_deref())?;
            hd.set_item("voice", h.voice.as_str())?;
            hd.set_item("contribution", h.contribution)?;
            ev.append(hd)?;
        }
        d.set_item("evidence", ev)?;
        out.push(d);
    }
    Ok(out)
}

fn column_to_py<'py>(py: Python<'py>, c: Column) -> PyResult<(&'static str, Bound<'py, PyAny>)> {
    Ok(match c {
        Column::Text(v) => ("string", v.into_pyobject(py)?.into_any()),
        Column::Int(v) => ("int64", v.into_pyobject(py)?.into_any()),
        Column::Float(v) => ("float64", v.into_pyobject(py)?.into_any()),
        Column::Bool(v) => ("bool", v.into_pyobject(py)?.into_any()),
    })
}

/// The tables a run returns to Python (the CSVs the CLI writes for `run`,
/// matrices aside).
const RUN_TABLES: [TableKind; 8] = [
    TableKind::Documents,
    TableKind::Pairs,
    TableKind::Clusters,
    TableKind::Passages,
    TableKind::Framing,
    TableKind::Stance,
    TableKind::Evidence,
    TableKind::FramingShift,
];

/// Runs the whole analysis over files and folders, as `parallax run
/// INPUT... [-o DIR]` does. Returns `(tables, problems, files)`: per table
/// a list of `(column, type, values)`, the skipped inputs as messages, the
/// files written.
#[pyfunction]
#[pyo3(signature = (inputs, options=None, output_dir=None))]
#[allow(clippy::type_complexity)]
fn run<'py>(
    py: Python<'py>,
    inputs: Vec<PathBuf>,
    options: Option<&Bound<'py, PyDict>>,
    output_dir: Option<PathBuf>,
) -> PyResult<(Bound<'py, PyDict>, Vec<String>, Vec<String>)> {
    let o = opts(options)?;
    let formats = Formats::parse(&o.format).map_err(err)?;
    let popts = o.cfg.pipeline_options(Stages::ALL).map_err(err)?;
    if let Some(dir) = &output_dir {
        report::check_out_dir(dir, o.force).map_err(err)?;
    }
    if inputs.is_empty() {
        return Err(msg("no inputs: pass files or folders to read"));
    }
    let normalizer = Normalizer::default();
    let sc = scorer(&o, &normalizer)?;
    let given = inputs.clone();
    let inputs: Vec<Input> = inputs.into_iter().map(Input::Path).collect();
    let (results, problems, files) = py.allow_threads(|| -> PyResult<_> {
        let ing = ingest::ingest(&inputs, &o.ingest).map_err(err)?;
        if ing.docs.is_empty() {
            return Err(msg(parallax::config::NO_DOCUMENTS));
        }
        let problems: Vec<String> = ing.problems.iter().map(|p| p.to_string()).collect();
        let ing_files = ing.files.clone();
        let corpus = Corpus::new(ing.docs);
        let (analysis, stats) =
            pipeline::analyse(&corpus, &popts, Some(&sc), &Silent).map_err(err)?;
        let keep_text = output_dir.is_some() && formats.need_text();
        let mut results = report::rows::results(&corpus, analysis, keep_text).map_err(err)?;
        results.summary = pipeline::run_summary(&popts, &stats, &ing.problems, &o.lexicons);
        let mut files = Vec::new();
        if let Some(dir) = &output_dir {
            let out = OutputOptions {
                bom: o.bom,
                formats,
                matrices: true,
                tables: TableKind::ALL.to_vec(),
                show_timings: false,
                force: o.force,
                run: Some(pipeline::run_info(
                    "run",
                    &results.summary.parameters,
                    &given,
                    &ing_files,
                )),
            };
            files = report::write_all(dir, &results, &out)
                .map_err(|e| msg(format!("writing the results: {}", chain(&e))))?;
        }
        Ok((results, problems, files))
    })?;
    let tables = PyDict::new(py);
    for kind in RUN_TABLES {
        let Some(cols) = columns::columns(kind, &results) else { continue };
        let list = PyList::empty(py);
        for (name, col) in cols {
            let (ty, values) = column_to_py(py, col)?;
            list.append((name, ty, values))?;
        }
        tables.set_item(kind.name(), list)?;
    }
    let files = files.iter().map(|p| p.display().to_string()).collect();
    Ok((tables, problems, files))
}

/// The in-memory LSH index, keyed by `u64` ids (the Python class maps its
/// keys to ids).
#[pyclass(module = "parallax._native")]
struct LshIndex {
    inner: Index<u64>,
}

#[pymethods]
impl LshIndex {
    #[new]
    #[pyo3(signature = (threshold=0.5, num_perm=128))]
    fn new(threshold: f64, num_perm: usize) -> PyResult<LshIndex> {
        let cfg = Config { threshold, num_perm, ..Config::default() };
        let p = cfg.check().map_err(err)?;
        Ok(LshIndex { inner: Index::new(p, num_perm).map_err(err)? })
    }

    /// `(bands, rows)`.
    fn params(&self) -> (usize, usize) {
        let p = self.inner.params();
        (p.bands, p.rows)
    }

    /// Inserts ids with their signatures (rows of `num_perm` u32).
    fn insert_many(&mut self, ids: Vec<u64>, data: Vec<u8>) -> PyResult<()> {
        let sigs = signatures(&data, self.inner.num_perm())?;
        if sigs.len() != ids.len() {
            return Err(msg(format!("{} keys for {} signatures", ids.len(), sigs.len())));
        }
        for (id, s) in ids.into_iter().zip(&sigs) {
            self.inner.insert(id, s).map_err(err)?;
        }
        Ok(())
    }

    /// The ids sharing a band with each signature, in insertion order.
    fn query_many(&self, py: Python<'_>, data: Vec<u8>) -> PyResult<Vec<Vec<u64>>> {
        let sigs = signatures(&data, self.inner.num_perm())?;
        let inner = &self.inner;
        py.allow_threads(|| {
            sigs.iter()
                .map(|s| inner.try_query(s).map(|v| v.into_iter().copied().collect()))
                .collect::<Result<Vec<_>, _>>()
        })
        .map_err(err)
    }

    /// Removes an id; false when absent.
    fn remove(&mut self, id: u64) -> bool {
        self.inner.remove(&id)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("ParallaxError", m.py().get_type::<ParallaxError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(defaults, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(sketch, m)?)?;
    m.add_function(wrap_pyfunction!(lsh_params, m)?)?;
    m.add_function(wrap_pyfunction!(band_keys, m)?)?;
    m.add_function(wrap_pyfunction!(similarity_pairs, m)?)?;
    m.add_function(wrap_pyfunction!(passages, m)?)?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_class::<LshIndex>()?;
    spark::register(m)?;
    Ok(())
}
