//! Seeds: the token pairs two documents share.
//!
//! Input: two [`AlignDoc`]s. Output: seed points `(i, j)` (token index in A,
//! token index in B) where both tokens are content words with the same key
//! (or start the same run of `seed_k` content keys).
//!
//! Invariant: seeds are sorted by `(i, j)` and unique, so everything after
//! this step is deterministic.

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::pair::{Pair, Side};
use super::AlignOptions;
use crate::normalize::{stopwords, NormalizedDoc};

/// Seed of the key hash: fixed, so hashes are the same on every machine
/// and in every run (they may be persisted by callers).
const KEY_SEED: u64 = 0x7061_7261_6c6c_6178; // "parallax"

/// A document prepared for alignment: one key hash, one weight and one byte
/// span per token. Build it once per document and align it with many others.
///
/// Laid out compactly because a corpus run holds one per document until
/// relatedness has taken their terms (about half of the run's memory on a
/// news corpus): 22 bytes per token instead of 28. The stopword flag rides
/// in the sentence number's top bit, weights are stored only when they are
/// not all 1, and a token's end is its length in 16 bits, with the rare
/// longer token's end kept aside.
#[derive(Clone, Debug, Default)]
pub struct AlignDoc {
    keys: Vec<u64>,
    /// Sentence index of each token (see [`crate::normalize::Token::sentence`]),
    /// with [`STOP_BIT`] set for stopwords: they never seed and never count
    /// in scores.
    sents: Vec<u32>,
    /// The content words' weights when they are not all 1 (empty: every
    /// content word weighs 1, as [`AlignDoc::new`] builds it).
    weights: Vec<f32>,
    /// Byte offset of each token's start.
    starts: Vec<u32>,
    /// Byte length of each token, [`LONG`] when it does not fit in 16 bits
    /// (its end is then in `long_ends`).
    lens: Vec<u16>,
    /// `(token, end)` of the tokens whose length is [`LONG`] or more, in
    /// token order.
    long_ends: Vec<(u32, u32)>,
    /// A 32-bit hash of each token's normalised form (clitics kept): tells
    /// a verbatim passage from a lightly edited one. 32 bits are enough: a
    /// collision can only make one differing word of a passage look equal.
    norms: Vec<u32>,
}

/// The stopword flag in [`AlignDoc`]'s sentence numbers (a document has
/// far fewer than 2³¹ sentences).
const STOP_BIT: u32 = 1 << 31;

/// Token lengths from this one up are kept aside in [`AlignDoc`].
const LONG: u16 = u16::MAX;

impl AlignDoc {
    /// Prepares `doc`; every content word weighs 1.
    pub fn new(doc: &NormalizedDoc) -> AlignDoc {
        AlignDoc::with_weights(doc, &|_| 1.0)
    }

    /// Prepares `doc`, weighing each content word by `weight(key hash)`
    /// (e.g. an inverse document frequency across the corpus, so rare words
    /// count more). Negative or non-finite weights count as 0.
    pub fn with_weights(doc: &NormalizedDoc, weight: &dyn Fn(u64) -> f64) -> AlignDoc {
        let n = doc.tokens.len();
        let mut out = AlignDoc {
            keys: Vec::with_capacity(n),
            sents: Vec::with_capacity(n),
            weights: Vec::new(),
            starts: Vec::with_capacity(n),
            lens: Vec::with_capacity(n),
            long_ends: Vec::new(),
            norms: Vec::with_capacity(n),
        };
        let mut weights: Vec<f32> = Vec::with_capacity(n);
        for (i, tok) in doc.tokens.iter().enumerate() {
            let key = doc.key(tok);
            let h = key_hash(light_stem(key));
            let w = if is_stopword(doc.norm(tok), key) {
                0.0
            } else {
                let w = weight(h);
                if w.is_finite() && w > 0.0 {
                    w as f32
                } else {
                    0.0
                }
            };
            out.keys.push(h);
            weights.push(w);
            let stop = if w > 0.0 { 0 } else { STOP_BIT };
            out.sents.push((tok.sentence & !STOP_BIT) | stop);
            out.starts.push(tok.start);
            let len = tok.end.saturating_sub(tok.start);
            if len >= u32::from(LONG) {
                out.lens.push(LONG);
                out.long_ends.push((i as u32, tok.end));
            } else {
                out.lens.push(len as u16);
            }
            out.norms.push(xxh3_64_with_seed(doc.norm(tok).as_bytes(), KEY_SEED) as u32);
        }
        if weights.iter().any(|&w| w != 0.0 && w != 1.0) {
            weights.shrink_to_fit();
            out.weights = weights;
        }
        out
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when the document has no tokens.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Key hashes of the content words (stopwords left out), in text order.
    pub fn content_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.keys.iter().zip(&self.sents).filter(|(_, &s)| s & STOP_BIT == 0).map(|(&k, _)| k)
    }

    pub(crate) fn key(&self, i: usize) -> u64 {
        self.keys.get(i).copied().unwrap_or(0)
    }

    /// Hash of token `i`'s normalised form (0 past the end).
    pub(crate) fn norm(&self, i: usize) -> u32 {
        self.norms.get(i).copied().unwrap_or(0)
    }

    /// Sentence index of token `i` (0 past the end).
    pub(crate) fn sentence(&self, i: usize) -> u32 {
        self.sents.get(i).map_or(0, |&s| s & !STOP_BIT)
    }

    pub(crate) fn weight(&self, i: usize) -> f64 {
        match self.sents.get(i) {
            Some(&s) if s & STOP_BIT == 0 => self.weights.get(i).map_or(1.0, |&w| f64::from(w)),
            _ => 0.0,
        }
    }

    /// Byte offset of token `i`'s end.
    fn end(&self, i: usize) -> Option<u32> {
        let len = *self.lens.get(i)?;
        if len < LONG {
            return Some(self.starts[i] + u32::from(len));
        }
        let k = self.long_ends.binary_search_by_key(&(i as u32), |&(t, _)| t).ok()?;
        Some(self.long_ends[k].1)
    }

    /// Byte span from the start of the first token to the end of the last.
    pub(crate) fn byte_span(&self, tokens: std::ops::Range<usize>) -> Option<(usize, usize)> {
        if tokens.is_empty() {
            return None;
        }
        let first = *self.starts.get(tokens.start)?;
        let last = self.end(tokens.end - 1)?;
        Some((first as usize, last as usize))
    }
}

/// The stable hash of a matching key (as [`AlignDoc`] stores it: after
/// [`light_stem`]).
pub fn key_hash(key: &str) -> u64 {
    xxh3_64_with_seed(light_stem(key).as_bytes(), KEY_SEED)
}

/// Arabic inflection suffixes a rewrite changes freely (gender and number
/// agreement, nisba adjectives, attached pronouns), longest first.
const SUFFIXES: &[&str] = &["يات", "ات", "ان", "ين", "ون", "يه", "ها", "هم", "ه", "ي"];

/// Strips one inflection suffix from an Arabic key when at least three
/// letters remain, so الأمنية/الأمني and تستعدان/تستعد match. Matching only:
/// it is never shown. Idempotent enough for matching (applied once, on
/// both sides alike).
pub fn light_stem(key: &str) -> &str {
    for suf in SUFFIXES {
        if let Some(stem) = key.strip_suffix(suf) {
            if stem.chars().nth(2).is_some() {
                return stem;
            }
        }
    }
    key
}

/// Seed points `(i, j)`, sorted and unique.
pub(crate) fn find_seeds(p: &Pair, opts: &AlignOptions) -> Vec<(u32, u32)> {
    let k = opts.seed_k.max(1);
    let cap = opts.max_seed_repeats.max(1);
    let seeds = if k == 1 { word_seeds(p, cap) } else { gram_seeds(p.a.doc, p.b.doc, k, cap) };
    supported(&seeds, opts.max_gap.max(1) as u32, opts.min_support)
}

/// Seeds of single content words, by key number: counts and B's positions
/// in flat arrays (no hashing; the pair already numbered its keys). A key
/// repeated more than `cap` times in either document does not seed: it is
/// what the documents are about, not evidence of a shared passage, and its
/// m×n matches are mostly chance. Comes out sorted (A in order, then B in
/// order) and unique.
fn word_seeds(p: &Pair, cap: usize) -> Vec<(u32, u32)> {
    let (a, b) = (&p.a, &p.b);
    let mut count_a = vec![0u32; p.n_ids];
    for i in content(a) {
        count_a[a.id(i) as usize] += 1;
    }
    // B's positions grouped by key number (a counting sort).
    let mut start = vec![0u32; p.n_ids + 1];
    for j in content(b) {
        start[b.id(j) as usize + 1] += 1;
    }
    for x in 1..start.len() {
        start[x] += start[x - 1];
    }
    let mut fill = start.clone();
    let mut in_b = vec![0u32; start[p.n_ids] as usize];
    for j in content(b) {
        let slot = &mut fill[b.id(j) as usize];
        in_b[*slot as usize] = j as u32;
        *slot += 1;
    }
    let mut seeds = Vec::new();
    for i in content(a) {
        let x = a.id(i) as usize;
        let js = &in_b[start[x] as usize..start[x + 1] as usize];
        if js.is_empty() || count_a[x] as usize > cap || js.len() > cap {
            continue;
        }
        seeds.extend(js.iter().map(|&j| (i as u32, j)));
    }
    seeds
}

/// The content words of `d` (stopwords weigh 0), in order.
fn content<'a>(d: &'a Side) -> impl Iterator<Item = usize> + 'a {
    (0..d.len()).filter(move |&i| d.weight(i) > 0.0)
}

/// Seeds of runs of `k` content words, by hash of the run.
fn gram_seeds(a: &AlignDoc, b: &AlignDoc, k: usize, cap: usize) -> Vec<(u32, u32)> {
    let ga = grams(a, k);
    let gb = grams(b, k);
    let mut in_b: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for &(h, pos) in &gb {
        in_b.entry(h).or_default().push(pos);
    }
    let mut count_a: FxHashMap<u64, usize> = FxHashMap::default();
    for &(h, _) in &ga {
        *count_a.entry(h).or_default() += 1;
    }
    let mut seeds = Vec::new();
    for &(h, i) in &ga {
        let Some(js) = in_b.get(&h) else { continue };
        let ca = count_a.get(&h).copied().unwrap_or(0);
        if ca > cap || js.len() > cap {
            continue;
        }
        for &j in js {
            seeds.push((i, j));
        }
    }
    seeds.sort_unstable();
    seeds.dedup();
    seeds
}

/// Seeds with at least `need` other seeds within `radius` tokens on both
/// sides: a lone match between two texts on the same topic is chance, a
/// shared passage puts several matches close together.
fn supported(seeds: &[(u32, u32)], radius: u32, need: usize) -> Vec<(u32, u32)> {
    if need == 0 {
        return seeds.to_vec();
    }
    let mut out = Vec::with_capacity(seeds.len());
    // Seeds are sorted by i: scan a window of i ± radius.
    let mut lo = 0;
    for (k, &(i, j)) in seeds.iter().enumerate() {
        while seeds.get(lo).is_some_and(|s| s.0 + radius < i) {
            lo += 1;
        }
        let mut n = 0;
        for (m, &(i2, j2)) in seeds.iter().enumerate().skip(lo) {
            if i2 > i + radius {
                break;
            }
            if m != k && i2 != i && j2 != j && j2.abs_diff(j) <= radius {
                n += 1;
                if n >= need {
                    break;
                }
            }
        }
        if n >= need {
            out.push((i, j));
        }
    }
    out
}

/// `(hash of k consecutive content keys, token index of the first)`.
pub(crate) fn grams(d: &AlignDoc, k: usize) -> Vec<(u64, u32)> {
    grams_in(d, k, 0..d.len())
}

/// [`grams`] restricted to the tokens in `r`.
pub(crate) fn grams_in(d: &AlignDoc, k: usize, r: std::ops::Range<usize>) -> Vec<(u64, u32)> {
    let content: Vec<u32> = r.filter(|&i| d.weight(i) > 0.0).map(|i| i as u32).collect();
    if k == 1 {
        return content.iter().map(|&i| (d.key(i as usize), i)).collect();
    }
    content
        .windows(k)
        .map(|w| {
            let mut h = KEY_SEED;
            for &i in w {
                h = xxh3_64_with_seed(&d.key(i as usize).to_le_bytes(), h);
            }
            (h, w[0])
        })
        .collect()
}

/// Function words (the `align` rows of `data/stopwords.tsv`), plus any
/// one-letter key. They carry no evidence of reuse.
fn is_stopword(norm: &str, key: &str) -> bool {
    // At most one character (counted without walking a long word).
    if key.chars().nth(1).is_none() {
        return true;
    }
    // A hash set: a binary search of string compares per token was the
    // largest cost of preparing documents for alignment.
    stopwords::ALIGN.contains(norm) || stopwords::ALIGN.contains(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    #[test]
    fn stopwords_weigh_nothing_and_keys_match_across_clitics() {
        let n = Normalizer::default();
        let a = AlignDoc::new(&n.normalize("السفير في الجزائر"));
        let b = AlignDoc::new(&n.normalize("سفير بالجزائر"));
        assert_eq!(a.weight(1), 0.0);
        assert_eq!(a.weight(0), 1.0);
        assert_eq!(a.key(2), b.key(1));
        assert_eq!(a.key(0), b.key(0));
        let opts = AlignOptions { min_support: 0, ..AlignOptions::default() };
        let seeds = find_seeds(&Pair::new(&a, &b), &opts);
        assert_eq!(seeds, vec![(0, 0), (2, 1)]);
    }

    #[test]
    fn bigram_seeds_need_two_content_words_in_a_row() {
        let n = Normalizer::default();
        let a = AlignDoc::new(&n.normalize("مكافحة الإرهاب في منطقة الساحل"));
        let b = AlignDoc::new(&n.normalize("الإرهاب ومكافحة منطقة الساحل"));
        let opts = AlignOptions { seed_k: 2, min_support: 0, ..AlignOptions::default() };
        // Only منطقة الساحل is a shared run of two content words.
        assert_eq!(find_seeds(&Pair::new(&a, &b), &opts), vec![(3, 2)]);
    }

    /// Word seeds from key numbers are the seeds of one-word grams by hash,
    /// on every pair of the seed articles and for several repeat caps.
    #[test]
    fn word_seeds_equal_one_word_gram_seeds() {
        let n = Normalizer::default();
        let docs: Vec<AlignDoc> = crate::seeds::SEEDS
            .iter()
            .map(|(_, b)| AlignDoc::new(&n.normalize(&String::from_utf8_lossy(b))))
            .collect();
        let mut total = 0;
        for a in &docs {
            for b in &docs {
                let p = Pair::new(a, b);
                for cap in [1, 4, 50] {
                    let seeds = word_seeds(&p, cap);
                    assert_eq!(seeds, gram_seeds(a, b, 1, cap));
                    total += seeds.len();
                }
            }
        }
        assert!(total > 1000, "{total}");
    }

    /// The compact layout gives back what the tokens say: spans (a token
    /// longer than 16 bits of bytes included), sentences, stopword weights
    /// and weights that are not all 1.
    #[test]
    fn the_compact_layout_keeps_spans_sentences_and_weights() {
        let n = Normalizer::default();
        let long = "ب".repeat(40_000); // 80,000 bytes: past a 16-bit length
        let text = format!("السفير في {long} الجزائر. وصل السفير");
        let nd = n.normalize(&text);
        let d = AlignDoc::new(&nd);
        assert!(nd.tokens.iter().any(|t| t.end - t.start > u32::from(LONG)));
        assert_eq!(d.len(), nd.tokens.len());
        for (i, t) in nd.tokens.iter().enumerate() {
            assert_eq!(d.byte_span(i..i + 1), Some((t.start as usize, t.end as usize)));
            assert_eq!(d.sentence(i), t.sentence);
        }
        assert_eq!(d.byte_span(0..d.len()).map(|s| s.1), Some(text.len()));
        assert!(d.sentence(d.len() - 1) > 0);
        assert_eq!(d.weight(1), 0.0);
        assert_eq!(d.content_keys().count(), d.len() - 1);
        let w = AlignDoc::with_weights(&nd, &|h| if h == d.key(0) { 2.5 } else { 1.0 });
        assert_eq!(w.weight(0), 2.5);
        assert_eq!(w.weight(1), 0.0);
        assert_eq!(w.weight(2), 1.0);
    }
}
