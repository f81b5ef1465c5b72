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

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

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

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Normalises texts. Cheap to share across threads (`&Normalizer` is `Sync`).
#[derive(Clone, Debug, Default)]
pub struct Normalizer {
    opts: NormalizeOptions,
}

impl Normalizer {
    /// A normaliser with these options.
    pub fn new(opts: NormalizeOptions) -> Normalizer {
        Normalizer { opts }
    }

    /// The options in force.
    pub fn options(&self) -> &NormalizeOptions {
        &self.opts
    }

    /// Normalises a whole text into tokens and sentences.
    pub fn normalize(&self, text: &str) -> NormalizedDoc {
        let mut doc = NormalizedDoc::default();
        let mut sentence = 0u32;
        let mut sent_start = 0usize;
        let mut sent_first_tok = 0u32;
        let mut scratch = String::new();
        let mut last_end = 0usize;
        for (offset, word) in text.split_word_bound_indices() {
            if !word.chars().any(|c| c.is_alphanumeric()) {
                // Punctuation or space: a sentence ends at . ! ? ؟ or a line
                // break, once it holds a token.
                if word.chars().any(is_sentence_end) && doc.tokens.len() as u32 > sent_first_tok {
                    let end = offset + word.len();
                    doc.sentences.push(Sentence {
                        start: sent_start as u32,
                        end: end as u32,
                        tokens: sent_first_tok..doc.tokens.len() as u32,
                    });
                    sentence += 1;
                    sent_start = end;
                    sent_first_tok = doc.tokens.len() as u32;
                }
                continue;
            }
            if doc.tokens.len() as u32 == sent_first_tok {
                sent_start = offset;
            }
            scratch.clear();
            self.fold_word(word, &mut scratch);
            if scratch.is_empty() {
                continue;
            }
            let n0 = doc.buf.len() as u32;
            doc.buf.push_str(&scratch);
            let n1 = doc.buf.len() as u32;
            let key = self.key_of(&scratch);
            let (k0, k1) = if key == scratch {
                (n0, n1)
            } else {
                doc.buf.push_str(&key);
                (n1, doc.buf.len() as u32)
            };
            let kind = if scratch.chars().all(|c| c.is_ascii_digit()) {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            doc.tokens.push(Token {
                start: offset as u32,
                end: (offset + word.len()) as u32,
                sentence,
                kind,
                norm: (n0, n1),
                key: (k0, k1),
            });
            last_end = offset + word.len();
        }
        if doc.tokens.len() as u32 > sent_first_tok {
            doc.sentences.push(Sentence {
                start: sent_start as u32,
                end: last_end as u32,
                tokens: sent_first_tok..doc.tokens.len() as u32,
            });
        }
        doc
    }

    /// Normalises one word (no segmentation) into `out`.
    pub fn fold_word(&self, word: &str, out: &mut String) {
        let o = &self.opts;
        let push = |c: char, out: &mut String| {
            if o.strip_diacritics && is_diacritic(c) {
                return;
            }
            let c = match c {
                'أ' | 'إ' | 'آ' | 'ٱ' if o.fold_alef => 'ا',
                'ى' if o.fold_yeh => 'ي',
                'ة' if o.fold_teh_marbuta => 'ه',
                'ک' if o.fold_persian => 'ك',
                'ی' | 'ې' if o.fold_persian => 'ي',
                'ہ' | 'ە' if o.fold_persian => 'ه',
                '٠'..='٩' if o.ascii_digits => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
                '۰'..='۹' if o.ascii_digits => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
                _ => c,
            };
            if o.lowercase && c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        };
        if o.nfkc {
            for c in word.nfkc() {
                push(c, out);
            }
        } else {
            for c in word.chars() {
                push(c, out);
            }
        }
    }

    /// The matching key of a normalised word. The first cut strips only the
    /// article ال and a leading و/ب/ل/ف when a plausible word remains.
    pub fn key_of(&self, norm: &str) -> String {
        if !self.opts.strip_clitics {
            return norm.to_string();
        }
        let mut w = norm;
        for p in ["و", "ف", "ب", "ل", "ك"] {
            if let Some(rest) = w.strip_prefix(p) {
                if rest.chars().count() >= 3 {
                    w = rest;
                }
                break;
            }
        }
        if let Some(rest) = w.strip_prefix("ال") {
            if rest.chars().count() >= 2 {
                w = rest;
            }
        }
        w.to_string()
    }
}

fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}')
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '\n' | '。' | '…')
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
