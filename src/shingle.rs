//! Shingles: stable 64-bit hashes of token (or character) k-grams.
//!
//! Input: a [`NormalizedDoc`] (its matching keys, `doc.key(tok)`) and a
//! [`ShingleConfig`]. Output: `u64` shingle hashes, either every shingle in
//! text order ([`shingle_hashes`]) or the sorted, deduplicated set
//! ([`shingle_set`]).
//!
//! Invariants: the hashes depend only on the keys, the kind and the seed
//! (xxh3 with an explicit seed, never a per-process random state), so they
//! are byte-identical across runs, machines and thread counts. A document
//! with at least one token always has at least one shingle (short documents
//! get one shingle of the whole text) so that it still matches itself.
//!
//! Speed: each token key is hashed once; a k-gram's hash is a polynomial
//! rolling combination of its k token hashes (O(1) per shingle, no string is
//! built), finished by a 64-bit avalanche mixer. See `DESIGN.md`, "Shingles"
//! and "Hashing and seeds".

use std::fmt;
use std::str::FromStr;

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::error::{Error, Result};
use crate::hash::mix64;
use crate::normalize::{stopwords, NormalizedDoc, Normalizer};

/// What a shingle is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShingleKind {
    /// `k` consecutive token keys (`word:K`).
    Word(usize),
    /// `k` consecutive characters of the token keys joined by single spaces
    /// (`char:K`).
    Char(usize),
    /// SpotSigs-style spot signatures (`spot`): a stopword antecedent and the
    /// next [`SPOT_CHAIN`] content (non-stopword) tokens.
    Spot,
}

/// Number of content tokens chained after a spot antecedent. Two keeps the
/// shared-spot rate high on rewrites (see `DESIGN.md`, "Shingles").
pub const SPOT_CHAIN: usize = 2;

/// Largest accepted `k`: longer shingles match almost nothing and only cost.
pub const MAX_K: usize = 64;

impl FromStr for ShingleKind {
    type Err = Error;

    /// Parses `word:K`, `char:K` or `spot`; `K` must be in `1..=64`.
    fn from_str(s: &str) -> Result<ShingleKind> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("spot") {
            return Ok(ShingleKind::Spot);
        }
        let bad = || {
            Error::config(format!(
                "invalid shingle {s:?}: expected word:K, char:K (K from 1 to {MAX_K}) or spot"
            ))
        };
        let (unit, k) = s.split_once(':').ok_or_else(bad)?;
        let k: usize = k.trim().parse().map_err(|_| bad())?;
        if k == 0 || k > MAX_K {
            return Err(bad());
        }
        match unit.trim().to_ascii_lowercase().as_str() {
            "word" => Ok(ShingleKind::Word(k)),
            "char" => Ok(ShingleKind::Char(k)),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for ShingleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShingleKind::Word(k) => write!(f, "word:{k}"),
            ShingleKind::Char(k) => write!(f, "char:{k}"),
            ShingleKind::Spot => f.write_str("spot"),
        }
    }
}

/// How to shingle a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ShingleConfig {
    /// Word k-grams, character k-grams or spot signatures.
    pub kind: ShingleKind,
    /// Seed of the token hash; persisted archives must reuse it.
    pub seed: u64,
}

/// A document of fewer words than this is one unit: its shingles are
/// folded into a single hash of the whole, so it matches its exact copies
/// (after normalisation) and nothing else. Three or four words say too
/// little for a similarity estimate (a handful of 7-grams, most of them
/// shared by chance with thousands of other short texts), and a flood of
/// such records made candidate pairs grow with the square of the corpus
/// (BENCHMARKS.md §14). Headlines and briefs are longer; an article always is.
pub const MIN_SKETCH_WORDS: usize = 10;

/// Default shingle seed (any constant works; it must simply never change
/// silently, since archives store hashes made with it).
pub const DEFAULT_SEED: u64 = 0x7061_7261_6c6c_6178; // "parallax"

/// The default shingling: character 7-grams gave the paraphrased seeds
/// 000/001 the clearest lead over every other seed pair (ratio 1.29, vs 1.20
/// for `word:1`, 1.10 for `word:3`, 0 for `word:5`); see `DESIGN.md`.
pub const DEFAULT_KIND: ShingleKind = ShingleKind::Char(7);

impl Default for ShingleConfig {
    fn default() -> Self {
        ShingleConfig { kind: DEFAULT_KIND, seed: DEFAULT_SEED }
    }
}

/// Multiplier of the rolling polynomial. Odd (so each term is a bijection of
/// its token hash) and ≡ 3 mod 4 (so `B - 1` has a single factor 2, which
/// keeps repeated/swapped k-grams apart); from the golden ratio.
const ROLL_B: u64 = 0x9e37_79b9_7f4a_7c15 | 3;

/// Writes every shingle hash of `doc` into `out` (cleared first), in text
/// order, repeats included. Empty documents give no shingles; documents
/// shorter than `k` give one shingle of the whole document.
///
/// `out` is used as the scratch space too, so a caller that reuses one
/// buffer across documents allocates nothing in steady state.
pub fn shingle_hashes(cfg: &ShingleConfig, doc: &NormalizedDoc, out: &mut Vec<u64>) {
    out.clear();
    match cfg.kind {
        ShingleKind::Word(k) => {
            out.extend(
                doc.tokens.iter().map(|t| xxh3_64_with_seed(doc.key(t).as_bytes(), cfg.seed)),
            );
            roll_in_place(out, k.max(1));
        }
        ShingleKind::Char(k) => with_char_roll(cfg.seed, k, |mut roll| {
            for (i, t) in doc.tokens.iter().enumerate() {
                if i > 0 {
                    roll.push(' ', out);
                }
                for c in doc.key(t).chars() {
                    roll.push(c, out);
                }
            }
            roll.finish(out);
        }),
        ShingleKind::Spot => spot_hashes(cfg.seed, doc, out),
    }
    whole_if_short(out, doc.len());
}

/// Folds `out` into one hash of the whole sequence when the document has
/// fewer than [`MIN_SKETCH_WORDS`] words.
fn whole_if_short(out: &mut Vec<u64>, words: usize) {
    if words >= MIN_SKETCH_WORDS || out.len() <= 1 {
        return;
    }
    // Seeded apart from every other hash ("SHORT").
    let whole =
        out.iter().fold(0x0053_484f_5254_u64, |acc, &x| mix64(acc.wrapping_mul(ROLL_B) ^ x));
    out.clear();
    out.push(whole);
}

/// The unit hash of one character of a `char:K` shingle. A full mix per
/// character, not a bare multiply: with linear unit hashes the rolling sum
/// would turn small code-point differences into short lattice vectors, and
/// some distinct 7-grams of one script would collide for every seed.
fn char_unit(salt: u64, c: char) -> u64 {
    mix64(u64::from(c) ^ salt)
}

/// The salt of [`char_unit`] for a shingle seed.
fn char_salt(seed: u64) -> u64 {
    mix64(seed ^ 0x6368_6172) // "char"
}

/// Code points below this (Latin, Greek, Cyrillic, Hebrew, Arabic) have
/// their unit hash looked up rather than computed: a normalised key is
/// almost only such letters, and a load is cheaper than two multiplies.
const CHAR_TABLE: usize = 0x800;

thread_local! {
    /// The unit hashes of the table's code points for the last seed used on
    /// this thread (one seed in practice).
    static UNITS: std::cell::RefCell<CharTables> = const {
        std::cell::RefCell::new(CharTables { seed: 0, units: Vec::new(), ring: Vec::new() })
    };
}

/// A thread's unit-hash table (for `seed`) and window buffer.
struct CharTables {
    seed: u64,
    units: Vec<u64>,
    ring: Vec<u64>,
}

/// Character k-gram hashes streamed as the characters come: the same
/// values as pushing every unit hash and then [`roll_in_place`], without
/// writing the unit hashes out and reading them back.
struct CharRoll<'a> {
    units: &'a [u64],
    salt: u64,
    k: usize,
    /// `B^(k-1)`.
    top: u64,
    /// The window's unit hashes (`k` of them); `ring[pos]` is the oldest
    /// once full.
    ring: &'a mut [u64],
    pos: usize,
    filled: usize,
    acc: u64,
}

impl<'a> CharRoll<'a> {
    fn new(units: &'a [u64], ring: &'a mut [u64], salt: u64) -> CharRoll<'a> {
        let k = ring.len();
        let top = (1..k).fold(1u64, |t, _| t.wrapping_mul(ROLL_B));
        CharRoll { units, salt, k, top, ring, pos: 0, filled: 0, acc: 0 }
    }

    #[inline(always)]
    fn push(&mut self, c: char, out: &mut Vec<u64>) {
        let h = match self.units.get(c as usize) {
            Some(&h) => h,
            None => char_unit(self.salt, c),
        };
        if self.filled < self.k {
            self.acc = self.acc.wrapping_mul(ROLL_B).wrapping_add(h);
            self.ring[self.filled] = h;
            self.filled += 1;
            if self.filled == self.k {
                out.push(mix64(self.acc));
            }
            return;
        }
        let slot = &mut self.ring[self.pos];
        self.acc =
            self.acc.wrapping_sub(slot.wrapping_mul(self.top)).wrapping_mul(ROLL_B).wrapping_add(h);
        *slot = h;
        self.pos += 1;
        if self.pos == self.k {
            self.pos = 0;
        }
        out.push(mix64(self.acc));
    }

    /// Fewer than `k` characters in all: one hash of all of them.
    fn finish(self, out: &mut Vec<u64>) {
        if self.filled > 0 && self.filled < self.k {
            out.push(mix64(self.acc));
        }
    }
}

/// Runs `f` with a [`CharRoll`] for `seed` and `k`.
fn with_char_roll<R>(seed: u64, k: usize, f: impl FnOnce(CharRoll<'_>) -> R) -> R {
    let salt = char_salt(seed);
    UNITS.with(|cell| {
        let mut t = cell.borrow_mut();
        let t = &mut *t;
        if t.units.is_empty() || t.seed != seed {
            t.seed = seed;
            t.units = (0..CHAR_TABLE as u32)
                .map(|cp| char::from_u32(cp).map_or(0, |c| char_unit(salt, c)))
                .collect();
        }
        t.ring.clear();
        t.ring.resize(k.max(1), 0);
        f(CharRoll::new(&t.units, &mut t.ring, salt))
    })
}

/// [`shingle_hashes`] of `normalizer.normalize(text)`, and its number of
/// tokens. Word and character shingles read only the token keys, so they
/// are made from the keys alone, without building the normalised document,
/// unless the text holds a word whose key depends on its neighbours (an
/// ambiguous month, a two-word month); spot signatures (which read norms)
/// always normalise. Same output as normalising first, faster.
pub fn text_hashes(
    cfg: &ShingleConfig,
    normalizer: &Normalizer,
    text: &str,
    out: &mut Vec<u64>,
) -> usize {
    out.clear();
    let mut n = 0;
    // Made from the keys alone unless a key needs its neighbours.
    let done = match cfg.kind {
        ShingleKind::Word(k) => {
            let done = normalizer.keys_until_context(text, |key| {
                out.push(xxh3_64_with_seed(key.as_bytes(), cfg.seed));
                n += 1;
            });
            if done {
                roll_in_place(out, k.max(1));
            }
            done
        }
        ShingleKind::Char(k) => with_char_roll(cfg.seed, k, |mut roll| {
            let done = normalizer.keys_until_context(text, |key| {
                if n > 0 {
                    roll.push(' ', out);
                }
                for c in key.chars() {
                    roll.push(c, out);
                }
                n += 1;
            });
            roll.finish(out);
            done
        }),
        ShingleKind::Spot => false,
    };
    if done {
        whole_if_short(out, n);
        return n;
    }
    let doc = normalizer.normalize(text);
    shingle_hashes(cfg, &doc, out);
    doc.len()
}

/// The number of distinct hashes in `hashes` (a shingle stream with
/// repeats), counted in an open-addressing table (`table` is scratch space,
/// reused across calls): linear time, unlike sorting. Shingle hashes are
/// already mixed, so their low bits index the table directly.
pub fn count_distinct(hashes: &[u64], table: &mut Vec<u64>) -> usize {
    for_each_distinct(hashes, table, |_| {})
}

/// [`count_distinct`], calling `first` with each hash the first time it is
/// seen (so a sketch can be made in the same pass, skipping repeats).
pub fn for_each_distinct(
    hashes: &[u64],
    table: &mut Vec<u64>,
    mut first: impl FnMut(u64),
) -> usize {
    let size = (hashes.len() * 2).next_power_of_two().max(16);
    table.clear();
    table.resize(size, 0);
    let mask = size - 1;
    // 0 marks an empty slot; the hash 0 itself is counted on the side.
    let mut zero = false;
    let mut n = 0;
    for &h in hashes {
        if h == 0 {
            if !zero {
                first(0);
            }
            zero = true;
            continue;
        }
        let mut i = (h as usize) & mask;
        loop {
            let slot = table[i];
            if slot == h {
                break;
            }
            if slot == 0 {
                table[i] = h;
                n += 1;
                first(h);
                break;
            }
            i = (i + 1) & mask;
        }
    }
    n + usize::from(zero)
}

/// [`shingle_set`] of `normalizer.normalize(text)`, made as [`text_hashes`]
/// makes its hashes.
pub fn text_set(cfg: &ShingleConfig, normalizer: &Normalizer, text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    text_hashes(cfg, normalizer, text, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// The sorted, deduplicated shingle set of `doc` (what Jaccard is over).
pub fn shingle_set(cfg: &ShingleConfig, doc: &NormalizedDoc) -> Vec<u64> {
    let mut out = Vec::with_capacity(doc.len());
    shingle_hashes(cfg, doc, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

/// Replaces the unit hashes in `h` by the hashes of their k-grams:
/// `H_i = Σ_{j<k} h[i+j]·B^(k-1-j)` (wrapping), output `mix64(H_i)`.
/// Rolling: `H_{i+1} = (H_i − h[i]·B^(k-1))·B + h[i+k]`. Works in place
/// because `h[i]` is read (saved) before `H_i` overwrites it. Fewer than `k`
/// units: one hash of all of them.
fn roll_in_place(h: &mut Vec<u64>, k: usize) {
    let n = h.len();
    if n == 0 {
        return;
    }
    let k = k.min(n);
    let mut top = 1u64; // B^(k-1)
    let mut acc = 0u64;
    for (j, &x) in h.iter().take(k).enumerate() {
        if j > 0 {
            top = top.wrapping_mul(ROLL_B);
        }
        acc = acc.wrapping_mul(ROLL_B).wrapping_add(x);
    }
    let count = n - k + 1;
    for i in 0..count {
        let outgoing = h[i];
        h[i] = mix64(acc);
        if let Some(&incoming) = h.get(i + k) {
            acc = acc
                .wrapping_sub(outgoing.wrapping_mul(top))
                .wrapping_mul(ROLL_B)
                .wrapping_add(incoming);
        }
    }
    h.truncate(count);
}

/// Spot signatures: for each antecedent stopword, the hash of it and the
/// next [`SPOT_CHAIN`] content tokens. A document with tokens but no complete
/// spot gets one shingle of all its keys, like a short document.
fn spot_hashes(seed: u64, doc: &NormalizedDoc, out: &mut Vec<u64>) {
    let stop = &*stopwords::SPOT;
    let salt = mix64(seed ^ 0x7370_6f74); // "spot": differs from word shingles
    let n = doc.tokens.len();
    for (i, t) in doc.tokens.iter().enumerate() {
        if !stop.contains(doc.norm(t)) {
            continue;
        }
        let mut acc = xxh3_64_with_seed(doc.norm(t).as_bytes(), seed) ^ salt;
        let mut chained = 0;
        for u in doc.tokens.iter().skip(i + 1) {
            if stop.contains(doc.norm(u)) {
                continue;
            }
            acc = acc
                .wrapping_mul(ROLL_B)
                .wrapping_add(xxh3_64_with_seed(doc.key(u).as_bytes(), seed));
            chained += 1;
            if chained == SPOT_CHAIN {
                break;
            }
        }
        if chained == SPOT_CHAIN {
            out.push(mix64(acc));
        }
    }
    if out.is_empty() && n > 0 {
        out.extend(doc.tokens.iter().map(|t| xxh3_64_with_seed(doc.key(t).as_bytes(), seed)));
        roll_in_place(out, n);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::normalize::Normalizer;

    fn seed_text(i: usize) -> &'static str {
        std::str::from_utf8(crate::seeds::SEEDS[i].1).unwrap()
    }

    /// Shingles from the text equal shingles from the normalised document,
    /// for every kind, on text that takes the keys-only path and on text
    /// that needs the document (months, two-word variants).
    #[test]
    fn count_distinct_matches_sort_dedup() {
        use rand::{Rng, SeedableRng};
        use rand_xoshiro::Xoshiro256PlusPlus;
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(8);
        let mut table = Vec::new();
        for round in 0..200 {
            let n = rng.gen_range(0..3000);
            let universe = rng.gen_range(1..4000u64);
            // Some rounds use small values (clustered low bits), some mixed.
            let mixed = round % 2 == 0;
            let mut v: Vec<u64> = (0..n)
                .map(|_| {
                    let x = rng.gen_range(0..universe);
                    if mixed {
                        mix64(x)
                    } else {
                        x
                    }
                })
                .collect();
            let got = count_distinct(&v, &mut table);
            v.sort_unstable();
            v.dedup();
            assert_eq!(got, v.len(), "round {round}");
        }
        assert_eq!(count_distinct(&[], &mut table), 0);
        assert_eq!(count_distinct(&[0, 0, 5, 5, 0], &mut table), 2);
    }

    #[test]
    fn text_hashes_equal_document_hashes() {
        let n = Normalizer::default();
        let mut texts: Vec<String> =
            (0..crate::seeds::SEEDS.len()).map(|i| seed_text(i).to_owned()).collect();
        texts.extend(
            [
                "",
                "  ،  ",
                "قصير",
                "في 22 مارس 2025 التقى الوزير بنظيره",
                "في كانون الثاني الماضي، وقع الطرفان 2025م اتفاقا",
                "Le 3 mars, M. Macron a reçu l'ambassadeur.",
            ]
            .map(str::to_owned),
        );
        for kind in
            [ShingleKind::Word(1), ShingleKind::Word(5), ShingleKind::Char(7), ShingleKind::Spot]
        {
            let cfg = ShingleConfig { kind, ..ShingleConfig::default() };
            for t in &texts {
                let doc = n.normalize(t);
                let mut want = Vec::new();
                shingle_hashes(&cfg, &doc, &mut want);
                let mut got = vec![1, 2, 3];
                assert_eq!(text_hashes(&cfg, &n, t, &mut got), doc.len(), "{kind} {t}");
                assert_eq!(got, want, "{kind} {t}");
                assert_eq!(text_set(&cfg, &n, t), shingle_set(&cfg, &doc), "{kind} {t}");
            }
        }
    }

    fn jaccard(a: &[u64], b: &[u64]) -> f64 {
        let sa: HashSet<_> = a.iter().collect();
        let shared = b.iter().filter(|x| sa.contains(x)).count();
        shared as f64 / (a.len() + b.len() - shared) as f64
    }

    fn cfg(kind: ShingleKind) -> ShingleConfig {
        ShingleConfig { kind, seed: DEFAULT_SEED }
    }

    #[test]
    fn kind_parses_and_prints() {
        for s in ["word:5", "char:4", "spot", "word:1"] {
            assert_eq!(s.parse::<ShingleKind>().unwrap().to_string(), s);
        }
        assert_eq!(" Word:3 ".parse::<ShingleKind>().unwrap(), ShingleKind::Word(3));
        for bad in ["word:0", "char:0", "word", "word:x", "line:3", "", "char:65", "word:-1"] {
            assert!(bad.parse::<ShingleKind>().is_err(), "{bad}");
        }
    }

    #[test]
    fn rolling_equals_direct_hash() {
        let doc =
            Normalizer::default().normalize("one two three four five six seven two three four");
        for k in 1..=5 {
            let c = cfg(ShingleKind::Word(k));
            let mut got = Vec::new();
            shingle_hashes(&c, &doc, &mut got);
            let unit: Vec<u64> = doc
                .tokens
                .iter()
                .map(|t| xxh3_64_with_seed(doc.key(t).as_bytes(), c.seed))
                .collect();
            let direct: Vec<u64> = unit
                .windows(k)
                .map(|w| mix64(w.iter().fold(0u64, |a, &x| a.wrapping_mul(ROLL_B).wrapping_add(x))))
                .collect();
            assert_eq!(got, direct, "k={k}");
        }
        // "two three four" occurs twice: equal hashes, one set element.
        let mut h = Vec::new();
        shingle_hashes(&cfg(ShingleKind::Word(3)), &doc, &mut h);
        assert_eq!(h[1], h[7]);
        assert_eq!(shingle_set(&cfg(ShingleKind::Word(3)), &doc).len(), h.len() - 1);
    }

    #[test]
    fn streamed_char_shingles_equal_the_direct_hash() {
        use rand::{Rng, SeedableRng};
        use rand_xoshiro::Xoshiro256PlusPlus;
        // Letters inside the looked-up range and outside it (CJK, emoji).
        let alphabet: Vec<char> = "abz09 éçءابتثيىةۀ中文😀".chars().collect();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
        for seed in [DEFAULT_SEED, 7] {
            let salt = char_salt(seed);
            for k in [1, 2, 3, 7, 13, MAX_K, 100] {
                for _ in 0..40 {
                    let len = rng.gen_range(0..150);
                    let text: Vec<char> =
                        (0..len).map(|_| alphabet[rng.gen_range(0..alphabet.len())]).collect();
                    let mut got = Vec::new();
                    with_char_roll(seed, k, |mut roll| {
                        text.iter().for_each(|&c| roll.push(c, &mut got));
                        roll.finish(&mut got);
                    });
                    let unit: Vec<u64> = text.iter().map(|&c| char_unit(salt, c)).collect();
                    let direct: Vec<u64> = unit
                        .windows(k.min(unit.len()).max(1))
                        .map(|w| {
                            mix64(
                                w.iter().fold(0u64, |a, &x| a.wrapping_mul(ROLL_B).wrapping_add(x)),
                            )
                        })
                        .collect();
                    assert_eq!(got, direct, "seed {seed} k={k} {text:?}");
                }
            }
        }
    }

    #[test]
    fn order_and_seed_matter() {
        let n = Normalizer::default();
        let a = n.normalize("alpha beta gamma");
        let b = n.normalize("gamma beta alpha");
        let c = cfg(ShingleKind::Word(3));
        assert_ne!(shingle_set(&c, &a), shingle_set(&c, &b));
        let other = ShingleConfig { seed: 1, ..c };
        assert_ne!(shingle_set(&c, &a), shingle_set(&other, &a));
    }

    #[test]
    fn short_and_empty_docs() {
        let n = Normalizer::default();
        let short = n.normalize("حوار استراتيجي");
        for kind in [ShingleKind::Word(5), ShingleKind::Char(40), ShingleKind::Spot] {
            let s = shingle_set(&cfg(kind), &short);
            assert_eq!(s.len(), 1, "{kind}");
            assert_eq!(s, shingle_set(&cfg(kind), &n.normalize("حوار، استراتيجي!")), "{kind}");
        }
        let empty = n.normalize("  ... ");
        for kind in [ShingleKind::Word(1), ShingleKind::Char(3), ShingleKind::Spot] {
            assert!(shingle_set(&cfg(kind), &empty).is_empty());
        }
    }

    #[test]
    fn char_shingles_cross_token_boundaries() {
        let n = Normalizer::default();
        let c = cfg(ShingleKind::Char(3));
        // Ten words of two letters, joined by single spaces: 29 characters,
        // 27 shingles ("ab ", "b c", " cd", ...); punctuation and spacing
        // do not change them, a missing space does.
        let rest = " ef gh ij kl mn op qr st";
        let a = shingle_set(&c, &n.normalize(&format!("ab cd{rest}")));
        assert_eq!(a.len(), 27);
        assert_eq!(a, shingle_set(&c, &n.normalize(&format!("ab,  cd{rest}"))));
        assert_ne!(a, shingle_set(&c, &n.normalize(&format!("abcd{rest}"))));
    }

    #[test]
    fn a_short_document_is_one_unit_matching_its_copies_only() {
        let n = Normalizer::default();
        for kind in [ShingleKind::Word(3), ShingleKind::Char(7), ShingleKind::Spot] {
            let c = cfg(kind);
            let three = shingle_set(&c, &n.normalize("توقع إعلان الاتفاق"));
            assert_eq!(three.len(), 1, "{kind:?}");
            // The same words after normalisation: the same unit.
            assert_eq!(three, shingle_set(&c, &n.normalize("توقع، إعلان الاتفاق!")));
            // One word changed or moved: nothing in common.
            let other = shingle_set(&c, &n.normalize("توقع إعلان الخلاف"));
            assert!(three.iter().all(|h| !other.contains(h)), "{kind:?}");
            let moved = shingle_set(&c, &n.normalize("إعلان توقع الاتفاق"));
            assert_ne!(three, moved);
            // The fast path (keys only) agrees.
            let mut buf = Vec::new();
            text_hashes(&c, &n, "توقع إعلان الاتفاق", &mut buf);
            assert_eq!(buf, three);
        }
        // From MIN_SKETCH_WORDS words on, a document is shingled as usual.
        let ten = "الجزائر واشنطن اتفاق أمني الساحل وزير الخارجية زيارة رسمية التعاون";
        assert_eq!(MIN_SKETCH_WORDS, 10);
        let long = shingle_set(&cfg(ShingleKind::Word(1)), &n.normalize(ten));
        assert_eq!(long.len(), 10);
    }

    #[test]
    fn spot_chains_skip_stopwords() {
        let n = Normalizer::default();
        let c = cfg(ShingleKind::Spot);
        // Both give the spot "في" + (المجال, العسكري); stopwords between the
        // content words do not change it.
        let a = shingle_set(&c, &n.normalize("تطور في المجال العسكري"));
        let b = shingle_set(&c, &n.normalize("نمو كبير في المجال من العسكري"));
        assert_eq!(a.len(), 1);
        assert!(b.contains(&a[0]));
    }

    /// Exact Jaccard of every seed pair for one shingling.
    fn seed_matrix(kind: ShingleKind) -> Vec<Vec<f64>> {
        let n = Normalizer::default();
        let sets: Vec<Vec<u64>> = (0..crate::seeds::SEEDS.len())
            .map(|i| shingle_set(&cfg(kind), &n.normalize(seed_text(i))))
            .collect();
        sets.iter().map(|a| sets.iter().map(|b| jaccard(a, b)).collect()).collect()
    }

    /// J(000, 001) and the largest Jaccard of any other seed pair.
    fn paraphrase_margin(kind: ShingleKind) -> (f64, f64) {
        let m = seed_matrix(kind);
        let mut other = 0.0f64;
        for (i, row) in m.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                if i < j && (i, j) != (0, 1) {
                    other = other.max(v);
                }
            }
        }
        (m[0][1], other)
    }

    #[test]
    fn default_shingling_ranks_the_paraphrases_first() {
        let (pair, other) = paraphrase_margin(DEFAULT_KIND);
        assert!(pair > other, "J(000,001) = {pair:.4} but another pair has {other:.4}");
    }

    /// The table in DESIGN.md: `cargo test --lib shingle -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn print_seed_margins() {
        let mut kinds: Vec<ShingleKind> = (1..=5).map(ShingleKind::Word).collect();
        kinds.extend((3..=9).map(ShingleKind::Char));
        kinds.push(ShingleKind::Spot);
        for kind in kinds {
            let (pair, other) = paraphrase_margin(kind);
            println!(
                "{kind:8} J(000,001)={pair:.4} max_other={other:.4} ratio={:.2}",
                pair / other.max(1e-9)
            );
        }
    }
}
