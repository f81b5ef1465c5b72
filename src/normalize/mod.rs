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
//! Tokens are produced word by word from the original text, so offsets never
//! drift: whatever a folding rule does to the characters of a word, the span
//! still points at that word.

use std::ops::Range;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

mod clitics;
mod fold;
mod lang;
mod sentences;
mod tables;

pub use lang::detect_language;

use clitics::Key;
use fold::FoldInfo;
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
    /// ة → ه (collides e.g. نشرة "bulletin" with نشره "published it").
    pub fold_teh_marbuta: bool,
    /// Persian/Urdu letters (ک ی ...) to Arabic ones.
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
        self.tokens.get(i).map_or(true, |t| t.clause_start)
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
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizeOptions::default())
    }
}

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
        Normalizer { opts, tables: Arc::new(tables) }
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
        };
        for (offset, seg) in text.split_word_bound_indices() {
            if !seg.chars().any(char::is_alphanumeric) {
                b.gap.feed(offset, seg);
                continue;
            }
            if needs_split(seg) {
                for (o, w) in digit_runs(seg) {
                    self.push_word(&mut b, offset + o, w);
                }
            } else {
                self.push_word(&mut b, offset, seg);
            }
        }
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
        b.doc
    }

    /// Appends one word token (or merges it into the previous one).
    fn push_word<'t>(&'t self, b: &mut Builder<'t>, offset: usize, word: &str) {
        let n0 = b.doc.buf.len();
        let info = fold::fold_into(&self.opts, word, &mut b.doc.buf);
        let n1 = b.doc.buf.len();
        if n1 == n0 {
            return;
        }
        let gap = std::mem::replace(&mut b.gap, Gap::new());
        let mut clause = gap.clause || b.doc.tokens.is_empty();
        if let Some(prev) = b.doc.tokens.last() {
            let alone_number = prev.kind == TokenKind::Number && b.doc.tokens.len() - b.sent_first_tok == 1;
            if gap.sentence_break(b.doc.norm(prev), alone_number, word) {
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
        let norm = &b.doc.buf[n0..n1];
        let kind = if norm.bytes().all(|c| c.is_ascii_digit() || c == b'.' || c == b',')
            && norm.bytes().next().is_some_and(|c| c.is_ascii_digit())
        {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        let key = clitics::key(&self.tables, &self.opts, norm, info, &mut b.scratch);
        let (k0, k1) = match key {
            Key::Slice(x, y) => (n0 + x, n0 + y),
            Key::Ambiguous(x, y, canon) => {
                b.pending.push((b.doc.tokens.len(), canon));
                (n0 + x, n0 + y)
            }
            Key::Scratch => push(&mut b.doc.buf, &b.scratch),
            Key::Canon(c) => push(&mut b.doc.buf, c),
        };
        let end = offset + word.len();
        if !clause && gap.only_space && self.try_merge(b, (n0, n1), (k0, k1), end) {
            return;
        }
        b.doc.tokens.push(Token {
            start: offset as u32,
            end: end as u32,
            sentence: b.sentence,
            kind,
            norm: (n0 as u32, n1 as u32),
            key: (k0 as u32, k1 as u32),
            clause_start: clause,
        });
    }

    /// Joins a two-word variant (كانون الثاني): when the previous token's
    /// key starts a pair and this word's key ends it, the previous token
    /// grows to cover both words and takes the canonical key.
    fn try_merge(&self, b: &mut Builder<'_>, norm: (usize, usize), key: (usize, usize), end: usize) -> bool {
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
        let m0 = b.doc.buf.len();
        b.doc.buf.extend_from_within(p0..p1);
        b.doc.buf.push(' ');
        b.doc.buf.extend_from_within(norm.0..norm.1);
        let m1 = b.doc.buf.len();
        b.doc.buf.push_str(canon);
        let m2 = b.doc.buf.len();
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
fn key_string(tables: &Tables, opts: &NormalizeOptions, norm: &str, info: FoldInfo, scratch: &mut String) -> String {
    match clitics::key(tables, opts, norm, info, scratch) {
        Key::Slice(a, b) | Key::Ambiguous(a, b, _) => norm[a..b].to_string(),
        Key::Scratch => scratch.clone(),
        Key::Canon(c) => c.to_string(),
    }
}

/// Appends `s` to `buf`, returning its byte range.
fn push(buf: &mut String, s: &str) -> (usize, usize) {
    let a = buf.len();
    buf.push_str(s);
    (a, buf.len())
}

/// True when a word segment mixes Arabic letters and digits (`2025م`).
fn needs_split(seg: &str) -> bool {
    let mut digit = false;
    let mut arabic = false;
    for c in seg.chars() {
        digit |= c.is_numeric();
        arabic |= c.is_alphabetic() && fold::is_arabic(c);
    }
    digit && arabic
}

/// Splits a segment into runs of digits and runs of letters; marks and
/// joiners stay with the run before them.
fn digit_runs(seg: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    let mut class = 0u8;
    let mut cuts = Vec::new();
    for (i, c) in seg.char_indices() {
        let k = if c.is_numeric() {
            1
        } else if c.is_alphabetic() {
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
}
