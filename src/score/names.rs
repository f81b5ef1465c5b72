//! Names no target covers (`parallax lexicon check FILE INPUT...`): the
//! actors a corpus talks about that `stance.csv` has no column for, so a
//! user learns what to add with `--targets`.
//!
//! Input: each document's text, normalised tokens and lexicon hits. Output:
//! candidate names with the number of documents they appear in. Candidates:
//! - Latin script: runs of capitalised words (North Korea, Boris Johnson),
//!   a run of one word only when it does not start its sentence;
//! - Arabic, which has no capitals: the name after a title (الرئيس الفرنسي
//!   إيمانويل ماكرون: the indefinite words after the title and its
//!   adjectives), and the place behind a definite nisba adjective whose
//!   stem the corpus also uses as a word (الكورية → كوريا، الهندية → الهند).
//!
//! A candidate that overlaps a target mention is covered and not counted.
//! Heuristics, not a tagger: the list is for a person to read.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::evidence::DocScores;
// The Arabic word rules the role layer uses: one definition of each.
use super::roles::{definite, is_arabic, unprefixed};
use crate::normalize::NormalizedDoc;

/// Latin words that start sentences or titles without being names.
const LATIN_STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "for",
    "and",
    "but",
    "or",
    "to",
    "by",
    "with",
    "as",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "this",
    "that",
    "these",
    "those",
    "there",
    "mr",
    "mrs",
    "ms",
    "dr",
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "du",
    "de",
    "d",
    "et",
    "en",
    "au",
    "aux",
    "il",
    "elle",
    "ils",
    "elles",
    "nous",
    "vous",
    "on",
    "ce",
    "cette",
    "ces",
    "m",
    "mme",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Arabic titles a name follows (normalised: ة as ه, bare alifs).
const AR_TITLES: &[&str] = &[
    "الرئيس",
    "الرئيسه",
    "الملك",
    "الملكه",
    "الامير",
    "الشيخ",
    "الوزير",
    "الوزيره",
    "الزعيم",
    "المستشار",
    "المستشاره",
    "الجنرال",
    "العقيد",
    "المشير",
    "البابا",
    "المرشد",
    "السفير",
    "المبعوث",
    "نظيره",
    "نظيرته",
];

/// Words that follow a title without being a name (normalised): particles,
/// and the first half of compound names (عبد الله، أبو بكر) whose second
/// half is definite and so not taken.
const AR_NOT_NAMES: &[&str] = &[
    "علي",
    "الي",
    "في",
    "من",
    "عن",
    "مع",
    "كلا",
    "قد",
    "لم",
    "لن",
    "ان",
    "ما",
    "لا",
    "عبد",
    "ابو",
    "بن",
    "محمد",
    "امس",
    "اليوم",
    "ايضا",
];

/// Definite nisba adjectives that are not places (their stems are words).
const AR_NOT_PLACES: &[&str] = &["عرب", "غرب", "شرق", "جنوب", "شمال", "دول", "وطن", "عالم"];

/// Prepositions a place name follows (normalised).
const AR_PREPS: &[&str] = &["في", "من", "الي", "علي", "عن", "مع", "بين", "حول", "ضد", "نحو"];

/// Short words a title-case headline leaves in lower case ("Calls on
/// Turkey to Live in Peace", "Tensions with North Korea").
const TITLE_LOWER: &[&str] = &[
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "off", "on", "per", "to", "up", "via", "vs", "with", "from", "into", "onto", "over", "upon",
    "than", "is", "are", "was", "be", "le", "la", "les", "de", "des", "du", "et", "en", "au",
    "aux", "un", "une", "sur", "pour", "par", "avec", "dans",
];

/// Prefixes that make a compound of the word hyphenated after them.
const COMPOUND_PREFIXES: &[&str] = &["anti", "counter", "non", "pro", "contre"];

/// True when the Latin word at token `i` is the second half of a compound
/// with a prefix ("anti-corruption", "counter-terrorism", "anti-trust",
/// «non-violence»): the compound names a fight against it, its absence or
/// its side, not the thing itself, so the word is no cue. The tokeniser
/// splits at the hyphen; only a hyphen may stand between.
pub(crate) fn prefixed_compound(text: &str, doc: &NormalizedDoc, i: usize) -> bool {
    let (Some(a), Some(b)) = (i.checked_sub(1).and_then(|j| doc.tokens.get(j)), doc.tokens.get(i))
    else {
        return false;
    };
    let hyphen = text
        .get(a.end as usize..b.start as usize)
        .is_some_and(|g| matches!(g, "-" | "\u{2010}" | "\u{2011}"));
    hyphen && a.sentence == b.sentence && COMPOUND_PREFIXES.contains(&doc.norm(a))
}

/// True when the Latin word at token `i` of `doc` (`text` normalised) is
/// written as part of a name or title inside running text. Its run (the
/// words starting with a capital, not all capitals, joined to it by single
/// spaces: "Human Rights Watch") follows a lower-case word joined to it by
/// a space, and either that word is not one a title-case headline keeps
/// lower-case ("keeping Friends except", "said Human Rights Watch"), or the
/// run is at most three words and a lower-case word that is not one
/// follows it ("all Friends fans", "la France Solidarité manifeste"). An
/// evaluative word written so names a show, a brand or a body, not an
/// evaluation. A sentence's first words, words after a colon or a quotation
/// mark, and headlines in title case glued to their article's first
/// sentence ("Why Trump is Winding Up Tensions with North Korea") are left
/// alone.
pub(crate) fn capitalised_in_running_text(text: &str, doc: &NormalizedDoc, i: usize) -> bool {
    let word =
        |j: usize| doc.tokens.get(j).and_then(|t| text.get(t.start as usize..t.end as usize));
    // Tokens `j` and `j + 1` in one sentence with only spaces between.
    let joined = |j: usize| match (doc.tokens.get(j), doc.tokens.get(j + 1)) {
        (Some(a), Some(b)) if a.sentence == b.sentence => text
            .get(a.end as usize..b.start as usize)
            .is_some_and(|g| !g.is_empty() && g.chars().all(|c| c == ' ')),
        _ => false,
    };
    let titled = |j: usize| {
        word(j).is_some_and(|w| {
            let mut c = w.chars();
            c.next().is_some_and(|c| c.is_uppercase()) && c.any(char::is_lowercase)
        })
    };
    let lower = |j: usize| {
        word(j).is_some_and(|w| w.chars().all(|c| c.is_alphabetic() && c.is_lowercase()))
    };
    let content = |j: usize| lower(j) && word(j).is_some_and(|w| !TITLE_LOWER.contains(&w));
    if !titled(i) {
        return false;
    }
    let mut first = i;
    while first > 0 && joined(first - 1) && titled(first - 1) {
        first -= 1;
    }
    let mut last = i;
    while joined(last) && titled(last + 1) {
        last += 1;
    }
    if first == 0 || !joined(first - 1) || !lower(first - 1) {
        return false;
    }
    content(first - 1) || (last - first < 3 && joined(last) && content(last + 1))
}

/// One candidate name, with how often it appears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameCount {
    /// The name as first written (a place for a nisba: كوريا).
    pub name: String,
    /// Documents it appears in, uncovered by any target.
    pub docs: usize,
    /// The first document it was seen in.
    pub example: String,
}

/// Collects candidate names over a corpus; see the module docs.
#[derive(Default)]
pub struct NameFinder {
    /// name key -> (display form, documents, first document id).
    seen: BTreeMap<String, (String, BTreeSet<usize>, String)>,
    /// Definite nisba stems seen, with the documents they were in and the
    /// first document's id.
    nisba: BTreeMap<String, (BTreeSet<usize>, String)>,
    /// Arabic words seen right after a preposition (في، من، إلى ...): a
    /// nisba's place must be one, which tells إسبانيا (في إسبانيا) from
    /// the adverb سياسيا (politically), never after a preposition.
    after_prep: BTreeSet<String>,
    docs: usize,
}

impl NameFinder {
    /// Adds document `doc_id` (`text`, its tokens and its hits).
    pub fn add(&mut self, doc_id: &str, text: &str, doc: &NormalizedDoc, scores: &DocScores) {
        let d = self.docs;
        self.docs += 1;
        let covered: Vec<Range<usize>> = scores
            .hits
            .iter()
            .filter(|h| h.category.starts_with("target:"))
            .map(|h| h.start..h.end)
            .collect();
        let is_covered =
            |r: &Range<usize>| covered.iter().any(|c| c.start < r.end && r.start < c.end);
        let toks = &doc.tokens;
        let surface = |i: usize| text.get(toks[i].span()).unwrap_or("");
        let mut found: Vec<(String, String, Range<usize>)> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let norm = doc.norm(&toks[i]);
            if is_arabic(norm) {
                if i > 0 && AR_PREPS.contains(&doc.norm(&toks[i - 1])) {
                    self.after_prep.insert(norm.to_string());
                }
                let bare = unprefixed(norm);
                if AR_TITLES.contains(&bare) {
                    // Skip the title's adjectives and complements (definite),
                    // then take up to two indefinite words: the name.
                    let mut j = i + 1;
                    while j < toks.len() && j <= i + 3 && definite(doc.norm(&toks[j])) {
                        j += 1;
                    }
                    let start = j;
                    while j < toks.len()
                        && j < start + 2
                        && toks[j].sentence == toks[i].sentence
                        && is_arabic(doc.norm(&toks[j]))
                        && !definite(doc.norm(&toks[j]))
                        && doc.norm(&toks[j]).chars().count() >= 3
                    {
                        j += 1;
                    }
                    let title_again =
                        |k: usize| AR_TITLES.contains(&unprefixed(doc.norm(&toks[k])));
                    if j > start
                        && !title_again(start)
                        && !AR_NOT_NAMES.contains(&doc.norm(&toks[start]))
                    {
                        let span = toks[start].start as usize..toks[j - 1].end as usize;
                        let key: Vec<&str> = (start..j).map(|k| doc.norm(&toks[k])).collect();
                        found.push((key.join(" "), text[span.clone()].to_string(), span));
                    }
                } else if definite(norm) && (norm.ends_with("يه") || norm.ends_with('ي')) {
                    let w = unprefixed(norm);
                    let w = w.strip_prefix(['ب', 'ك']).unwrap_or(w);
                    let stem = w
                        .strip_prefix("ال")
                        .or_else(|| w.strip_prefix("لل"))
                        .unwrap_or(w)
                        .trim_end_matches("يه")
                        .trim_end_matches('ي');
                    let span = toks[i].span();
                    if stem.chars().count() >= 3
                        && !AR_NOT_PLACES.contains(&stem)
                        && !is_covered(&span)
                    {
                        let e = self
                            .nisba
                            .entry(stem.to_string())
                            .or_insert_with(|| (BTreeSet::new(), doc_id.to_string()));
                        e.0.insert(d);
                    }
                }
                i += 1;
                continue;
            }
            // Latin: a run of capitalised words.
            let cap = |k: usize| surface(k).chars().next().is_some_and(char::is_uppercase);
            if cap(i) {
                let mut j = i;
                while j < toks.len() && cap(j) && toks[j].sentence == toks[i].sentence {
                    j += 1;
                }
                let words: Vec<usize> = (i..j)
                    .filter(|&k| !LATIN_STOP.contains(&doc.norm(&toks[k]).to_lowercase().as_str()))
                    .collect();
                let starts_sentence = i == 0 || toks[i - 1].sentence != toks[i].sentence;
                if let (Some(&a), Some(&b)) = (words.first(), words.last()) {
                    if words.len() >= 2 || !(starts_sentence && a == i) {
                        let span = toks[a].start as usize..toks[b].end as usize;
                        let key: Vec<String> =
                            (a..=b).map(|k| doc.norm(&toks[k]).to_lowercase()).collect();
                        found.push((key.join(" "), text[span.clone()].to_string(), span));
                    }
                }
                i = j;
            } else {
                i += 1;
            }
        }
        for (key, shown, span) in found {
            if is_covered(&span) || key.chars().count() < 3 {
                continue;
            }
            let e = self.seen.entry(key).or_insert_with(|| (shown, BTreeSet::new(), doc_id.into()));
            e.1.insert(d);
        }
    }

    /// Adds what `other` found, as if its documents came after this
    /// finder's (a corpus scored in parallel, one finder per document).
    pub fn merge(&mut self, other: NameFinder) {
        let shift = self.docs;
        for (key, (shown, docs, example)) in other.seen {
            let e = self.seen.entry(key).or_insert_with(|| (shown, BTreeSet::new(), example));
            e.1.extend(docs.into_iter().map(|d| d + shift));
        }
        for (stem, (docs, example)) in other.nisba {
            let e = self.nisba.entry(stem).or_insert_with(|| (BTreeSet::new(), example));
            e.0.extend(docs.into_iter().map(|d| d + shift));
        }
        self.after_prep.extend(other.after_prep);
        self.docs += other.docs;
    }

    /// The `n` names in most documents (ties: alphabetical), those in at
    /// least two documents.
    pub fn finish(mut self, n: usize) -> Vec<NameCount> {
        // A nisba names a place when the corpus uses its stem, with -يا or
        // -ا, after a preposition: كوري → كوريا، إسباني → إسبانيا، فرنسي →
        // فرنسا. (Places with the article, اليمن from اليمني, are not
        // guessed: اليمني's stem also gives الخارج from الخارجية.)
        for (stem, (docs, example)) in std::mem::take(&mut self.nisba) {
            let place = [format!("{stem}يا"), format!("{stem}ا")]
                .into_iter()
                .find(|w| self.after_prep.contains(w));
            if let Some(place) = place {
                let e = self
                    .seen
                    .entry(place.clone())
                    .or_insert_with(|| (place, BTreeSet::new(), example));
                e.1.extend(docs);
            }
        }
        let mut out: Vec<NameCount> = self
            .seen
            .into_iter()
            .filter(|(_, (_, docs, _))| docs.len() >= 2)
            .map(|(_, (name, docs, example))| NameCount { name, docs: docs.len(), example })
            .collect();
        out.sort_by(|x, y| y.docs.cmp(&x.docs).then_with(|| x.name.cmp(&y.name)));
        out.truncate(n);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;
    use crate::score::{Lexicon, Scorer};

    fn names(texts: &[&str]) -> Vec<(String, usize)> {
        let lex = Lexicon::default_lexicon();
        let normalizer = Normalizer::default();
        let scorer = Scorer::new(&lex, &normalizer).unwrap();
        let mut f = NameFinder::default();
        for (i, t) in texts.iter().enumerate() {
            let doc = normalizer.normalize(t);
            let scores = scorer.score(t, &doc);
            f.add(&format!("d{i}"), t, &doc, &scores);
        }
        f.finish(20).into_iter().map(|n| (n.name, n.docs)).collect()
    }

    #[test]
    fn uncovered_names_are_found_and_covered_ones_are_not() {
        let got = names(&[
            "North Korea fired a missile, said Boris Johnson in London. Russia protested.",
            "The talks with North Korea stalled. Boris Johnson spoke to Washington.",
            "وقال الرئيس الكوري الجنوبي مون جاي إن إن كوريا الشمالية مستعدة، وأكد الرئيس الروسي فلاديمير بوتين ذلك.",
            "واستقبل الرئيس مون جاي وفدا من كوريا، وقالت الصحف الكورية إن الهند تراقب الوضع سياسيا.",
        ]);
        let has = |n: &str| got.iter().any(|(name, _)| name == n);
        assert!(has("North Korea"), "{got:?}");
        assert!(has("Boris Johnson"), "{got:?}");
        assert!(has("مون جاي"), "{got:?}");
        assert!(has("كوريا"), "the nisba الكوري/الكورية points at كوريا: {got:?}");
        // Covered by default targets: Russia, Washington, بوتين (after الروسي).
        assert!(!has("Russia") && !has("Washington"), "{got:?}");
        // Once only: not listed; an adverb from a nisba is not a place.
        assert!(!has("London") && !has("الهند") && !has("سياسيا"), "{got:?}");
    }
}
