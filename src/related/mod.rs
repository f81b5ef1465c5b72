//! Relatedness: do two articles tell the same story?
//!
//! Near-duplicate similarity (`similarity.csv`) is built for copies: two
//! reports of one event written by different newsrooms share few character
//! 7-grams. Relatedness asks what a reader asks: do they speak of the same
//! people, places, numbers and dates, in the same rare words?
//!
//! Input: each document's content-word keys as the aligner sees them
//! ([`AlignDoc::content_keys`]: normalised, clitic-stripped, light-stemmed,
//! stopwords and one-letter keys out; names, numbers and month keys stay),
//! the corpus's document frequencies ([`DocFreq`]), and, where passages were
//! aligned, the share of each document inside passages shared with the
//! other. Output: [`related`] in [0, 1] per pair, and candidate pairs found
//! without comparing every pair ([`CandidateIndex`]).
//!
//! The rule (measured on SemEval-2022 Task 8, BENCHMARKS.md and DESIGN.md):
//!
//! - `cosine`: cosine of the two documents' term vectors, each term weighted
//!   `(1 + ln tf) · ln((N + 1) / (df + 1))`. Sublinear term frequency keeps
//!   a word repeated ten times from outweighing ten shared names; the
//!   inverse document frequency makes rare names, places and figures count
//!   and common vocabulary fade (a word in every document weighs 0).
//! - `reuse`: the larger of the two documents' shares of words inside
//!   shared passages (an excerpt is entirely inside its source).
//! - `related = max(cosine, reuse)`: a pair is as related as its strongest
//!   evidence, shared vocabulary or shared text. An excerpt of a long
//!   article has a modest cosine (the article says much more) but a reuse
//!   share near 1; two reports of one event in different words have a high
//!   cosine and no shared passage. (A noisy-or, `1 − (1 − c)(1 − r)`,
//!   ranked the SemEval development pairs worse: 0.667 against 0.676,
//!   cosine alone 0.682; most rated pairs share no passage, and the few
//!   passages found between different stories are boilerplate.)
//!
//! Invariant: every function here is deterministic (sorted term lists, no
//! hash-map iteration order reaches an output).

use crate::align::AlignDoc;

/// Settings of the candidate index and of what is listed.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedOptions {
    /// Pairs at or above this relatedness are listed (long `related.csv`,
    /// candidates above the matrix limit).
    pub floor: f64,
    /// Candidate index: a term in more than this share of the documents is
    /// not indexed (it says little about a story and its posting list is
    /// long).
    pub max_df_share: f64,
    /// Candidate index: nor a term in more than this many documents.
    pub max_df: usize,
    /// Candidate index: each document looks up this many of its heaviest
    /// indexed terms.
    pub probe_terms: usize,
    /// Candidate index: two documents are compared when one's probe terms
    /// include at least this many of the other's terms.
    pub min_shared: usize,
}

impl Default for RelatedOptions {
    fn default() -> Self {
        RelatedOptions {
            floor: 0.15,
            max_df_share: 0.01,
            max_df: 300,
            probe_terms: 24,
            min_shared: 2,
        }
    }
}

/// A document's terms: `(key hash, count)`, sorted by key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Terms(pub Vec<(u64, u32)>);

impl Terms {
    /// The content keys of `doc`, counted.
    pub fn of(doc: &AlignDoc) -> Terms {
        Terms::from_keys(doc.content_keys().collect())
    }

    /// Counts `keys` (any order).
    pub fn from_keys(mut keys: Vec<u64>) -> Terms {
        keys.sort_unstable();
        let mut out: Vec<(u64, u32)> = Vec::new();
        for k in keys {
            match out.last_mut() {
                Some((last, c)) if *last == k => *c += 1,
                _ => out.push((k, 1)),
            }
        }
        Terms(out)
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when the document has no content word.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Document frequencies over a corpus: in how many documents each term
/// occurs.
#[derive(Clone, Debug, Default)]
pub struct DocFreq {
    keys: Vec<u64>,
    df: Vec<u32>,
    docs: usize,
}

impl DocFreq {
    /// Counts every document's terms once.
    pub fn new(docs: &[Terms]) -> DocFreq {
        let mut all: Vec<u64> = docs.iter().flat_map(|t| t.0.iter().map(|&(k, _)| k)).collect();
        all.sort_unstable();
        let mut keys = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        for k in all {
            if keys.last() == Some(&k) {
                if let Some(c) = df.last_mut() {
                    *c += 1;
                }
            } else {
                keys.push(k);
                df.push(1);
            }
        }
        DocFreq { keys, df, docs: docs.len() }
    }

    /// Number of documents counted.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Index of `key` in the vocabulary (the vocabulary is sorted by key,
    /// so indices order terms as their keys do).
    fn index(&self, key: u64) -> Option<usize> {
        self.keys.binary_search(&key).ok()
    }

    /// Number of distinct terms counted.
    pub fn vocabulary(&self) -> usize {
        self.keys.len()
    }

    /// Documents containing `key` (0 when unknown).
    pub fn df(&self, key: u64) -> u32 {
        self.index(key).map_or(0, |i| self.df[i])
    }

    /// `ln((N + 1) / (df + 1))`: 0 for a term in every document.
    pub fn idf(&self, key: u64) -> f64 {
        idf(self.docs, self.df(key) as usize)
    }
}

fn idf(docs: usize, df: usize) -> f64 {
    ((docs as f64 + 1.0) / (df as f64 + 1.0)).ln().max(0.0)
}

/// A unit-length weighted term vector, sorted by key (empty when the
/// document has no term with a weight). Terms are numbered by their place
/// in the [`DocFreq`] vocabulary (4 bytes instead of an 8-byte key, and a
/// direct index into per-term arrays), in increasing order, which is the
/// order of their keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TermVector(pub Vec<(u32, f64)>);

impl TermVector {
    /// Weighs `terms` by `(1 + ln tf) · idf` and scales to unit length. A
    /// key outside the vocabulary counts in the length but is not kept: no
    /// other document of `df` can share it.
    pub fn new(terms: &Terms, df: &DocFreq) -> TermVector {
        let weighted: Vec<(Option<usize>, f64)> = terms
            .0
            .iter()
            .map(|&(k, tf)| {
                let i = df.index(k);
                let d = i.map_or(0, |i| df.df[i] as usize);
                (i, (1.0 + (tf as f64).ln()) * idf(df.docs, d))
            })
            .filter(|&(_, w)| w > 0.0)
            .collect();
        let norm = weighted.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        let scale = |w: f64| if norm > 0.0 { w / norm } else { w };
        TermVector(
            weighted
                .into_iter()
                .filter_map(|(i, w)| Some((u32::try_from(i?).ok()?, scale(w))))
                .collect(),
        )
    }
}

/// Cosines of one document with many: its weights are spread over a dense
/// array once, then each other document's cosine is a walk over its own
/// terms. The sum runs over the other document's terms in increasing
/// order, terms the first lacks adding exact zeros, so each value equals
/// [`cosine`]'s sorted merge to the bit.
#[derive(Clone, Debug, Default)]
pub struct Dense {
    weights: Vec<f64>,
}

impl Dense {
    /// Spreads `a`'s weights (the array grows to its largest term).
    pub fn load(&mut self, a: &TermVector) {
        let size = a.0.last().map_or(0, |&(t, _)| t as usize + 1);
        if self.weights.len() < size {
            self.weights.resize(size, 0.0);
        }
        for &(t, w) in &a.0 {
            self.weights[t as usize] = w;
        }
    }

    /// Clears `a`'s weights (call with the document last loaded).
    pub fn unload(&mut self, a: &TermVector) {
        for &(t, _) in &a.0 {
            self.weights[t as usize] = 0.0;
        }
    }

    /// The cosine of the loaded document with `b`, in [0, 1].
    pub fn cosine(&self, b: &TermVector) -> f64 {
        let mut dot: f64 = 0.0;
        for &(t, w) in &b.0 {
            dot += self.weights.get(t as usize).copied().unwrap_or(0.0) * w;
        }
        dot.clamp(0.0, 1.0)
    }
}

/// Cosine of two unit vectors (a sorted merge), in [0, 1].
pub fn cosine(a: &TermVector, b: &TermVector) -> f64 {
    let (a, b) = (&a.0, &b.0);
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot.clamp(0.0, 1.0)
}

/// The relatedness of a pair from its cosine and its reuse share (both
/// clamped to [0, 1]): the larger of the two.
pub fn related(cosine: f64, reuse: f64) -> f64 {
    cosine.clamp(0.0, 1.0).max(reuse.clamp(0.0, 1.0))
}

/// Buffers for [`CandidateIndex::candidates_into`] (one per thread).
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    counts: Vec<u16>,
    touched: Vec<u32>,
}

/// An inverted index of rare content, to find related pairs without
/// comparing every pair: each term found in 2 to `max_df` documents (and at
/// most `max_df_share` of them, or 8 documents in a small corpus) has a
/// posting list; each document probes
/// the lists of its `probe_terms` heaviest indexed terms, and any document
/// met on at least `min_shared` of them is a candidate.
///
/// Two articles on one story share rare names, places and figures, so they
/// meet on the posting lists of those; common words are never indexed,
/// which bounds the work per document by `probe_terms · max_df`.
#[derive(Clone, Debug, Default)]
pub struct CandidateIndex {
    /// Start of each indexed term's postings in `docs`; `starts[t]..starts[t+1]`.
    starts: Vec<u32>,
    /// Postings, document numbers in increasing order per term.
    docs: Vec<u32>,
    /// Per document, the index terms it probes (term numbers).
    probes: Vec<Vec<u32>>,
    min_shared: usize,
}

impl CandidateIndex {
    /// Builds the index over `vectors` (document `i` is `vectors[i]`).
    pub fn new(vectors: &[TermVector], df: &DocFreq, opts: &RelatedOptions) -> CandidateIndex {
        // At least 8, so that in a small corpus the words a story's few
        // articles share are still indexed.
        let cap = ((df.docs as f64 * opts.max_df_share).floor() as usize).max(8).min(opts.max_df);
        // Term number: rank among the indexed terms of the vocabulary.
        let mut term_no: Vec<u32> = vec![u32::MAX; df.keys.len()];
        let mut indexed = 0u32;
        for (i, &d) in df.df.iter().enumerate() {
            if (2..=cap).contains(&(d as usize)) {
                term_no[i] = indexed;
                indexed += 1;
            }
        }
        let mut starts = vec![0u32; indexed as usize + 1];
        let mut per_doc: Vec<Vec<(f64, u32)>> = Vec::with_capacity(vectors.len());
        for v in vectors {
            let mut terms: Vec<(f64, u32)> = Vec::new();
            for &(i, w) in &v.0 {
                if let Some(t) = term_no.get(i as usize).copied().filter(|&t| t != u32::MAX) {
                    starts[t as usize + 1] += 1;
                    terms.push((w, t));
                }
            }
            per_doc.push(terms);
        }
        for t in 0..indexed as usize {
            starts[t + 1] += starts[t];
        }
        let mut fill = starts.clone();
        let mut docs = vec![0u32; starts[indexed as usize] as usize];
        let mut probes = Vec::with_capacity(per_doc.len());
        for (d, mut terms) in per_doc.into_iter().enumerate() {
            for &(_, t) in &terms {
                docs[fill[t as usize] as usize] = d as u32;
                fill[t as usize] += 1;
            }
            // Heaviest first; ties by term number, so the choice is fixed.
            terms.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            terms.truncate(opts.probe_terms);
            probes.push(terms.into_iter().map(|(_, t)| t).collect());
        }
        CandidateIndex { starts, docs, probes, min_shared: opts.min_shared.max(1) }
    }

    /// The documents other than `doc` met on at least `min_shared` of its
    /// probe terms, in increasing order.
    pub fn candidates_of(&self, doc: u32) -> Vec<u32> {
        let mut out = Vec::new();
        self.candidates_into(doc, &mut Scratch::default(), &mut out);
        out
    }

    /// [`CandidateIndex::candidates_of`] into `out`, with buffers reused
    /// from one document to the next: documents met are counted in a dense
    /// array instead of sorting every posting met (up to `probe_terms ·
    /// max_df` per document, most of them met once).
    pub fn candidates_into(&self, doc: u32, scratch: &mut Scratch, out: &mut Vec<u32>) {
        out.clear();
        let Some(probes) = self.probes.get(doc as usize) else { return };
        let Scratch { counts, touched } = scratch;
        if counts.len() < self.probes.len() {
            counts.resize(self.probes.len(), 0);
        }
        touched.clear();
        for &t in probes {
            let (s, e) = (self.starts[t as usize] as usize, self.starts[t as usize + 1] as usize);
            for &d in self.docs[s..e].iter().filter(|&&d| d != doc) {
                let c = &mut counts[d as usize];
                if *c == 0 {
                    touched.push(d);
                }
                *c = c.saturating_add(1);
            }
        }
        for &d in touched.iter() {
            if usize::from(counts[d as usize]) >= self.min_shared {
                out.push(d);
            }
            counts[d as usize] = 0;
        }
        out.sort_unstable();
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.probes.len()
    }

    /// True when no document was indexed.
    pub fn is_empty(&self) -> bool {
        self.probes.is_empty()
    }
}

#[cfg(test)]
mod tests;
