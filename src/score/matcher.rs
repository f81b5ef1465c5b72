//! Lexicon matching over token keys.
//!
//! Input: a [`Lexicon`] compiled with the text's [`Normalizer`], then one
//! [`NormalizedDoc`] at a time. Output: the accepted [`Match`]es (token
//! ranges and the entry they come from), sorted by position.
//!
//! Invariants:
//! - entries are normalised exactly like the text (each word of the term goes
//!   through the normaliser and its *key* is kept), so والتعاون matches
//!   التعاون and أمريكا/أميركا fold together when the normaliser folds them;
//! - matching is linear in the text: at each token, candidate patterns come
//!   from hash lookups of the token's key, of each of its prefixes (for
//!   `prefix*` globs) and of each of its suffixes (for `*suffix` globs), so
//!   the cost per token is bounded by the word's length, not the lexicon's;
//! - within a family (targets, frames, polarity, cues) the longest match wins
//!   and a token is counted once per category: overlapping shorter matches
//!   of the same family are dropped, except when two entries have exactly
//!   the same span and different categories (a term listed under two frames
//!   counts for both).

use rustc_hash::FxHashMap;

use super::lexicon::{kind_of, parse_guard, Entry, GuardCond, Kind, Lexicon};
use crate::error::{Error, Result};
use crate::normalize::{NormalizedDoc, Normalizer, TokenKind};

/// One word of a compiled term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A whole word: it matches a token whose key equals `key`, or whose
    /// normalised form equals `norm`. The second test is for words whose
    /// key depends on context: the normaliser keys مارس next to a number
    /// as `month03`, and an entry `مارس` (keyed alone, without that
    /// context) must still find it — the entry's guard, not the key,
    /// decides which sense counts. Equal norms mean the same folded
    /// spelling, so this never adds a match between different words.
    Exact {
        /// The entry word's key (clitic-stripped, variant-folded).
        key: String,
        /// The entry word's normalised form.
        norm: String,
    },
    /// The token key starts with one of these (`prefix*`): the word's key,
    /// and its normalised form when different (a glob written with the
    /// article, `الفرنسي*`, keeps the stem whole either way).
    Prefix(Vec<String>),
    /// The token key ends with this (`*suffix`).
    Suffix(String),
}

impl Piece {
    /// True when the token with key `key` (or one of its alternative keys)
    /// and normalised form `norm` matches.
    fn matches(&self, keys: &[Option<&str>], norm: &str) -> bool {
        let mut keys = keys.iter().flatten();
        match self {
            Piece::Exact { key, norm: n } => norm == n || keys.any(|k| k == key),
            Piece::Prefix(p) => keys.any(|k| p.iter().any(|p| k.starts_with(p.as_str()))),
            Piece::Suffix(s) => keys.any(|k| k.ends_with(s.as_str())),
        }
    }

    /// The key shown by `lexicon check`.
    fn shown(&self) -> String {
        match self {
            Piece::Exact { key, .. } => key.clone(),
            Piece::Prefix(k) => format!("{}*", k.first().map_or("", String::as_str)),
            Piece::Suffix(k) => format!("*{k}"),
        }
    }
}

/// Which entries compete for the same tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Family {
    Target,
    Frame,
    Polarity,
    Scaler,
    Negator,
    Attribution,
    Contrast,
}

/// A compiled lexicon entry.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub(crate) pieces: Vec<Piece>,
    /// Index of the entry in the lexicon.
    pub(crate) entry: usize,
    pub(crate) family: Family,
    /// The entry's kind (parsed once: scoring asks it for every match).
    pub(crate) kind: Kind,
    /// Guards with their words normalised to keys.
    guards: Vec<GuardCond>,
}

/// An accepted match: tokens `start..end` and the pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) pattern: usize,
}

/// The compiled lexicon.
#[derive(Clone, Debug, Default)]
pub(crate) struct Matcher {
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) entries: Vec<Entry>,
    exact: FxHashMap<String, Vec<u32>>,
    /// Exact first pieces by their normalised form (see [`Piece::Exact`]).
    by_norm: FxHashMap<String, Vec<u32>>,
    prefix: FxHashMap<String, Vec<u32>>,
    suffix: FxHashMap<String, Vec<u32>>,
    /// Byte lengths of the `prefix*` keys, by their first character (bit
    /// `min(len, 63)`): a token key is looked up only at the lengths some
    /// prefix starting like it has, instead of at every character.
    prefix_lens: FxHashMap<char, u64>,
    /// The same for `*suffix` keys, by their last character.
    suffix_lens: FxHashMap<char, u64>,
}

/// Bit for a key of `len` bytes in [`Matcher::prefix_lens`] (63: 63 or more).
fn len_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// The keys of the tokens of one word (several when the normaliser splits
/// it).
fn word_keys(word: &str, normalizer: &Normalizer) -> Vec<String> {
    let doc = normalizer.normalize(word);
    doc.tokens.iter().map(|t| doc.key(t).to_string()).collect()
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}')
}

/// Exact pieces for a run of plain words, normalised together as running
/// text so that context-dependent keys come out as they do in articles: a
/// two-word month (`كانون الثاني`) is one token, `22 مارس` keys its month
/// as `month03`. (`Normalizer::key_of_word` would key a word alone and
/// could neither split `S-400` nor join `كانون الثاني`.)
fn exact_pieces(words: &[&str], normalizer: &Normalizer, out: &mut Vec<Piece>) {
    if words.is_empty() {
        return;
    }
    let doc = normalizer.normalize(&words.join(" "));
    out.extend(
        doc.tokens
            .iter()
            .map(|t| Piece::Exact { key: doc.key(t).to_string(), norm: doc.norm(t).to_string() }),
    );
}

/// Compiles a term into pieces, or says why it cannot be.
pub(crate) fn compile_term(
    term: &str,
    normalizer: &Normalizer,
) -> std::result::Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut plain: Vec<&str> = Vec::new();
    for word in term.split_whitespace() {
        let prefix_glob = word.ends_with('*') && word.len() > 1;
        let suffix_glob = word.starts_with('*') && word.len() > 1;
        let core = word.trim_matches('*');
        if core.contains('*') || (prefix_glob && suffix_glob) || core.is_empty() {
            return Err(format!(
                "`{word}`: a `*` may only end a word (prefix*) or start it (*suffix)"
            ));
        }
        if !prefix_glob && !suffix_glob {
            plain.push(core);
            continue;
        }
        exact_pieces(&plain, normalizer, &mut pieces);
        plain.clear();
        if suffix_glob {
            // A suffix is matched on the folded form: stripping clitics from
            // a word ending would cut the wrong end.
            let mut folded = String::new();
            normalizer.fold_word(core, &mut folded);
            if folded.is_empty() {
                return Err(format!("`{word}`: the suffix normalises to nothing"));
            }
            pieces.push(Piece::Suffix(folded));
            continue;
        }
        // `prefix*`: the last token of the word is the prefix (S-4* → s, 4*).
        let doc = normalizer.normalize(core);
        let n = doc.len();
        for (i, t) in doc.tokens.iter().enumerate() {
            let (k, nm) = (doc.key(t).to_string(), doc.norm(t).to_string());
            if i + 1 == n {
                let mut forms = vec![k];
                if forms[0] != nm {
                    forms.push(nm);
                }
                pieces.push(Piece::Prefix(forms));
            } else {
                pieces.push(Piece::Exact { key: k, norm: nm });
            }
        }
    }
    exact_pieces(&plain, normalizer, &mut pieces);
    Ok(pieces)
}

/// The normalised key of a term, as shown by `lexicon check` (`*` kept).
pub(crate) fn term_key(term: &str, normalizer: &Normalizer) -> std::result::Result<String, String> {
    let pieces = compile_term(term, normalizer)?;
    Ok(pieces.iter().map(Piece::shown).collect::<Vec<_>>().join(" "))
}

fn family_of(kind: &Kind) -> Option<Family> {
    Some(match kind {
        Kind::Target(_) => Family::Target,
        Kind::Frame(_) => Family::Frame,
        Kind::Polarity => Family::Polarity,
        Kind::Intensifier | Kind::Dampener => Family::Scaler,
        Kind::Negator => Family::Negator,
        Kind::Attribution => Family::Attribution,
        Kind::Contrast => Family::Contrast,
        // Role and context words are read by `score::rolewords`, not
        // matched as terms.
        Kind::Role(_) | Kind::Context(_) | Kind::Unknown => return None,
    })
}

fn guard_keys(words: &[String], normalizer: &Normalizer) -> Vec<String> {
    let mut out: Vec<String> = words.iter().flat_map(|w| word_keys(w, normalizer)).collect();
    out.sort();
    out.dedup();
    out
}

impl Matcher {
    /// Compiles `lexicon`. Entries the scorer cannot use (unknown category,
    /// empty term) are skipped — `Lexicon::check` reports them; a malformed
    /// glob or guard is an error naming the entry's file and line.
    pub(crate) fn new(lexicon: &Lexicon, normalizer: &Normalizer) -> Result<Matcher> {
        let mut m = Matcher { entries: lexicon.entries().to_vec(), ..Matcher::default() };
        for (idx, e) in lexicon.entries().iter().enumerate() {
            let kind = kind_of(&e.category);
            let Some(family) = family_of(&kind) else { continue };
            let line = (e.line > 0).then_some(e.line);
            let pieces = compile_term(&e.term, normalizer)
                .map_err(|msg| Error::lexicon(&e.source, line, msg))?;
            if pieces.is_empty() {
                continue;
            }
            let conds = match &e.guard {
                Some(g) => parse_guard(g).map_err(|msg| Error::lexicon(&e.source, line, msg))?,
                None => Vec::new(),
            };
            // Guard words are compared with token keys, so they are keyed too.
            let guards = conds.iter().map(|c| c.map_words(|w| guard_keys(w, normalizer))).collect();
            let id = m.patterns.len() as u32;
            match &pieces[0] {
                Piece::Exact { key, norm } => {
                    m.exact.entry(key.clone()).or_default().push(id);
                    m.by_norm.entry(norm.clone()).or_default().push(id);
                }
                Piece::Prefix(ks) => {
                    for k in ks {
                        m.prefix.entry(k.clone()).or_default().push(id);
                    }
                }
                Piece::Suffix(k) => m.suffix.entry(k.clone()).or_default().push(id),
            }
            m.patterns.push(Pattern { pieces, entry: idx, family, kind, guards });
        }
        for k in m.prefix.keys() {
            if let Some(c) = k.chars().next() {
                *m.prefix_lens.entry(c).or_default() |= len_bit(k.len());
            }
        }
        for k in m.suffix.keys() {
            if let Some(c) = k.chars().next_back() {
                *m.suffix_lens.entry(c).or_default() |= len_bit(k.len());
            }
        }
        Ok(m)
    }

    /// The keys token `i` can match as: its key, and for an Arabic word
    /// ending in the indefinite accusative alef written without tanwin
    /// (دعما، قويا; the normaliser strips it only with the tanwin mark,
    /// دعمًا) the word without it, so that `دعم` matches دعما. The stem
    /// must keep three letters, which keeps short words (ما، هذا) out.
    pub(crate) fn keys_at(doc: &NormalizedDoc, i: usize) -> [Option<&str>; 2] {
        let Some(t) = doc.tokens.get(i) else { return [None, None] };
        let k = doc.key(t);
        let accusative = k
            .strip_suffix('ا')
            .filter(|stem| stem.chars().nth(2).is_some() && stem.chars().all(is_arabic_letter));
        [Some(k), accusative]
    }

    fn piece_at(doc: &NormalizedDoc, i: usize, piece: &Piece) -> bool {
        let norm = doc.tokens.get(i).map_or("", |t| doc.norm(t));
        piece.matches(&Self::keys_at(doc, i), norm)
    }

    /// The `bare` guard: token `i`'s normalised form ends with the entry's
    /// word, written or keyed (whatever proclitics come before it: «للرياض»
    /// ends with the key of «الرياض»). Only a whole word can be
    /// checked so; a glob asks for continuations and always passes.
    fn bare_at(doc: &NormalizedDoc, i: usize, piece: Option<&Piece>) -> bool {
        match (piece, doc.tokens.get(i)) {
            (Some(Piece::Exact { key, norm }), Some(t)) => {
                let seen = doc.norm(t);
                seen.ends_with(norm.as_str()) || seen.ends_with(key.as_str())
            }
            _ => true,
        }
    }

    fn guards_pass(&self, p: &Pattern, doc: &NormalizedDoc, start: usize, end: usize) -> bool {
        let key = |i: usize| doc.tokens.get(i).map(|t| doc.key(t));
        let prev = start.checked_sub(1).and_then(key);
        let next = key(end);
        let in_list = |k: Option<&str>, list: &[String]| {
            k.is_some_and(|k| list.binary_search_by(|w| w.as_str().cmp(k)).is_ok())
        };
        let near = |list: &[String]| {
            (start.saturating_sub(3)..start).chain(end..end + 3).any(|i| in_list(key(i), list))
        };
        let is_num = |i: Option<usize>| {
            i.and_then(|i| doc.tokens.get(i)).is_some_and(|t| t.kind == TokenKind::Number)
        };
        p.guards.iter().all(|g| match g {
            GuardCond::Next(w) => in_list(next, w),
            GuardCond::Prev(w) => in_list(prev, w),
            GuardCond::NotNext(w) => !in_list(next, w),
            GuardCond::NotPrev(w) => !in_list(prev, w),
            GuardCond::Near(w) => near(w),
            GuardCond::NotNear(w) => !near(w),
            GuardCond::NumAdjacent => is_num(start.checked_sub(1)) || is_num(Some(end)),
            GuardCond::Indefinite => !super::roles::definite_at(doc, start),
            GuardCond::Definite => super::roles::definite_at(doc, start),
            GuardCond::Bare => Self::bare_at(doc, start, p.pieces.first()),
        })
    }

    /// Candidate patterns whose first piece matches token `i`.
    fn candidates(&self, doc: &NormalizedDoc, i: usize, out: &mut Vec<u32>) {
        out.clear();
        if let Some(v) = doc.tokens.get(i).and_then(|t| self.by_norm.get(doc.norm(t))) {
            out.extend_from_slice(v);
        }
        for k in Self::keys_at(doc, i).into_iter().flatten() {
            if let Some(v) = self.exact.get(k) {
                out.extend_from_slice(v);
            }
            let first = k.chars().next().and_then(|c| self.prefix_lens.get(&c)).copied();
            if let Some(lens) = first {
                for (b, _) in k.char_indices().skip(1).chain(std::iter::once((k.len(), ' '))) {
                    if lens & len_bit(b) == 0 {
                        continue;
                    }
                    if let Some(v) = self.prefix.get(&k[..b]) {
                        out.extend_from_slice(v);
                    }
                }
            }
            let last = k.chars().next_back().and_then(|c| self.suffix_lens.get(&c)).copied();
            if let Some(lens) = last {
                for (b, _) in k.char_indices() {
                    if lens & len_bit(k.len() - b) == 0 {
                        continue;
                    }
                    if let Some(v) = self.suffix.get(&k[b..]) {
                        out.extend_from_slice(v);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The lexicon entry match `m` found.
    pub(crate) fn entry(&self, m: &Match) -> &Entry {
        &self.entries[self.patterns[m.pattern].entry]
    }

    /// All accepted matches in `doc`, sorted by (start, end, entry).
    pub(crate) fn find(&self, doc: &NormalizedDoc) -> Vec<Match> {
        let mut raw: Vec<Match> = Vec::new();
        let mut cands = Vec::new();
        for i in 0..doc.len() {
            self.candidates(doc, i, &mut cands);
            for &id in &cands {
                let p = &self.patterns[id as usize];
                let end = i + p.pieces.len();
                if end > doc.len() {
                    continue;
                }
                // Words of one term stay in one sentence.
                let sent = doc.tokens[i].sentence;
                let ok = p.pieces.iter().enumerate().skip(1).all(|(j, piece)| {
                    doc.tokens[i + j].sentence == sent && Self::piece_at(doc, i + j, piece)
                });
                if ok && self.guards_pass(p, doc, i, end) {
                    raw.push(Match { start: i, end, pattern: id as usize });
                }
            }
        }
        self.resolve(doc.len(), raw)
    }

    /// Longest match wins within a family; one token once per category.
    /// Linear in the number of candidate matches: each family keeps, per
    /// token, the span of the accepted match that covers it.
    fn resolve(&self, n_tokens: usize, mut raw: Vec<Match>) -> Vec<Match> {
        let entry = |m: &Match| self.patterns[m.pattern].entry;
        raw.sort_by_key(|m| {
            (self.patterns[m.pattern].family, std::cmp::Reverse(m.end - m.start), m.start, entry(m))
        });
        let mut kept: Vec<Match> = Vec::new();
        let mut owner: Vec<Option<(usize, usize)>> = vec![None; n_tokens];
        let mut span_cats: FxHashMap<(usize, usize), Vec<&str>> = FxHashMap::default();
        let mut family = None;
        for m in raw {
            let fam = self.patterns[m.pattern].family;
            if family != Some(fam) {
                // Families are sorted: start afresh for each.
                family = Some(fam);
                owner.iter_mut().for_each(|o| *o = None);
                span_cats.clear();
            }
            let cat = self.entries[entry(&m)].category.as_str();
            let overlaps_other = owner
                .get(m.start..m.end)
                .unwrap_or(&[])
                .iter()
                .flatten()
                .any(|&span| span != (m.start, m.end));
            let same_span = span_cats.entry((m.start, m.end)).or_default();
            if overlaps_other || same_span.contains(&cat) {
                continue;
            }
            same_span.push(cat);
            for o in owner.iter_mut().take(m.end).skip(m.start) {
                *o = Some((m.start, m.end));
            }
            kept.push(m);
        }
        kept.sort_by_key(|m| (m.start, m.end, entry(m)));
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::lexicon::Entry;

    fn lex(rows: &[(&str, &str, Option<&str>)]) -> Lexicon {
        Lexicon::from_entries(
            rows.iter()
                .enumerate()
                .map(|(i, (term, cat, guard))| Entry {
                    term: term.to_string(),
                    category: cat.to_string(),
                    weight: 1.0,
                    note: String::new(),
                    guard: guard.map(str::to_string),
                    lang: None,
                    source: "t.tsv".into(),
                    line: i as u64 + 2,
                })
                .collect(),
        )
    }

    /// (surface, category) of each match.
    fn run(lexicon: &Lexicon, text: &str) -> Vec<(String, String)> {
        let n = Normalizer::default();
        let m = Matcher::new(lexicon, &n).unwrap();
        let doc = n.normalize(text);
        m.find(&doc)
            .iter()
            .map(|x| {
                let s = doc.tokens[x.start].start as usize;
                let e = doc.tokens[x.end - 1].end as usize;
                (text[s..e].to_string(), m.entries[m.patterns[x.pattern].entry].category.clone())
            })
            .collect()
    }

    fn surfaces(v: &[(String, String)]) -> Vec<&str> {
        v.iter().map(|(s, _)| s.as_str()).collect()
    }

    #[test]
    fn clitics_and_spelling_fold() {
        let l = lex(&[("التعاون", "frame:diplomacy", None), ("أمريكا", "target:usa", None)]);
        let got = run(&l, "والتعاون مع امريكا بالتعاون");
        assert_eq!(surfaces(&got), ["والتعاون", "امريكا", "بالتعاون"]);
    }

    #[test]
    fn globs_match_prefixes_and_suffixes() {
        let l = lex(&[("إرهاب*", "frame:security", None), ("*ستان", "frame:x", None)]);
        let got = run(&l, "الإرهابية والإرهاب في أفغانستان وإره");
        assert_eq!(surfaces(&got), ["الإرهابية", "والإرهاب", "أفغانستان"]);
    }

    /// Prefixes and suffixes are looked up only at the lengths the lexicon
    /// has for their first or last letter; lengths of 63 bytes and more
    /// share one bit, so a long prefix still matches.
    #[test]
    fn glob_length_filter_keeps_every_match() {
        let long = "ا".repeat(40); // 80 bytes
        let l = lex(&[
            ("إرهاب*", "frame:security", None),
            ("إرهابي*", "frame:x", None),
            (&format!("ب{long}*"), "frame:long", None),
            ("*ستان", "frame:y", None),
            ("*كستان", "frame:z", None),
        ]);
        let text = format!("الإرهابيون إره أفغانستان باكستان ب{long}ي");
        let got = run(&l, &text);
        let cats: Vec<&str> = got.iter().map(|(_, c)| c.as_str()).collect();
        assert_eq!(
            cats,
            ["frame:security", "frame:x", "frame:y", "frame:y", "frame:z", "frame:long"],
            "{got:?}"
        );
    }

    #[test]
    fn mwe_longest_match_and_once_per_category() {
        let l = lex(&[
            ("البيت الأبيض", "target:usa", None),
            ("الأبيض", "target:usa", None),
            ("التعاون", "frame:diplomacy", None),
            ("التعاون الدفاعي", "frame:military", None),
            ("تعاون*", "frame:diplomacy", None),
            ("الدفاعي", "frame:military", None),
            ("الأمن", "frame:security", None),
            ("الأمن", "frame:military", None),
        ]);
        let got = run(&l, "عودة ترامب إلى البيت الأبيض لتعزيز التعاون الدفاعي والتعاون الأمن");
        assert_eq!(
            got,
            [
                ("البيت الأبيض".into(), "target:usa".into()),
                ("التعاون الدفاعي".into(), "frame:military".into()),
                ("والتعاون".into(), "frame:diplomacy".into()),
                ("الأمن".into(), "frame:security".into()),
                ("الأمن".into(), "frame:military".into()),
            ]
        );
    }

    #[test]
    fn guards_filter_homographs() {
        let l = lex(&[
            ("مالي", "target:mali", Some("not_prev:الوضع|الدعم")),
            ("مارس", "frame:time", Some("num_adjacent")),
            ("الساحل", "frame:security", Some("near:منطقة|الصحراء")),
            ("دعم", "polarity", Some("next:قوي")),
            ("غاز", "frame:economy", Some("not_next:مسيل")),
        ]);
        // The normaliser keys both مارس here as `month03` (the second stands
        // next to a month); the entry finds them by their written form and
        // its guard keeps the one next to a number.
        let text = "الوضع المالي وفي مالي. في 22 مارس مارس الجيش. منطقة الساحل في هذا الشهر الساحل الجميل.";
        let got = run(&l, text);
        assert_eq!(surfaces(&got), ["مالي", "مارس", "الساحل"]);
        let at = text.find("22 مارس").unwrap() + "22 ".len();
        let n = Normalizer::default();
        let m = Matcher::new(&l, &n).unwrap();
        let doc = n.normalize(text);
        let hit = m.find(&doc).into_iter().find(|x| doc.tokens[x.start].start as usize == at);
        assert!(hit.is_some(), "the مارس after 22 is the one kept");
        // Without the guard, the verb مارس ("exercised") matches too.
        let bare = lex(&[("مارس", "frame:time", None)]);
        assert_eq!(surfaces(&run(&bare, "في 22 مارس. مارس الضغط")), ["مارس", "مارس"]);
        let got = run(&l, "دعم قوي ودعم ضعيف. غاز مسيل للدموع وغاز طبيعي");
        assert_eq!(surfaces(&got), ["دعم", "وغاز"]);
        // `indefinite`: the article ال (after a proclitic) on the first
        // matched word fails it; a Latin word passes.
        let l = lex(&[
            ("مسؤول عن", "polarity", Some("indefinite")),
            ("x", "polarity", Some("indefinite")),
        ]);
        let got = run(&l, "مسؤول عن وللمسؤول عن والمسؤول عن وبالمسؤول عن ومسؤول عن x");
        assert_eq!(surfaces(&got), ["مسؤول عن", "ومسؤول عن", "x"]);
        // `definite`: the converse, and a Latin word fails it.
        let l =
            lex(&[("شقيق*", "polarity", Some("definite")), ("x", "polarity", Some("definite"))]);
        let got = run(&l, "الشقيقة وللأشقاء شقيقه أشقائه شقيق x");
        assert_eq!(surfaces(&got), ["الشقيقة"]);
        // `bare`: a pronoun suffix or an accusative alef after the word
        // fails it, proclitics do not; a glob is not checked.
        let l = lex(&[
            ("قطر", "target:qatar", Some("bare")),
            ("مالي", "target:mali", Some("bare")),
            ("بوتين", "target:russia", Some("bare")),
            ("قطري*", "target:qatar", Some("bare")),
        ]);
        let text = "قطرها وقطر قطره لقطر دعما ماليا ومالي ماريا بوتينا وبوتين والقطريون";
        assert_eq!(surfaces(&run(&l, text)), ["وقطر", "لقطر", "ومالي", "وبوتين", "والقطريون"]);
    }

    #[test]
    fn terms_are_keyed_in_context_like_running_text() {
        let l = lex(&[
            ("كانون الثاني", "frame:time", None),
            ("22 مارس", "frame:date", None),
            ("S-400", "frame:military", None),
        ]);
        // كانون الثاني is one token in running text (key `month01`), so the
        // entry must be too; `22 مارس` keys its month as the text does.
        let got = run(&l, "في 22 كانون الثاني وفي 22 مارس منظومة S-400");
        assert_eq!(surfaces(&got), ["كانون الثاني", "22 مارس", "S-400"]);
        let n = Normalizer::default();
        assert_eq!(term_key("كانون الثاني", &n).unwrap(), "month01");
        assert_eq!(term_key("22 مارس", &n).unwrap(), "22 month03");
        assert_eq!(term_key("والتعاون*", &n).unwrap(), "تعاون*");
    }

    #[test]
    fn french_elision_and_latin_case() {
        let l = lex(&[("Algérie", "target:algeria", None), ("sécurité", "frame:security", None)]);
        let got = run(&l, "L'Algérie renforce la Sécurité de l'algérie");
        assert_eq!(surfaces(&got), ["L'Algérie", "Sécurité", "l'algérie"]);
    }

    #[test]
    fn bad_globs_and_guards_name_the_line() {
        let n = Normalizer::default();
        let err = Matcher::new(&lex(&[("ok", "polarity", None), ("a*b", "polarity", None)]), &n)
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.tsv:3"), "{err}");
        let err =
            Matcher::new(&lex(&[("x", "polarity", Some("next"))]), &n).unwrap_err().to_string();
        assert!(err.contains("t.tsv:2"), "{err}");
    }
}
