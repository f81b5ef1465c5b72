//! Which pairs are worth aligning: pairs that share enough rare content.
//!
//! Input: each document's content keys (sorted, deduplicated: the matching
//! keys of its content words, stopwords left out). Output: pairs `(a, b)`,
//! `a < b`, sorted, that share at least `min_shared` keys each found in at
//! least two and at most `max_df` documents of the corpus.
//!
//! Why: aligning two documents costs far more than comparing two sets, and
//! two articles on one story share many common words without sharing any
//! passage. A retold passage (a paraphrase like seeds 000/001) keeps its
//! rare words — names, numbers, uncommon terms — so an inverted index over
//! rare keys finds it at any corpus size, while the document-frequency
//! limit keeps the work near the number of true pairs: a key in `df`
//! documents costs `df²/2` counter increments, and no key costs more than
//! `max_df²/2`. (passim selects pairs for alignment the same way, with rare
//! word n-grams.)
//!
//! Invariant: the result depends only on the key sets (no hash-map order),
//! so it is the same for any number of threads; this module is
//! single-threaded, the pipeline parallelises over documents through
//! [`RareIndex::pairs_of`].

/// Shared rare keys a pair needs to be aligned (the same count the
/// alignment needs of content words for its shortest passage, capped).
pub const DEFAULT_MIN_SHARED: usize = 8;

/// Shared rare keys a pair needs when the alignment's shortest passage is
/// `min_words` words: that many, at least 1 and at most
/// [`DEFAULT_MIN_SHARED`].
pub fn min_shared_for(min_words: usize) -> usize {
    min_words.clamp(1, DEFAULT_MIN_SHARED)
}

/// `max_df` for a corpus of `n` documents: one in fifty documents, at
/// least 10 (in a small corpus every key counts) and at most 100 (passim's
/// default), so a key common enough to be a topic word never pairs.
pub fn default_max_df(n: usize) -> usize {
    (n / 50).clamp(10, 100)
}

/// An inverted index of the corpus's rare keys.
#[derive(Debug, Default)]
pub struct RareIndex {
    /// Per document: ids of its rare keys (ascending).
    doc_keys: Vec<Vec<u32>>,
    /// `postings[offsets[k]..offsets[k+1]]`: documents holding rare key `k`,
    /// ascending.
    offsets: Vec<u32>,
    postings: Vec<u32>,
    min_shared: usize,
}

impl RareIndex {
    /// Builds the index over `keys` (one sorted, deduplicated key set per
    /// document), keeping keys found in 2 to `max_df` documents.
    pub fn new(keys: &[Vec<u64>], max_df: usize, min_shared: usize) -> RareIndex {
        let mut all: Vec<u64> = keys.iter().flatten().copied().collect();
        all.sort_unstable();
        let mut rare: Vec<u64> = Vec::new();
        for run in all.chunk_by(|x, y| x == y) {
            if (2..=max_df.max(2)).contains(&run.len()) {
                rare.push(run[0]);
            }
        }
        drop(all);
        let doc_keys: Vec<Vec<u32>> = keys
            .iter()
            .map(|ks| {
                ks.iter().filter_map(|k| rare.binary_search(k).ok()).map(|i| i as u32).collect()
            })
            .collect();
        let mut offsets = vec![0u32; rare.len() + 1];
        for ks in &doc_keys {
            for &k in ks {
                offsets[k as usize + 1] += 1;
            }
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut postings = vec![0u32; *offsets.last().unwrap_or(&0) as usize];
        for (d, ks) in doc_keys.iter().enumerate() {
            for &k in ks {
                postings[fill[k as usize] as usize] = d as u32;
                fill[k as usize] += 1;
            }
        }
        RareIndex { doc_keys, offsets, postings, min_shared: min_shared.max(1) }
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.doc_keys.len()
    }

    /// True when no document was indexed.
    pub fn is_empty(&self) -> bool {
        self.doc_keys.is_empty()
    }

    /// The partners `b > a` of document `a` that share at least
    /// `min_shared` rare keys with it, ascending. `counts` is scratch space
    /// (one slot per document, all zero between calls; it is left so).
    pub fn pairs_of(&self, a: u32, counts: &mut Vec<u16>, out: &mut Vec<u32>) {
        out.clear();
        counts.resize(self.len(), 0);
        let mut touched: Vec<u32> = Vec::new();
        for &k in &self.doc_keys[a as usize] {
            let docs = &self.postings
                [self.offsets[k as usize] as usize..self.offsets[k as usize + 1] as usize];
            // Postings are ascending: only partners after `a`.
            let start = docs.partition_point(|&d| d <= a);
            for &b in &docs[start..] {
                let c = &mut counts[b as usize];
                if *c == 0 {
                    touched.push(b);
                }
                *c = c.saturating_add(1);
            }
        }
        for &b in &touched {
            if counts[b as usize] as usize >= self.min_shared {
                out.push(b);
            }
            counts[b as usize] = 0;
        }
        out.sort_unstable();
    }

    /// Every pair, single-threaded (tests and small corpora).
    pub fn all_pairs(&self) -> Vec<(u32, u32)> {
        let (mut counts, mut buf) = (Vec::new(), Vec::new());
        let mut out = Vec::new();
        for a in 0..self.len() as u32 {
            self.pairs_of(a, &mut counts, &mut buf);
            out.extend(buf.iter().map(|&b| (a, b)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    fn brute(keys: &[Vec<u64>], max_df: usize, min_shared: usize) -> Vec<(u32, u32)> {
        let df = |k: u64| keys.iter().filter(|ks| ks.binary_search(&k).is_ok()).count();
        let mut out = Vec::new();
        for a in 0..keys.len() {
            for b in a + 1..keys.len() {
                let shared = keys[a]
                    .iter()
                    .filter(|k| keys[b].binary_search(k).is_ok())
                    .filter(|&&k| df(k) <= max_df.max(2))
                    .count();
                if shared >= min_shared {
                    out.push((a as u32, b as u32));
                }
            }
        }
        out
    }

    #[test]
    fn matches_brute_force() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(3);
        for round in 0..30 {
            let n = rng.gen_range(0..60);
            let universe = rng.gen_range(5..400u64);
            let keys: Vec<Vec<u64>> = (0..n)
                .map(|_| {
                    let mut ks: Vec<u64> =
                        (0..rng.gen_range(0..40)).map(|_| rng.gen_range(0..universe)).collect();
                    ks.sort_unstable();
                    ks.dedup();
                    ks
                })
                .collect();
            let (max_df, min_shared) = (rng.gen_range(1..12), rng.gen_range(1..5));
            let idx = RareIndex::new(&keys, max_df, min_shared);
            assert_eq!(idx.all_pairs(), brute(&keys, max_df, min_shared), "round {round}");
        }
    }

    #[test]
    fn common_keys_do_not_pair() {
        // Key 1 is in every document (a topic word): it never makes a pair;
        // documents 0 and 3 share three rare keys.
        let keys = vec![vec![1, 10, 11, 12], vec![1, 20], vec![1, 21], vec![1, 10, 11, 12, 30]];
        assert_eq!(RareIndex::new(&keys, 2, 3).all_pairs(), vec![(0, 3)]);
        assert!(RareIndex::new(&keys, 2, 4).all_pairs().is_empty());
        assert_eq!(RareIndex::new(&keys, 4, 4).all_pairs(), vec![(0, 3)]);
        assert_eq!(default_max_df(5), 10);
        assert_eq!(default_max_df(1500), 30);
        assert_eq!(default_max_df(72_000), 100);
    }
}
