//! Arabic-aware normalisation that keeps offsets.
//!
//! Input: a document's decoded text. Output: a [`NormalizedDoc`], a list of
//! [`Token`]s, each with its byte span in the original text, its normalised
//! form (`norm`: NFKC, diacritics and tatweel removed, letters folded, digits
//! to ASCII, Latin lowercased) and its matching key (`key`: `norm` with
//! clitics stripped and regional variants folded), plus the sentences.
//!
//! Invariant: `&text[tok.start..tok.end]` is exactly the surface of the
//! token in the original text; normalising is idempotent on `norm`.
//!
//! Submodules: `fold` (characters), `clitics` (keys), `tables` (the word
//! lists in `data/` that make keys), `stopwords` (`data/stopwords.tsv`, read
//! by alignment, spot shingles and the lexicon check), `sentences` (sentence
//! and clause boundaries), `lang` ([`detect_language`]).
//!
//! Tokens are produced word by word from the original text, so offsets never
//! drift: whatever a folding rule does to the characters of a word, the span
//! still points at that word.

use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

mod charclass;
mod clitics;
mod fold;
mod lang;
mod memo;
mod segment;
mod sentences;
pub(crate) mod stopwords;
mod tables;

pub use lang::detect_language;

use clitics::Key;
use fold::FoldInfo;
use memo::{Memo, Placed};
use sentences::Gap;
use tables::Tables;

/// Which normalisation rules apply. Each rule is a switch; the defaults are
/// what duplicate detection and lexicon matching want.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalizeOptions {
    /// Unicode NFKC (presentation forms, ligatures, full-width letters).
    pub nfkc: bool,
    /// Remove harakat (U+064B–U+0652, U+0670) and tatweel (U+0640).
    pub strip_diacritics: bool,
    /// أ إ آ ٱ → ا
    pub fold_alef: bool,
    /// ى → ي
    pub fold_yeh: bool,
    /// ة → ه. Collisions are accepted: نشرة "bulletin" / نشره "he
    /// published it", قرية "village" / قريه; the key stage never reads
    /// such a ه as a pronoun (it remembers it was ة).
    pub fold_teh_marbuta: bool,
    /// Persian/Urdu letter forms to Arabic (ک→ك, ی ے ې→ي, ۀ ہ ە ھ→ه,
    /// ۃ→ة) and the extra letters of Maghrebi and Persian spelling to the
    /// ones Mashriqi news uses (ڤ→ف, ڨ→ق, پ→ب, گ→ك, چ→ج).
    pub fold_persian: bool,
    /// Arabic-Indic and Persian digits to ASCII.
    pub ascii_digits: bool,
    /// Lowercase Latin letters.
    pub lowercase: bool,
    /// Fold Latin accents (é → e); off by default (French minimal pairs).
    pub fold_accents: bool,
    /// Strip Arabic clitics in the matching key.
    pub strip_clitics: bool,
    /// Fold regional spelling variants and month names in the key.
    pub fold_variants: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        NormalizeOptions {
            nfkc: true,
            strip_diacritics: true,
            fold_alef: true,
            fold_yeh: true,
            fold_teh_marbuta: true,
            fold_persian: true,
            ascii_digits: true,
            lowercase: true,
            fold_accents: false,
            strip_clitics: true,
            fold_variants: true,
        }
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script), possibly with digits inside.
    Word,
    /// Digits only (after folding).
    Number,
}

/// One token of a [`NormalizedDoc`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte of the surface in the original text.
    pub start: u32,
    /// Byte offset one past the surface in the original text.
    pub end: u32,
    /// Index of the sentence the token belongs to.
    pub sentence: u32,
    /// Word or number.
    pub kind: TokenKind,
    norm: (u32, u32),
    key: (u32, u32),
    /// A clause starts at this token (see [`NormalizedDoc::clause_break_before`]).
    clause_start: bool,
}

impl Token {
    /// The byte span in the original text.
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A sentence: its byte span in the original text and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the sentence start.
    pub start: u32,
    /// Byte offset one past the sentence end.
    pub end: u32,
    /// Indices of its tokens in [`NormalizedDoc::tokens`].
    pub tokens: Range<u32>,
}

/// The normalised view of one text.
#[derive(Clone, Debug, Default)]
pub struct NormalizedDoc {
    /// Normalised forms and keys, concatenated (one allocation per doc).
    buf: String,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order; every token belongs to exactly one.
    pub sentences: Vec<Sentence>,
}

impl NormalizedDoc {
    /// The normalised form of `tok`.
    pub fn norm(&self, tok: &Token) -> &str {
        &self.buf[tok.norm.0 as usize..tok.norm.1 as usize]
    }

    /// The matching key of `tok` (clitic-stripped, variant-folded).
    pub fn key(&self, tok: &Token) -> &str {
        &self.buf[tok.key.0 as usize..tok.key.1 as usize]
    }

    /// True when a clause boundary lies between token `i - 1` and token
    /// `i`: the original text between them holds , ، ; ؛ : — ( ) [ ] or a
    /// sentence end. True for `i == 0` (the text starts a clause) and for
    /// `i >= len()` (it ends one). Negation scope stops here.
    pub fn clause_break_before(&self, i: usize) -> bool {
        self.tokens.get(i).is_none_or(|t| t.clause_start)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Normalises texts. Cheap to clone and to share across threads
/// (`&Normalizer` is `Sync`; the word tables sit behind an `Arc`).
#[derive(Clone, Debug)]
pub struct Normalizer {
    opts: NormalizeOptions,
    tables: Arc<Tables>,
    /// Identifies this normaliser (and its clones, which behave alike) to
    /// the per-thread word memo.
    id: u64,
}

/// Source of [`Normalizer`] ids.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizeOptions::default())
    }
}

/// Most words in one sentence: a longer run without a sentence end is cut
/// here (real sentences stay far below it).
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Per-document state of [`Normalizer::normalize`].
struct Builder<'t> {
    doc: NormalizedDoc,
    gap: Gap,
    sentence: u32,
    sent_start: usize,
    sent_first_tok: usize,
    scratch: String,
    /// Tokens whose key is a month only next to a number: `(token, month)`.
    pending: Vec<(usize, &'t str)>,
    /// The thread's word memo (`None`: compute every word).
    memo: Option<Memo>,
    /// The last token's key starts a two-word variant: only then can the
    /// next word merge into it (saves a table lookup per word).
    last_pair_start: bool,
}

impl Normalizer {
    /// A normaliser with these options. Loads and folds the bundled word
    /// lists (protected names, kept words, variants) once.
    pub fn new(opts: NormalizeOptions) -> Normalizer {
        let mut tables = Tables::load(&opts);
        // Two-word variants are matched on the words' keys, which need the
        // other tables: key them now.
        let raw = std::mem::take(&mut tables.raw_pairs);
        let mut scratch = String::new();
        let mut pairs: rustc_hash::FxHashMap<String, Vec<(String, String)>> = Default::default();
        for (a, b, canon) in raw {
            let ka = key_string(&tables, &opts, &a, FoldInfo::default(), &mut scratch);
            let kb = key_string(&tables, &opts, &b, FoldInfo::default(), &mut scratch);
            pairs.entry(ka).or_default().push((kb, canon));
        }
        tables.pairs = pairs;
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Normalizer { opts, tables: Arc::new(tables), id }
    }

    /// The options in force.
    pub fn options(&self) -> &NormalizeOptions {
        &self.opts
    }

    /// Normalises a whole text into tokens, sentences and clause marks.
    ///
    /// Words come from Unicode word boundaries (UAX #29): harakat and
    /// tatweel stay inside their word, a hyphen splits
    /// (`الجزائرية-الأمريكية` is two tokens), a date `2025-09-23` is three
    /// number tokens, `3.5` and `1,200` are one. Where Arabic letters touch
    /// digits (`2025م`), the digits become their own token. A Levantine
    /// two-word month (`كانون الثاني`) becomes one token spanning both
    /// words, so its key sequence equals that of `يناير` or `جانفي`.
    pub fn normalize(&self, text: &str) -> NormalizedDoc {
        self.normalize_with(text, Some(Memo::acquire(self.id)))
    }

    /// [`Normalizer::normalize`], with or without the word memo.
    fn normalize_with(&self, text: &str, memo: Option<Memo>) -> NormalizedDoc {
        let mut b = Builder {
            doc: NormalizedDoc {
                buf: String::with_capacity(text.len() + text.len() / 4),
                tokens: Vec::with_capacity(text.len() / 7),
                sentences: Vec::new(),
            },
            gap: Gap::new(),
            sentence: 0,
            sent_start: 0,
            sent_first_tok: 0,
            scratch: String::new(),
            pending: Vec::new(),
            memo,
            last_pair_start: false,
        };
        segment::Segmenter::default().for_each(text, |offset, seg, flags| {
            if !flags.alphanumeric() {
                b.gap.feed(offset, seg);
            } else if flags.digits_and_arabic() {
                for (o, w) in digit_runs(seg) {
                    self.push_word(&mut b, offset + o, w);
                }
            } else {
                self.push_word(&mut b, offset, seg);
            }
        });
        let n = b.doc.tokens.len();
        if n > b.sent_first_tok {
            let last_end = b.doc.tokens.last().map_or(0, |t| t.end as usize);
            let end = b.gap.end_at.unwrap_or(last_end).max(last_end);
            b.doc.sentences.push(Sentence {
                start: b.sent_start as u32,
                end: end as u32,
                tokens: b.sent_first_tok as u32..n as u32,
            });
        }
        self.resolve_months(&mut b);
        if let Some(memo) = b.memo.take() {
            memo.release();
        }
        b.doc
    }

    /// Calls `f` with the matching key of every token of `text`, in order:
    /// the keys of `normalize(text).tokens`, without building the document
    /// (no norms, spans or sentences), which is all near-duplicate
    /// detection reads.
    ///
    /// Returns false at the first word whose key depends on its neighbours
    /// (an ambiguous month such as مارس, the first word of a two-word
    /// variant such as كانون الثاني), having called `f` for the keys before
    /// it: the caller then starts over with [`Normalizer::normalize`].
    pub(crate) fn keys_until_context(&self, text: &str, mut f: impl FnMut(&str)) -> bool {
        let mut memo = Memo::acquire(self.id);
        let (mut out, mut scratch) = (String::new(), String::new());
        // One word: false when its key needs context.
        let mut word = |w: &str| -> bool {
            match memo.key(w) {
                Some(None) => true,
                Some(Some((_, true))) => false,
                Some(Some((key, false))) => {
                    f(key);
                    true
                }
                None => {
                    out.clear();
                    let placed = self.compute(&mut out, &mut scratch, w);
                    memo.record(w, 0, &out, placed);
                    match placed {
                        None => true,
                        Some(p) if p.ambiguous || p.pair_start => false,
                        Some(p) => {
                            f(&out[p.key.0..p.key.1]);
                            true
                        }
                    }
                }
            }
        };
        let mut ok = true;
        // The same segments and splits as `normalize_with`.
        segment::Segmenter::default().for_each(text, |_, seg, flags| {
            if !ok || !flags.alphanumeric() {
                return;
            }
            if flags.digits_and_arabic() {
                for (_, w) in digit_runs(seg) {
                    ok = ok && word(w);
                }
            } else {
                ok = word(seg);
            }
        });
        memo.release();
        ok
    }

    /// Appends one word token (or merges it into the previous one).
    fn push_word<'t>(&'t self, b: &mut Builder<'t>, offset: usize, word: &str) {
        let Some(p) = self.place(b, word) else {
            // Nothing but marks or joiners (a stray apostrophe with a
            // haraka): punctuation, not a word.
            b.gap.feed(offset, word);
            return;
        };
        let (n0, n1) = p.norm;
        let (k0, k1) = p.key;
        if p.ambiguous {
            // The memo keeps no borrowed month: look it up again (the key
            // of an ambiguous word is the variant itself).
            if let Some(v) = b.doc.buf.get(k0..k1).and_then(|k| self.tables.variants.get(k)) {
                b.pending.push((b.doc.tokens.len(), v.canonical.as_str()));
            }
        }
        let gap = std::mem::replace(&mut b.gap, Gap::new());
        let mut clause = gap.clause || b.doc.tokens.is_empty();
        if let Some(prev) = b.doc.tokens.last() {
            let alone_number =
                prev.kind == TokenKind::Number && b.doc.tokens.len() - b.sent_first_tok == 1;
            // A "sentence" of hundreds of words without punctuation (a word
            // repeated a million times, a table flattened to text) is cut:
            // every evidence row and passage quotes its sentence, so one
            // unbounded sentence made a 600 MB report.
            let too_long = b.doc.tokens.len() - b.sent_first_tok >= MAX_SENTENCE_TOKENS;
            if too_long || gap.sentence_break(b.doc.norm(prev), alone_number, word) {
                let end = gap.end_at.unwrap_or(prev.end as usize).max(prev.end as usize);
                b.doc.sentences.push(Sentence {
                    start: b.sent_start as u32,
                    end: end as u32,
                    tokens: b.sent_first_tok as u32..b.doc.tokens.len() as u32,
                });
                b.sentence += 1;
                b.sent_first_tok = b.doc.tokens.len();
                clause = true;
            }
        }
        if b.doc.tokens.len() == b.sent_first_tok {
            b.sent_start = offset;
        }
        let end = offset + word.len();
        if !clause
            && gap.only_space
            && b.last_pair_start
            && self.try_merge(b, (n0, n1), (k0, k1), end)
        {
            return;
        }
        b.last_pair_start = p.pair_start;
        b.doc.tokens.push(Token {
            start: offset as u32,
            end: end as u32,
            sentence: b.sentence,
            kind: p.kind,
            norm: (n0 as u32, n1 as u32),
            key: (k0 as u32, k1 as u32),
            clause_start: clause,
        });
    }

    /// Appends the norm (and, unless it is a slice of the norm, the key) of
    /// `word` to the buffer, from the memo when it holds the word. `None`:
    /// not a word (nothing appended).
    fn place(&self, b: &mut Builder<'_>, word: &str) -> Option<Placed> {
        if let Some(hit) = b.memo.as_ref().and_then(|m| m.replay(word, &mut b.doc.buf)) {
            return hit;
        }
        let n0 = b.doc.buf.len();
        let placed = self.compute(&mut b.doc.buf, &mut b.scratch, word);
        if let Some(memo) = b.memo.as_mut() {
            memo.record(word, n0, &b.doc.buf, placed);
        }
        placed
    }

    /// Folds `word`, trims joiners and keys it, appending to `buf`: what
    /// [`Normalizer::place`] memoises. Depends on the word alone.
    fn compute(&self, buf: &mut String, scratch: &mut String, word: &str) -> Option<Placed> {
        let n0 = buf.len();
        let mut info = fold::fold_into(&self.opts, word, buf);
        if !trim_joiners(buf, n0, &mut info, scratch) {
            return None;
        }
        let n1 = buf.len();
        let norm = &buf[n0..n1];
        let kind = if norm.bytes().all(|c| c.is_ascii_digit() || c == b'.' || c == b',')
            && norm.bytes().next().is_some_and(|c| c.is_ascii_digit())
        {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let (key, ambiguous) = match clitics::key(&self.tables, &self.opts, norm, info, scratch) {
            Key::Slice(x, y) => ((n0 + x, n0 + y), false),
            Key::Ambiguous(x, y, _) => ((n0 + x, n0 + y), true),
            Key::Scratch => (push(buf, scratch), false),
            Key::Canon(c) => (push(buf, c), false),
        };
        let pair_start = self.tables.pairs.contains_key(&buf[key.0..key.1]);
        Some(Placed { norm: (n0, n1), key, kind, ambiguous, pair_start })
    }

    /// Joins a two-word variant (كانون الثاني): when the previous token's
    /// key starts a pair and this word's key ends it, the previous token
    /// grows to cover both words and takes the canonical key.
    fn try_merge(
        &self,
        b: &mut Builder<'_>,
        norm: (usize, usize),
        key: (usize, usize),
        end: usize,
    ) -> bool {
        let Some(prev) = b.doc.tokens.last() else {
            return false;
        };
        let Some(cands) = self.tables.pairs.get(b.doc.key(prev)) else {
            return false;
        };
        let second = &b.doc.buf[key.0..key.1];
        let Some((_, canon)) = cands.iter().find(|(k, _)| k == second) else {
            return false;
        };
        let (p0, p1) = (prev.norm.0 as usize, prev.norm.1 as usize);
        // Rare (one per Levantine month): a scratch copy is fine.
        b.scratch.clear();
        b.scratch.push_str(&b.doc.buf[p0..p1]);
        b.scratch.push(' ');
        b.scratch.push_str(&b.doc.buf[norm.0..norm.1]);
        let m0 = b.doc.buf.len();
        b.doc.buf.push_str(&b.scratch);
        let m1 = b.doc.buf.len();
        b.doc.buf.push_str(canon);
        let m2 = b.doc.buf.len();
        b.last_pair_start = self.tables.pairs.contains_key(canon);
        if let Some(prev) = b.doc.tokens.last_mut() {
            prev.end = end as u32;
            prev.norm = (m0 as u32, m1 as u32);
            prev.key = (m1 as u32, m2 as u32);
            prev.kind = TokenKind::Word;
        }
        let last = b.doc.tokens.len() - 1;
        b.pending.retain(|&(i, _)| i != last);
        true
    }

    /// Folds ambiguous month names (مارس, آب ...) that stand next to a
    /// number, or to a month, in the same sentence.
    fn resolve_months(&self, b: &mut Builder<'_>) {
        let pending = std::mem::take(&mut b.pending);
        for (i, canon) in pending {
            let toks = &b.doc.tokens;
            let Some(me) = toks.get(i) else { continue };
            let near = |j: Option<usize>| {
                j.and_then(|j| toks.get(j)).is_some_and(|t| {
                    t.sentence == me.sentence
                        && (t.kind == TokenKind::Number || b.doc.key(t).starts_with("month"))
                })
            };
            if near(i.checked_sub(1)) || near(Some(i + 1)) {
                let k = push(&mut b.doc.buf, canon);
                if let Some(t) = b.doc.tokens.get_mut(i) {
                    t.key = (k.0 as u32, k.1 as u32);
                }
            }
        }
    }

    /// Normalises one word (no segmentation) into `out` (appending).
    pub fn fold_word(&self, word: &str, out: &mut String) {
        fold::fold_into(&self.opts, word, out);
    }

    /// The matching key of a normalised word (its `norm`), without context.
    ///
    /// Folding erases two facts the clitic rules use (whether an ا was
    /// أ/إ/آ, whether a final ه was ة), so for a raw word prefer
    /// [`Normalizer::key_of_word`], which equals the key `normalize` gives
    /// that word in running text. Context-dependent months (مارس) keep
    /// their own key here.
    pub fn key_of(&self, norm: &str) -> String {
        let mut scratch = String::new();
        key_string(&self.tables, &self.opts, norm, FoldInfo::default(), &mut scratch)
    }

    /// The matching key of one raw word (folds it first): the key the word
    /// has in running text, apart from context-dependent months.
    pub fn key_of_word(&self, word: &str) -> String {
        let mut norm = String::new();
        let info = fold::fold_into(&self.opts, word, &mut norm);
        let mut scratch = String::new();
        key_string(&self.tables, &self.opts, &norm, info, &mut scratch)
    }
}

/// `key` as an owned string.
fn key_string(
    tables: &Tables,
    opts: &NormalizeOptions,
    norm: &str,
    info: FoldInfo,
    scratch: &mut String,
) -> String {
    match clitics::key(tables, opts, norm, info, scratch) {
        Key::Slice(a, b) | Key::Ambiguous(a, b, _) => norm[a..b].to_string(),
        Key::Scratch => scratch.clone(),
        Key::Canon(c) => c.to_string(),
    }
}

/// Trims joiner punctuation (' . , _ · :) from both ends of the norm
/// `buf[n0..]`, which UAX #29 only allows between letters or digits: a norm
/// must re-segment as itself. Returns false when no letter or digit is left.
fn trim_joiners(buf: &mut String, n0: usize, info: &mut FoldInfo, scratch: &mut String) -> bool {
    let is_joiner = |c: char| matches!(c, '\'' | '.' | ',' | '_' | '·' | ':');
    let norm = &buf[n0..];
    let letter = |c: char| {
        c.is_ascii_alphanumeric()
            || ('\u{0621}'..='\u{064A}').contains(&c)
            || (!c.is_ascii()
                && charclass::is_alphanumeric(c)
                && !unicode_normalization::char::is_combining_mark(c))
    };
    if !norm.chars().any(letter) {
        buf.truncate(n0);
        return false;
    }
    if !norm.contains(is_joiner) {
        return true;
    }
    let trimmed = norm.trim_matches(is_joiner);
    let lead = norm.len() - norm.trim_start_matches(is_joiner).len();
    scratch.clear();
    if trimmed.split_word_bounds().nth(1).is_none() {
        scratch.push_str(trimmed);
    } else {
        // A removed tatweel or mark left two joiners side by side (ا.'ا):
        // the joiners go, the letters stay one word.
        scratch.extend(trimmed.chars().filter(|&c| !is_joiner(c)));
    }
    if scratch.len() == norm.len() {
        return true;
    }
    info.hamza_alef = info.hamza_alef.checked_shr(lead as u32).unwrap_or(0);
    buf.truncate(n0);
    buf.push_str(scratch);
    true
}

/// Appends `s` to `buf`, returning its byte range.
fn push(buf: &mut String, s: &str) -> (usize, usize) {
    let a = buf.len();
    buf.push_str(s);
    (a, buf.len())
}

/// Splits a segment into runs of digits and runs of letters; marks and
/// joiners stay with the run before them.
fn digit_runs(seg: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut class = 0u8;
    let mut cuts = Vec::new();
    for (i, c) in seg.char_indices() {
        let k = if c.is_ascii_digit() || matches!(c, '٠'..='٩' | '۰'..='۹') {
            1
        } else if charclass::is_alphabetic(c) {
            2
        } else {
            0
        };
        if k != 0 && class != 0 && k != class {
            cuts.push((start, &seg[start..i]));
            start = i;
        }
        if k != 0 {
            class = k;
        }
    }
    cuts.push((start, &seg[start..]));
    cuts.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seed(i: usize) -> &'static str {
        crate::seeds::SEEDS.get(i).and_then(|s| std::str::from_utf8(s.1).ok()).unwrap_or("")
    }

    /// `(norm, key)` of every token of `text`.
    fn nk(n: &Normalizer, text: &str) -> Vec<(String, String)> {
        let doc = n.normalize(text);
        doc.tokens.iter().map(|t| (doc.norm(t).to_string(), doc.key(t).to_string())).collect()
    }

    fn keys(n: &Normalizer, text: &str) -> Vec<String> {
        nk(n, text).into_iter().map(|p| p.1).collect()
    }

    #[test]
    fn spans_slice_the_original() {
        let text = "تشهد العلاقات الجزائرية-الأمريكية تطورًا لافتًا. Hello, World!";
        let doc = Normalizer::default().normalize(text);
        let surfaces: Vec<_> = doc.tokens.iter().map(|t| &text[t.span()]).collect();
        assert_eq!(
            surfaces,
            ["تشهد", "العلاقات", "الجزائرية", "الأمريكية", "تطورًا", "لافتًا", "Hello", "World"]
        );
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.norm(&doc.tokens[4]), "تطورا");
        assert_eq!(doc.norm(&doc.tokens[6]), "hello");
    }

    /// Surface → norm → key, one word at a time, for every rule and trap.
    #[test]
    fn golden_words() {
        let n = Normalizer::default();
        let table = [
            // article and proclitic chains
            ("الجزائر", "الجزائر", "جزائر"),
            ("للجزائر", "للجزائر", "جزائر"),
            ("والجزائر", "والجزائر", "جزائر"),
            ("بالجزائر", "بالجزائر", "جزائر"),
            ("فالجزائر", "فالجزائر", "جزائر"),
            ("واشنطن", "واشنطن", "واشنطن"),
            ("بواشنطن", "بواشنطن", "واشنطن"),
            ("وواشنطن", "وواشنطن", "واشنطن"),
            ("لواشنطن", "لواشنطن", "واشنطن"),
            ("بالعلاقات", "بالعلاقات", "علاقات"),
            ("وبالتالي", "وبالتالي", "تالي"),
            ("للتعاون", "للتعاون", "تعاون"),
            ("لتعزيز", "لتعزيز", "تعزيز"),
            ("وأكد", "واكد", "اكد"),
            ("فإنه", "فانه", "انه"),
            // words that merely start with clitic letters
            ("فرنسا", "فرنسا", "فرنسا"),
            ("بفرنسا", "بفرنسا", "فرنسا"),
            ("ليبيا", "ليبيا", "ليبيا"),
            ("مالي", "مالي", "مالي"),
            ("وزير", "وزير", "وزير"),
            ("ولاية", "ولايه", "ولايه"),
            ("والولاية", "والولايه", "ولايه"),
            ("كبير", "كبير", "كبير"),
            ("بلد", "بلد", "بلد"),
            ("بلادها", "بلادها", "بلاد"),
            ("لافتًا", "لافتا", "لافت"),
            ("بكين", "بكين", "بكين"),
            ("وبكين", "وبكين", "بكين"),
            ("موسكو", "موسكو", "موسكو"),
            ("بموسكو", "بموسكو", "موسكو"),
            ("الكرملين", "الكرملين", "كرملين"),
            ("البنتاغون", "البنتاغون", "بنتاغون"),
            ("البنتاجون", "البنتاجون", "بنتاغون"),
            ("أفريكوم", "افريكوم", "افريكوم"),
            ("المغرب", "المغرب", "مغرب"),
            ("تونس", "تونس", "تونس"),
            ("بتونس", "بتونس", "تونس"),
            // hamzated alef is no article
            ("آليات", "اليات", "اليات"),
            ("ألمانيا", "المانيا", "المانيا"),
            ("وألمانيا", "والمانيا", "المانيا"),
            ("إلى", "الي", "الي"),
            ("الله", "الله", "الله"),
            ("الذي", "الذي", "الذي"),
            // pronouns
            ("علاقاتها", "علاقاتها", "علاقات"),
            ("شركائها", "شركائها", "شركاء"),
            ("سياستها", "سياستها", "سياسه"),
            ("استراتيجيتها", "استراتيجيتها", "استراتيجيه"),
            ("موقفه", "موقفه", "موقف"),
            ("بوصفه", "بوصفه", "وصف"),
            ("يمكننا", "يمكننا", "يمكن"),
            ("الزيارة", "الزياره", "زياره"),
            ("زيارته", "زيارته", "زياره"),
            ("تفاهم", "تفاهم", "تفاهم"),
            ("اتجاه", "اتجاه", "اتجاه"),
            ("توجيه", "توجيه", "توجيه"),
            ("مشترك", "مشترك", "مشترك"),
            ("الجزائري", "الجزائري", "جزائري"),
            ("العسكري", "العسكري", "عسكري"),
            ("وقت", "وقت", "وقت"),
            ("وقتها", "وقتها", "وقت"),
            // tanwin alef
            ("شريكًا", "شريكا", "شريك"),
            ("عسكرياً", "عسكريا", "عسكري"),
            ("أمريكا", "امريكا", "امريكا"),
            // variants
            ("الأميركية", "الاميركيه", "امريكيه"),
            ("الأمريكية", "الامريكيه", "امريكيه"),
            ("واشنطون", "واشنطون", "واشنطن"),
            ("ڤاغنر", "فاغنر", "فاغنر"),
            ("فاجنر", "فاجنر", "فاغنر"),
            ("إفريقيا", "افريقيا", "افريقيا"),
            ("أفريقيا", "افريقيا", "افريقيا"),
            ("الديبلوماسية", "الديبلوماسيه", "دبلوماسيه"),
            ("جانفي", "جانفي", "month01"),
            ("يناير", "يناير", "month01"),
            ("بيناير", "بيناير", "month01"),
            ("فيفري", "فيفري", "month02"),
            ("جويلية", "جويليه", "month07"),
            ("غشت", "غشت", "month08"),
            ("دجنبر", "دجنبر", "month12"),
            // Latin
            ("L’Algérie", "l'algérie", "algérie"),
            ("d'Alger", "d'alger", "alger"),
            ("qu'il", "qu'il", "il"),
            ("America's", "america's", "america"),
            ("Washington", "washington", "washington"),
            ("juillet", "juillet", "month07"),
            // numbers keep their digits
            ("٢٢", "22", "22"),
            ("09", "09", "09"),
            ("3.5", "3.5", "3.5"),
        ];
        let mut bad = Vec::new();
        for (surface, norm, key) in table {
            let got = nk(&n, surface);
            let want = vec![(norm.to_string(), key.to_string())];
            if got != want {
                bad.push(format!("{surface}: got {got:?}, want {want:?}"));
            }
            assert_eq!(n.key_of_word(surface), key, "key_of_word({surface})");
        }
        assert!(bad.is_empty(), "\n{}", bad.join("\n"));
    }

    #[test]
    fn months_need_context_when_ambiguous() {
        let n = Normalizer::default();
        assert_eq!(keys(&n, "في 22 مارس"), ["في", "22", "month03"]);
        assert_eq!(keys(&n, "مارس 2025"), ["month03", "2025"]);
        assert_eq!(keys(&n, "مارس الضغط على الحكومة"), ["مارس", "ضغط", "علي", "حكومه"]);
        assert_eq!(keys(&n, "في 3 آب"), ["في", "3", "month08"]);
        assert_eq!(keys(&n, "زار أب الطفل"), ["زار", "اب", "طفل"]);
        assert_eq!(keys(&n, "في مارس/آذار الماضي"), ["في", "month03", "month03", "ماضي"]);
        assert_eq!(keys(&n, "in March 2025"), ["in", "month03", "2025"]);
        assert_eq!(keys(&n, "they march on"), ["they", "march", "on"]);
    }

    #[test]
    fn levantine_months_are_one_token() {
        let n = Normalizer::default();
        let text = "في 22 كانون الثاني الماضي";
        let doc = n.normalize(text);
        let k: Vec<_> = doc.tokens.iter().map(|t| doc.key(t)).collect();
        assert_eq!(k, ["في", "22", "month01", "ماضي"]);
        assert_eq!(&text[doc.tokens[2].span()], "كانون الثاني");
        assert_eq!(doc.norm(&doc.tokens[2]), "كانون الثاني");
        assert_eq!(keys(&n, "22 تشرين الأول"), ["22", "month10"]);
        assert_eq!(keys(&n, "22 كانون الأول"), ["22", "month12"]);
        // Not across punctuation, and كانون alone stays a word.
        assert_eq!(keys(&n, "كانون، الثاني"), ["كانون", "ثاني"]);
        // The same key sequence as the Maghrebi and Egyptian names.
        assert_eq!(keys(&n, "22 جانفي"), keys(&n, "22 كانون الثاني"));
        assert_eq!(keys(&n, "22 يناير"), keys(&n, "22 كانون الثاني"));
    }

    #[test]
    fn tokenization_edges() {
        let n = Normalizer::default();
        let text = "الجزائرية-الأمريكية في 2025-09-23 عسكـــري 2025م non-alignment بـ”الهامة”";
        let doc = n.normalize(text);
        let surf: Vec<_> = doc.tokens.iter().map(|t| &text[t.span()]).collect();
        assert_eq!(
            surf,
            [
                "الجزائرية",
                "الأمريكية",
                "في",
                "2025",
                "09",
                "23",
                "عسكـــري",
                "2025",
                "م",
                "non",
                "alignment",
                "بـ",
                "الهامة"
            ]
        );
        assert_eq!(doc.tokens[3].kind, TokenKind::Number);
        assert_eq!(doc.tokens[6].kind, TokenKind::Word);
        assert_eq!(doc.norm(&doc.tokens[6]), "عسكري");
        // Harakat do not split a word.
        assert_eq!(nk(&n, "مُذَكِّرَةُ").len(), 1);
    }

    #[test]
    fn sentences_and_clauses() {
        let n = Normalizer::default();
        let text = "The U.S. Army met Mr. Smith at 3.5 km. Then, they left! هل تغير الموقف؟ لا، لم يتغير\nعنوان";
        let doc = n.normalize(text);
        let sents: Vec<_> =
            doc.sentences.iter().map(|s| &text[s.start as usize..s.end as usize]).collect();
        assert_eq!(
            sents,
            [
                "The U.S. Army met Mr. Smith at 3.5 km.",
                "Then, they left!",
                "هل تغير الموقف؟",
                "لا، لم يتغير",
                "عنوان"
            ]
        );
        let idx =
            |w: &str| doc.tokens.iter().position(|t| &text[t.span()] == w).unwrap_or(usize::MAX);
        assert!(doc.clause_break_before(0));
        assert!(doc.clause_break_before(idx("they")), "comma");
        assert!(doc.clause_break_before(idx("لم")), "Arabic comma");
        assert!(doc.clause_break_before(idx("هل")), "sentence end");
        assert!(!doc.clause_break_before(idx("Army")));
        assert!(!doc.clause_break_before(idx("يتغير")));
        assert!(doc.clause_break_before(doc.len()));
        for (i, s) in doc.sentences.iter().enumerate() {
            for t in s.tokens.clone() {
                assert_eq!(doc.tokens[t as usize].sentence as usize, i);
            }
        }
        let doc = n.normalize("قال: «لا شيء» — ثم (ربما) عاد؛ وانتهى");
        let breaks: Vec<_> = (0..doc.len()).filter(|&i| doc.clause_break_before(i)).collect();
        assert_eq!(breaks, [0, 1, 3, 4, 5, 6]);
        assert_eq!(doc.sentences.len(), 2, "؛ ends a sentence");
    }

    #[test]
    fn seeds_000_and_001_date_the_memorandum_alike() {
        let n = Normalizer::default();
        let find = |text: &str, want: &str| {
            let doc = n.normalize(text);
            let i = doc.tokens.iter().position(|t| &text[t.span()] == want);
            i.map(|i| {
                (doc.key(&doc.tokens[i]).to_string(), doc.key(&doc.tokens[i + 1]).to_string())
            })
        };
        let a = find(seed(0), "22");
        let b = find(seed(1), "22");
        assert_eq!(a, Some(("22".to_string(), "month01".to_string())));
        assert_eq!(a, b, "22 جانفي (seed 000) and 22 يناير (seed 001)");
        let doc = n.normalize(seed(0));
        let key_of = |w: &str| {
            doc.tokens.iter().find(|t| &seed(0)[t.span()] == w).map(|t| doc.key(t).to_string())
        };
        assert_eq!(key_of("بواشنطن"), key_of("واشنطن"));
        assert_eq!(key_of("الجزائر").as_deref(), Some("جزائر"));
        // Seed 003: يناير/ كانون الثاني, both January.
        let k = keys(&n, seed(3));
        assert!(k.windows(2).any(|w| w[0] == "month01" && w[1] == "month01"));
        assert!(k.windows(2).any(|w| w[0] == "14" && w[1] == "month09"));
    }

    #[test]
    fn lexicon_entries_key_like_running_text() {
        let n = Normalizer::default();
        let text = seed(0);
        let doc = n.normalize(text);
        for t in &doc.tokens {
            let surface = &text[t.span()];
            let entry = n.normalize(surface);
            assert_eq!(entry.len(), 1, "{surface}");
            if doc.key(t).starts_with("month") {
                continue; // context-dependent by design
            }
            assert_eq!(entry.key(&entry.tokens[0]), doc.key(t), "{surface}");
            assert_eq!(n.key_of_word(surface), doc.key(t), "{surface}");
        }
    }

    #[test]
    fn options_switch_rules_off() {
        let opts = NormalizeOptions {
            strip_clitics: false,
            fold_variants: false,
            ..NormalizeOptions::default()
        };
        let n = Normalizer::new(opts);
        assert_eq!(
            nk(&n, "بواشنطن جانفي"),
            [("بواشنطن".into(), "بواشنطن".into()), ("جانفي".into(), "جانفي".into())]
        );
        let n =
            Normalizer::new(NormalizeOptions { fold_alef: false, ..NormalizeOptions::default() });
        assert_eq!(keys(&n, "الأميركية أفريقيا"), ["أمريكيه", "أفريقيا"]);
    }

    fn arb_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "ا",
            "أ",
            "إ",
            "آ",
            "ب",
            "ت",
            "ة",
            "ج",
            "د",
            "ر",
            "س",
            "ل",
            "ال",
            "م",
            "ن",
            "ه",
            "و",
            "ي",
            "ى",
            "ك",
            "ف",
            "\u{064E}",
            "\u{064B}",
            "\u{0651}",
            "\u{0640}",
            "ک",
            "ی",
            "٢",
            "٫",
            "5",
            "0",
            "a",
            "B",
            "é",
            "'",
            "’",
            ".",
            ",",
            "،",
            "؛",
            "؟",
            "!",
            "-",
            " ",
            " ",
            " ",
            "\n",
            "«",
            "»",
            "(",
            "\u{200C}",
            "ﻻ",
            "U.S.",
            "كانون",
            "الثاني",
            "مارس",
            "22",
            "واشنطن",
            "l'",
            "Mr.",
            "…",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    /// The memo-free path: every word folded and keyed afresh.
    fn reference(n: &Normalizer, text: &str) -> NormalizedDoc {
        n.normalize_with(text, None)
    }

    /// Byte-identical: same buffer, tokens (spans, norm/key ranges,
    /// sentence, kind, clause marks) and sentences.
    fn same(a: &NormalizedDoc, b: &NormalizedDoc) -> bool {
        a.buf == b.buf && a.tokens == b.tokens && a.sentences == b.sentences
    }

    #[test]
    fn memo_changes_no_token_on_the_seeds() {
        let opts = [
            NormalizeOptions::default(),
            NormalizeOptions { fold_accents: true, fold_alef: false, ..Default::default() },
            NormalizeOptions { strip_clitics: false, nfkc: false, ..Default::default() },
        ];
        for o in opts {
            let n = Normalizer::new(o);
            // Twice over: the second pass replays nearly every word from
            // the memo the first one filled.
            for _ in 0..2 {
                for i in 0..crate::seeds::SEEDS.len() {
                    let (got, want) = (n.normalize(seed(i)), reference(&n, seed(i)));
                    assert!(same(&got, &want), "seed {i}");
                    assert!(!got.is_empty());
                }
            }
        }
        // The memo was used, and belongs to one normaliser only.
        let n = Normalizer::default();
        n.normalize(seed(0));
        let memo = Memo::acquire(n.id);
        assert!(memo.len() > 100, "{}", memo.len());
        memo.release();
        let memo = Memo::acquire(Normalizer::default().id);
        assert_eq!(memo.len(), 0);
        memo.release();
    }

    #[test]
    fn keys_only_path_runs_on_plain_text_and_stops_for_context() {
        let n = Normalizer::default();
        for i in 0..crate::seeds::SEEDS.len() {
            let doc = n.normalize(seed(i));
            let mut got = Vec::new();
            let done = n.keys_until_context(seed(i), |k| got.push(k.to_owned()));
            let want: Vec<&str> = doc.tokens.iter().map(|t| doc.key(t)).collect();
            if done {
                assert_eq!(got, want, "seed {i}");
            } else {
                assert!(want.iter().any(|k| k.starts_with("month")), "seed {i}");
            }
        }
        for (text, done) in [
            ("تشهد العلاقات الجزائرية الأمريكية تطورًا لافتًا", true),
            ("في 22 مارس 2025", false),
            ("مارس الضغط على الحكومة", false),
            ("في كانون الثاني الماضي", false),
            ("كانون، الثاني", false),
        ] {
            assert_eq!(n.keys_until_context(text, |_| ()), done, "{text}");
        }
    }

    #[test]
    fn memo_keeps_context_decisions_per_occurrence() {
        let n = Normalizer::default();
        // The same surfaces in contexts that change month, merge and
        // sentence decisions; each text is seen after the others filled
        // the memo.
        let texts = [
            "مارس الضغط على الحكومة",
            "في 22 مارس 2025",
            "كانون، الثاني",
            "في 22 كانون الثاني الماضي",
            "كانون الثاني",
            "Mr. Smith. Then mr. smith",
            "they march on. March 3",
        ];
        for _ in 0..2 {
            for t in texts {
                assert!(same(&n.normalize(t), &reference(&n, t)), "{t}");
            }
        }
        assert_eq!(keys(&n, "مارس الضغط"), ["مارس", "ضغط"]);
        assert_eq!(keys(&n, "22 مارس"), ["22", "month03"]);
    }

    proptest! {
        #[test]
        fn memo_matches_reference(texts in prop::collection::vec(arb_text(), 1..6)) {
            let n = Normalizer::default();
            for t in &texts {
                let got = n.normalize(t);
                let want = reference(&n, t);
                prop_assert!(same(&got, &want), "{:?}", t);
            }
        }

        /// The keys-only path gives the document's keys, or stops at a
        /// word whose key needs context, having given the keys before it.
        #[test]
        fn keys_only_match_the_document(texts in prop::collection::vec(arb_text(), 1..4)) {
            let n = Normalizer::default();
            for t in &texts {
                let doc = n.normalize(t);
                let want: Vec<&str> = doc.tokens.iter().map(|tok| doc.key(tok)).collect();
                let mut got = Vec::new();
                let done = n.keys_until_context(t, |k| got.push(k.to_owned()));
                if done {
                    prop_assert_eq!(&got, &want);
                } else {
                    prop_assert!(got.len() <= want.len() && got == want[..got.len()], "{:?}", t);
                    // It stopped at the next token, and that word's key
                    // does need context.
                    let next = &doc.tokens[got.len()];
                    let first = t[next.span()].split_whitespace().next().unwrap_or_default();
                    let (mut buf, mut scratch) = (String::new(), String::new());
                    let placed = n.compute(&mut buf, &mut scratch, first);
                    prop_assert!(placed.is_some_and(|p| p.ambiguous || p.pair_start), "{:?}", t);
                }
            }
        }

        #[test]
        fn spans_are_exact_ordered_and_disjoint(text in arb_text()) {
            let doc = Normalizer::default().normalize(&text);
            let mut last = 0usize;
            for t in &doc.tokens {
                prop_assert!(t.start as usize >= last && t.start < t.end);
                prop_assert!(text.is_char_boundary(t.start as usize) && text.is_char_boundary(t.end as usize));
                prop_assert!(text.get(t.span()).is_some());
                prop_assert!(!doc.norm(t).is_empty() && !doc.key(t).is_empty());
                last = t.end as usize;
            }
            let mut next = 0u32;
            for (i, s) in doc.sentences.iter().enumerate() {
                prop_assert_eq!(s.tokens.start, next);
                prop_assert!(s.tokens.end > s.tokens.start && s.start < s.end);
                prop_assert!(text.get(s.start as usize..s.end as usize).is_some());
                for j in s.tokens.clone() {
                    prop_assert_eq!(doc.tokens[j as usize].sentence as usize, i);
                }
                next = s.tokens.end;
            }
            prop_assert_eq!(next as usize, doc.len());
        }

        #[test]
        fn normalizing_norms_is_idempotent(text in arb_text()) {
            let n = Normalizer::default();
            let doc = n.normalize(&text);
            // A merged two-word month (كانون الثاني) holds a space, and
            // whether two words merge depends on the punctuation between
            // them: compare word by word.
            let words = |d: &NormalizedDoc| -> Vec<String> {
                d.tokens.iter().flat_map(|t| d.norm(t).split(' ')).map(str::to_string).collect()
            };
            let norms = words(&doc);
            let again = n.normalize(&norms.join(" "));
            let norms2 = words(&again);
            prop_assert_eq!(norms, norms2);
        }
    }
}
