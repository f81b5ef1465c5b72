//! The word lists of the role and context rules, read from the lexicon.
//!
//! Input: the `role:<class>` and `context:<list>` rows of a [`Lexicon`]
//! (the default lexicon's last block, plus any user rows), compiled once
//! with the text's [`Normalizer`]. Output: a [`RoleWords`] that answers, for
//! a token's forms, which role classes it belongs to (`score::roles`) and
//! whether it is a sports word or a news agency (`score::stance`).
//!
//! Term syntax: one word, folded like the text (أ→ا, ة→ه, ى→ي, no harakat,
//! lowercase) but not stripped of clitics; a trailing `*` makes it a prefix,
//! otherwise the word must be equal. Arabic role words are compared with
//! the word without a leading و/ف and with its key, Latin role words and
//! sports words with the key, agencies with the word as written.
//!
//! Invariant: a lookup depends only on the set of rows, not on their order
//! or on which file they came from, so adding a file adds words and never
//! changes what the other rows do.

use rustc_hash::FxHashMap;

use super::lexicon::{Entry, Lexicon};
use super::roles::is_arabic;
use crate::error::{Error, Result};
use crate::normalize::Normalizer;

/// The role classes, in the order `roles::class_of` tries them: a word in
/// two classes takes the first.
pub(crate) const ROLE_CLASSES: [&str; 11] = [
    "accusation",
    "speech",
    "emotion",
    "state",
    "patient",
    "threat",
    "demand",
    "deed",
    "indicator",
    "envoy",
    "support",
];
/// The context lists: sports heads before a side (المنتخب السعودي,
/// l'équipe de France), sports words after one (the Saudi team), the
/// agencies of a dateline, and the companies, newspapers and institutes a
/// nisba names (الشركة السعودية للكهرباء، صحيفة "نيويورك تايمز" الأمريكية),
/// the private people a nisba names (الشاب السعودي، a Saudi activist), the
/// words of play and of competitions that make a sentence a sports report
/// (مباراة، التعادل، a goalkeeper; كأس، the Olympics), the words of a rise
/// or a fall that give an indicator its sign (ارتفاع، تراجع; rose, fell;
/// hausse, baisse), and the words that make an indicator the world's
/// (العالمي، global, mondiale), and the words of quantity a nisba after
/// which counts people (عشرات، آلاف الفلسطينيين).
pub(crate) const CONTEXT_LISTS: [&str; 11] = [
    "sports_before",
    "sports_after",
    "agency",
    "institution",
    "person",
    "sports_play",
    "sports_event",
    "rise",
    "fall",
    "world",
    "count",
];

/// Bits of a word's lists: the role classes in [`ROLE_CLASSES`] order, then
/// the context lists in [`CONTEXT_LISTS`] order (derived from the place, so
/// a class added to a list moves no other bit by hand; the test
/// `bits_follow_the_lists` ties each name to its list entry).
const fn role_bit(i: u32) -> u32 {
    1 << i
}
const fn context_bit(i: u32) -> u32 {
    1 << (ROLE_CLASSES.len() as u32 + i)
}
pub(crate) const ACCUSATION: u32 = role_bit(0);
pub(crate) const SPEECH: u32 = role_bit(1);
pub(crate) const EMOTION: u32 = role_bit(2);
pub(crate) const STATE: u32 = role_bit(3);
pub(crate) const PATIENT: u32 = role_bit(4);
pub(crate) const THREAT: u32 = role_bit(5);
pub(crate) const DEMAND: u32 = role_bit(6);
pub(crate) const DEED: u32 = role_bit(7);
pub(crate) const INDICATOR: u32 = role_bit(8);
pub(crate) const ENVOY: u32 = role_bit(9);
pub(crate) const SUPPORT: u32 = role_bit(10);
pub(crate) const SPORTS_BEFORE: u32 = context_bit(0);
pub(crate) const SPORTS_AFTER: u32 = context_bit(1);
pub(crate) const AGENCY: u32 = context_bit(2);
pub(crate) const INSTITUTION: u32 = context_bit(3);
pub(crate) const PERSON: u32 = context_bit(4);
pub(crate) const SPORTS_PLAY: u32 = context_bit(5);
pub(crate) const SPORTS_EVENT: u32 = context_bit(6);
pub(crate) const RISE: u32 = context_bit(7);
pub(crate) const FALL: u32 = context_bit(8);
pub(crate) const WORLD: u32 = context_bit(9);
pub(crate) const COUNT: u32 = context_bit(10);

/// The bit of a `role:` or `context:` category, `None` for any other.
fn bit_of(category: &str) -> Option<u32> {
    let (head, rest) = category.split_once(':')?;
    let rest = rest.trim();
    let (names, first): (&[&str], u32) = match head.trim() {
        "role" => (&ROLE_CLASSES, 0),
        "context" => (&CONTEXT_LISTS, ROLE_CLASSES.len() as u32),
        _ => return None,
    };
    let i = names.iter().position(|n| *n == rest)?;
    Some(1 << (first + i as u32))
}

/// True when the category is a role or context one, known or not
/// (`role`, `role:speech`, `context:typo`).
pub(crate) fn is_role_category(category: &str) -> bool {
    let head = category.split_once(':').map_or(category, |(h, _)| h).trim();
    matches!(head, "role" | "context")
}

/// Why a `role:` or `context:` row cannot be used; `None` for a good one
/// and for every other row. These rows are rejected rather than kept and
/// reported, because a misspelt class or a stray guard would silently turn
/// a rule off.
pub(crate) fn role_row_problem(e: &Entry) -> Option<String> {
    if !is_role_category(&e.category) {
        return None;
    }
    let cat = e.category.trim();
    if bit_of(cat).is_none() {
        let classes: Vec<String> = ROLE_CLASSES.iter().map(|c| format!("role:{c}")).collect();
        let lists: Vec<String> = CONTEXT_LISTS.iter().map(|c| format!("context:{c}")).collect();
        return Some(format!(
            "unknown category `{cat}`: use one of {}, {}",
            classes.join(", "),
            lists.join(", ")
        ));
    }
    if e.weight != 1.0 {
        return Some(format!(
            "a `{cat}` row takes no weight (leave it empty or write 1), not {}",
            e.weight
        ));
    }
    if e.guard.is_some() {
        return Some(format!(
            "a `{cat}` row takes no guard: a role or context word is matched alone"
        ));
    }
    let term = e.term.trim();
    let mut words = term.split_whitespace();
    match (words.next(), words.next()) {
        (None, _) => return Some("empty term".into()),
        (Some(_), Some(_)) => {
            return Some(format!("`{term}`: a `{cat}` term is one word"));
        }
        _ => {}
    }
    let core = term.strip_suffix('*').unwrap_or(term);
    if core.is_empty() || core.contains('*') {
        return Some(format!("`{term}`: a `*` may only end a `{cat}` word (prefix*)"));
    }
    None
}

/// Words by exact form and by prefix, each with the bits of its lists.
#[derive(Clone, Debug, Default)]
struct WordSet {
    exact: FxHashMap<Box<str>, u32>,
    prefixes: Vec<(Box<str>, u32)>,
}

impl WordSet {
    fn insert(&mut self, word: String, prefix: bool, bit: u32) {
        if prefix {
            match self.prefixes.iter_mut().find(|(p, _)| **p == *word) {
                Some((_, b)) => *b |= bit,
                None => self.prefixes.push((word.into_boxed_str(), bit)),
            }
        } else {
            *self.exact.entry(word.into_boxed_str()).or_insert(0) |= bit;
        }
    }

    /// The bits of every list holding `w`, as itself or by a prefix.
    fn bits(&self, w: &str) -> u32 {
        let exact = self.exact.get(w).copied().unwrap_or(0);
        self.prefixes.iter().filter(|(p, _)| w.starts_with(&**p)).fold(exact, |a, (_, b)| a | b)
    }
}

/// The role and context word lists of a lexicon (see the module doc).
#[derive(Clone, Debug, Default)]
pub(crate) struct RoleWords {
    /// Arabic-script role words: only Arabic words are looked up here.
    arabic: WordSet,
    /// Other role words (French, English).
    latin: WordSet,
    /// Context words, any script.
    context: WordSet,
}

impl RoleWords {
    /// Compiles the `role:` and `context:` rows of `lexicon`. A malformed
    /// row (see [`role_row_problem`]) or a term that normalises to nothing
    /// is an error naming its file and line.
    pub(crate) fn new(lexicon: &Lexicon, normalizer: &Normalizer) -> Result<RoleWords> {
        let mut out = RoleWords::default();
        for e in lexicon.entries() {
            let line = (e.line > 0).then_some(e.line);
            if let Some(msg) = role_row_problem(e) {
                return Err(Error::lexicon(&e.source, line, msg));
            }
            let Some(bit) = bit_of(e.category.trim()) else { continue };
            let term = e.term.trim();
            let (core, prefix) = match term.strip_suffix('*') {
                Some(c) => (c, true),
                None => (term, false),
            };
            let mut word = String::new();
            normalizer.fold_word(core, &mut word);
            // Agencies are compared with the lowercased word, whatever the
            // normaliser's case option.
            if bit == AGENCY {
                word = word.to_lowercase();
            }
            if word.is_empty() {
                return Err(Error::lexicon(
                    &e.source,
                    line,
                    format!("`{term}`: the term normalises to nothing"),
                ));
            }
            let set = if bit >= SPORTS_BEFORE {
                &mut out.context
            } else if is_arabic(&word) {
                &mut out.arabic
            } else {
                &mut out.latin
            };
            set.insert(word, prefix, bit);
        }
        Ok(out)
    }

    /// The role bits of an Arabic word given as its forms (without a
    /// leading و/ف, and its key).
    pub(crate) fn arabic(&self, forms: &[&str]) -> u32 {
        forms.iter().fold(0, |a, f| a | self.arabic.bits(f))
    }

    /// The role bits of a French or English word, by its key.
    pub(crate) fn latin(&self, key: &str) -> u32 {
        self.latin.bits(key)
    }

    /// True when `word` is in the context list `bit`.
    pub(crate) fn context(&self, word: &str, bit: u32) -> bool {
        self.context.bits(word) & bit != 0
    }

    /// The context bits of `word`, every list at once.
    pub(crate) fn context_bits(&self, word: &str) -> u32 {
        self.context.bits(word)
    }

    /// The compiled words of one list as `word` or `prefix*`, sorted (for
    /// tests: the default lexicon reproduces the old built-in lists).
    #[cfg(test)]
    pub(crate) fn words(&self, bit: u32, arabic: bool) -> Vec<String> {
        let set = if bit >= SPORTS_BEFORE {
            &self.context
        } else if arabic {
            &self.arabic
        } else {
            &self.latin
        };
        let mut v: Vec<String> = set
            .exact
            .iter()
            .filter(|(_, b)| *b & bit != 0)
            .map(|(w, _)| w.to_string())
            .chain(set.prefixes.iter().filter(|(_, b)| b & bit != 0).map(|(p, _)| format!("{p}*")))
            .collect();
        v.sort();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each bit constant is the bit `bit_of` gives its category.
    #[test]
    fn bits_follow_the_lists() {
        let all = [
            ("role:accusation", ACCUSATION),
            ("role:speech", SPEECH),
            ("role:emotion", EMOTION),
            ("role:state", STATE),
            ("role:patient", PATIENT),
            ("role:threat", THREAT),
            ("role:demand", DEMAND),
            ("role:deed", DEED),
            ("role:indicator", INDICATOR),
            ("role:envoy", ENVOY),
            ("role:support", SUPPORT),
            ("context:sports_before", SPORTS_BEFORE),
            ("context:sports_after", SPORTS_AFTER),
            ("context:agency", AGENCY),
            ("context:institution", INSTITUTION),
            ("context:person", PERSON),
            ("context:sports_play", SPORTS_PLAY),
            ("context:sports_event", SPORTS_EVENT),
            ("context:rise", RISE),
            ("context:fall", FALL),
            ("context:world", WORLD),
            ("context:count", COUNT),
        ];
        assert_eq!(all.len(), ROLE_CLASSES.len() + CONTEXT_LISTS.len());
        for (category, bit) in all {
            assert_eq!(bit_of(category), Some(bit), "{category}");
        }
    }
}
