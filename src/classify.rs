//! Classification: what a pair of documents is, and which of its passages
//! are reuse, boilerplate or too weak to report.
//!
//! Input: a pair's shingle [`Overlap`], its documents' lengths, and for each
//! aligned passage its kind, score, length and recurrence. Output: the
//! pair's [`Verdict`] (or none: not reported) and a [`Role`] per passage.
//! `parallax run`, `parallax dups` and `parallax index query` all decide
//! here, so the rules below are the only ones.
//!
//! The ladder, first match wins:
//! 1. `near_duplicate`: Jaccard at or above the threshold;
//! 2. `excerpt`: the share of one document's shingles found in the other at
//!    or above the containment threshold;
//! 3. `rewrite`: the passages of reuse cover at least [`REWRITE_SHARE`] of
//!    the words of one of the documents (usually the shorter), even when
//!    few shingles are shared (a retelling such as seeds 000/001);
//! 4. `shared_passages`: at least one passage of reuse;
//! 5. otherwise the pair is not reported: it is linked only by boilerplate
//!    or by weak paraphrase (the same fact told independently).
//!
//! A passage of a copy (rungs 1–2) is always reuse, whatever its recurrence:
//! the copy *is* the republication. Elsewhere a passage is:
//! - `boilerplate` when it is a small part of both documents (under
//!   [`SMALL_PART`] of each one's words) and its text recurs in at least
//!   `boilerplate_docs` documents of the corpus (wire background, a stock
//!   paragraph), or in at least [`SOURCE_REPEATS`] documents of one source
//!   (site chrome, signatures, "follow us" lines);
//! - `reuse` when it is `verbatim` or `near_verbatim`, or a paraphrase
//!   scoring at least `min_passage_score` that keeps a run of at least
//!   `min_copied_run` consecutive words of the other side;
//! - `weak` otherwise (dropped from the outputs).
//!
//! Why the run: on 1,500 real news articles (five outlets, one month) 12 %
//! of the paraphrased passages found by word overlap were reuse; the rest
//! were the same fact reported twice or two facts of one story. A shared
//! run of [`MIN_COPIED_RUN`] words kept 8 of 10 right (BENCHMARKS.md,
//! passage precision). Retellings without any copied stretch (seeds
//! 000/001) are then not reported as reuse by default: they are *related*
//! (`related.csv`, `stories.csv`), and `min_copied_run = 0` reports them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::align::{Kind, Passage, Recurrence};
use crate::candidates::Overlap;
use crate::doc::{DocId, Document};

/// Share of one document's words that passages of reuse must cover for a
/// pair to be a `rewrite`. Seeds 000/001 (a retold interview) reach 0.22
/// and 0.25; passages on one story that are not a rewrite stay under 0.1.
pub const REWRITE_SHARE: f64 = 0.2;

/// A recurring passage is boilerplate only when it is less than this share
/// of each document's words: a wire story reprinted in many papers is most
/// of each, a background paragraph or a footer a small part.
pub const SMALL_PART: f64 = 1.0 / 3.0;

/// Text found in at least this many documents of one source (outlet) is
/// that source's own furniture when it is a small part of the documents.
pub const SOURCE_REPEATS: usize = 3;

/// Default of `boilerplate_docs`.
pub const BOILERPLATE_DOCS: usize = 5;

/// Default of `min_passage_score`.
pub const MIN_PASSAGE_SCORE: f64 = 0.4;

/// Default of `min_copied_run`: a paraphrased passage is reuse when it
/// keeps this many consecutive words of the other side.
pub const MIN_COPIED_RUN: usize = 12;

/// The settings of the rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    /// Jaccard at or above which a pair is a near-duplicate.
    pub threshold: f64,
    /// Containment at or above which the smaller document is an excerpt.
    pub containment: f64,
    /// A paraphrased passage is reuse from this score up...
    pub min_passage_score: f64,
    /// ...when it also keeps a run of this many consecutive words of the
    /// other side (0: any paraphrase scoring `min_passage_score`).
    pub min_copied_run: usize,
    /// A small passage recurring in at least this many documents is
    /// boilerplate.
    pub boilerplate_docs: usize,
}

impl Rules {
    /// The default rules with these duplicate thresholds.
    pub fn new(threshold: f64, containment: f64) -> Rules {
        Rules {
            threshold,
            containment,
            min_passage_score: MIN_PASSAGE_SCORE,
            min_copied_run: MIN_COPIED_RUN,
            boilerplate_docs: BOILERPLATE_DOCS,
        }
    }

    /// True when the overlap alone makes the pair a copy (rungs 1–2).
    pub fn is_copy(&self, ov: &Overlap) -> bool {
        self.copy_verdict(ov).is_some()
    }

    /// The verdict the overlap alone gives (rungs 1–2), if any.
    pub fn copy_verdict(&self, ov: &Overlap) -> Option<Verdict> {
        if ov.jaccard >= self.threshold {
            Some(Verdict::NearDuplicate)
        } else if ov.containment_ab.max(ov.containment_ba) >= self.containment {
            Some(Verdict::Excerpt)
        } else {
            None
        }
    }
}

/// What a pair is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Nearly the same text.
    NearDuplicate,
    /// One is (mostly) contained in the other.
    Excerpt,
    /// Much of one document retells the other.
    Rewrite,
    /// At least one passage of reuse.
    SharedPassages,
}

impl Verdict {
    /// The name written in the outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NearDuplicate => "near_duplicate",
            Verdict::Excerpt => "excerpt",
            Verdict::Rewrite => "rewrite",
            Verdict::SharedPassages => "shared_passages",
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What one passage of a pair is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Text one document took from the other or both from a common source.
    Reuse,
    /// Recurring text: reported, flagged, not counted as reuse.
    Boilerplate,
    /// A paraphrase too loose to report.
    Weak,
}

/// What the rules need to know about a passage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PassageFacts {
    /// Its kind.
    pub kind: Kind,
    /// Its alignment score.
    pub score: f64,
    /// Its longest run of words shared word for word.
    pub copied_run: usize,
    /// Its words in document A.
    pub a_words: usize,
    /// Its words in document B.
    pub b_words: usize,
    /// Documents of the corpus containing its text (0 when not counted).
    pub recurs_in: usize,
    /// Documents of one side's source containing it (0 when unknown).
    pub recurs_in_source: usize,
}

/// The verdict of a pair (`None`: not reported) and the role of each of its
/// passages, in the order given. `a_len` and `b_len` are the documents'
/// lengths in words.
pub fn judge(
    rules: &Rules,
    ov: &Overlap,
    a_len: usize,
    b_len: usize,
    passages: &[PassageFacts],
) -> (Option<Verdict>, Vec<Role>) {
    let copy = rules.copy_verdict(ov);
    let roles: Vec<Role> = passages
        .iter()
        .map(|p| if copy.is_some() { Role::Reuse } else { role(rules, p, a_len, b_len) })
        .collect();
    if copy.is_some() {
        return (copy, roles);
    }
    let (mut wa, mut wb, mut any) = (0, 0, false);
    for (p, r) in passages.iter().zip(&roles) {
        if *r == Role::Reuse {
            wa += p.a_words;
            wb += p.b_words;
            any = true;
        }
    }
    let share = |w: usize, len: usize| if len == 0 { 0.0 } else { w as f64 / len as f64 };
    let verdict = if !any {
        None
    } else if share(wa, a_len).max(share(wb, b_len)) >= REWRITE_SHARE {
        Some(Verdict::Rewrite)
    } else {
        Some(Verdict::SharedPassages)
    };
    (verdict, roles)
}

/// The role of a passage of a pair that is not a copy.
fn role(rules: &Rules, p: &PassageFacts, a_len: usize, b_len: usize) -> Role {
    let small = |w: usize, len: usize| (w as f64) < SMALL_PART * len as f64;
    let recurring =
        p.recurs_in >= rules.boilerplate_docs.max(3) || p.recurs_in_source >= SOURCE_REPEATS;
    // A loose paraphrase is no shared text at all, so it is weak before it
    // can be boilerplate (recurring *text*).
    let copied = p.kind != Kind::Paraphrase
        || (p.score >= rules.min_passage_score && p.copied_run >= rules.min_copied_run);
    if !copied {
        Role::Weak
    } else if recurring && small(p.a_words, a_len) && small(p.b_words, b_len) {
        Role::Boilerplate
    } else {
        Role::Reuse
    }
}

/// One reported pair of a corpus: its documents, its verdict and the
/// passages it keeps (index into the corpus' passage list, and role; weak
/// passages are left out).
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    /// Document A (`a < b`).
    pub a: DocId,
    /// Document B.
    pub b: DocId,
    /// What the pair is.
    pub verdict: Verdict,
    /// Its reported passages, in the order of the corpus' list.
    pub passages: Vec<(usize, Role)>,
}

/// Judges every pair of a corpus that is a copy (`copies`, sorted) or has
/// passages (`passages`, grouped by pair in pair order, with their
/// `recurrence`), in pair order; pairs without a verdict are left out.
/// `overlap(a, b)` gives a pair's shingle overlap, `words[i]` the length of
/// `DocId(i)` in words. Also returns the role of every passage, reported or
/// not (relatedness counts weak paraphrases too: they tell of one story).
pub fn judge_corpus(
    rules: &Rules,
    copies: &[(u32, u32)],
    overlap: &dyn Fn(u32, u32) -> Overlap,
    words: &[usize],
    passages: &[(DocId, DocId, Passage)],
    recurrence: &[Recurrence],
) -> (Vec<Judged>, Vec<Role>) {
    let mut of_pair: BTreeMap<(u32, u32), Vec<usize>> =
        copies.iter().map(|&k| (k, Vec::new())).collect();
    for (i, (a, b, _)) in passages.iter().enumerate() {
        of_pair.entry((a.0, b.0)).or_default().push(i);
    }
    let len = |d: u32| words.get(d as usize).copied().unwrap_or(0);
    let mut all_roles = vec![Role::Weak; passages.len()];
    let judged = of_pair
        .into_iter()
        .filter_map(|((a, b), idx)| {
            let facts: Vec<PassageFacts> = idx
                .iter()
                .map(|&i| {
                    let p = &passages[i].2;
                    let r = recurrence.get(i).copied().unwrap_or_default();
                    PassageFacts {
                        kind: p.kind,
                        score: p.score,
                        copied_run: p.copied_run,
                        a_words: p.a_words,
                        b_words: p.b_words,
                        recurs_in: r.docs,
                        recurs_in_source: r.same_source,
                    }
                })
                .collect();
            let (verdict, roles) = judge(rules, &overlap(a, b), len(a), len(b), &facts);
            for (&i, &r) in idx.iter().zip(&roles) {
                all_roles[i] = r;
            }
            let passages = idx.into_iter().zip(roles).filter(|(_, r)| *r != Role::Weak).collect();
            Some(Judged { a: DocId(a), b: DocId(b), verdict: verdict?, passages })
        })
        .collect();
    (judged, all_roles)
}

/// A number per source (outlet) for [`crate::align::BoilerplateIndex::recurrence`]:
/// a document's outlet, else the host of its URL; `None` when neither is
/// known. Equal sources get equal numbers.
pub fn source_numbers(docs: &[Document]) -> Vec<Option<u32>> {
    let mut numbers: BTreeMap<String, u32> = BTreeMap::new();
    docs.iter()
        .map(|d| {
            let name = source_name(d.outlet.as_deref(), d.url.as_deref())?;
            let next = numbers.len() as u32;
            Some(*numbers.entry(name).or_insert(next))
        })
        .collect()
}

/// The name of a document's source, by which [`source_numbers`] groups
/// documents: its outlet, trimmed and lowercased, else the host of its URL;
/// `None` when neither is known. Public for a distributed run, which
/// compares names instead of numbering them.
pub fn source_name(outlet: Option<&str>, url: Option<&str>) -> Option<String> {
    match (outlet, url) {
        (Some(o), _) if !o.trim().is_empty() => Some(o.trim().to_lowercase()),
        (_, Some(u)) => url_host(u),
        _ => None,
    }
}

/// The host of an http(s) URL, lowercased, without a leading `www.`.
fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document known only by its outlet and URL.
    fn doc(outlet: Option<&str>, url: Option<&str>) -> Document {
        Document {
            outlet: outlet.map(str::to_string),
            url: url.map(str::to_string),
            ..Document::default()
        }
    }

    #[test]
    fn source_names_group_documents_as_source_numbers_do() {
        assert_eq!(source_name(Some("  Le Monde "), None).as_deref(), Some("le monde"));
        let url = Some("https://www.elkhabar.com/press/article/1/");
        assert_eq!(source_name(Some(" "), url).as_deref(), Some("elkhabar.com"));
        assert_eq!(source_name(None, Some("not a url")), None);
        assert_eq!(source_name(None, None), None);
        let docs = [
            doc(Some("A"), None),
            doc(None, Some("http://a/x")),
            doc(Some("a "), None),
            doc(None, None),
        ];
        let numbers = source_numbers(&docs);
        let names: Vec<Option<String>> =
            docs.iter().map(|d| source_name(d.outlet.as_deref(), d.url.as_deref())).collect();
        for i in 0..docs.len() {
            for j in 0..docs.len() {
                let same_number = numbers[i].is_some() && numbers[i] == numbers[j];
                let same_name = names[i].is_some() && names[i] == names[j];
                assert_eq!(same_number, same_name, "{i} {j}");
            }
        }
    }

    fn ov(jaccard: f64, c: f64) -> Overlap {
        Overlap { jaccard, containment_ab: c, containment_ba: c / 2.0, ..Overlap::default() }
    }

    fn passage(kind: Kind, score: f64, words: usize, recurs_in: usize) -> PassageFacts {
        PassageFacts {
            kind,
            score,
            copied_run: words,
            a_words: words,
            b_words: words,
            recurs_in,
            recurs_in_source: 0,
        }
    }

    #[test]
    fn the_ladder() {
        let r = Rules { min_passage_score: 0.5, ..Rules::new(0.5, 0.8) };
        let strong = passage(Kind::Paraphrase, 0.6, 30, 2);
        let v = |o: Overlap, ps: &[PassageFacts]| judge(&r, &o, 400, 500, ps).0;
        assert_eq!(v(ov(0.9, 0.9), &[]), Some(Verdict::NearDuplicate));
        assert_eq!(v(ov(0.3, 0.85), &[]), Some(Verdict::Excerpt));
        assert_eq!(v(ov(0.1, 0.1), &[strong; 3]), Some(Verdict::Rewrite), "90 of 400 words");
        assert_eq!(v(ov(0.1, 0.1), &[strong]), Some(Verdict::SharedPassages));
        assert_eq!(v(ov(0.1, 0.1), &[]), None);
        let weak = passage(Kind::Paraphrase, 0.4, 30, 2);
        assert_eq!(v(ov(0.1, 0.1), &[weak]), None, "weak paraphrase only");
        let lifted = passage(Kind::NearVerbatim, 0.4, 30, 2);
        assert_eq!(v(ov(0.1, 0.1), &[lifted]), Some(Verdict::SharedPassages));
    }

    #[test]
    fn copies_keep_recurring_passages_others_call_them_boilerplate() {
        let r = Rules::new(0.5, 0.8);
        // A background paragraph in 57 documents, 60 words of 400 and 500.
        let background = passage(Kind::Verbatim, 1.0, 60, 57);
        let (v, roles) = judge(&r, &ov(0.1, 0.1), 400, 500, &[background]);
        assert_eq!((v, roles), (None, vec![Role::Boilerplate]));
        let (v, roles) = judge(&r, &ov(0.9, 0.9), 400, 500, &[background]);
        assert_eq!((v, roles), (Some(Verdict::NearDuplicate), vec![Role::Reuse]));
        // A wire story in many papers, most of each: reuse, not boilerplate.
        let story = passage(Kind::NearVerbatim, 0.9, 300, 57);
        let (v, roles) = judge(&r, &ov(0.4, 0.6), 400, 500, &[story]);
        assert_eq!((v, roles), (Some(Verdict::Rewrite), vec![Role::Reuse]));
        // A footer repeated by one outlet, rare in the corpus overall.
        let footer = PassageFacts { recurs_in: 3, recurs_in_source: 3, ..background };
        assert_eq!(judge(&r, &ov(0.1, 0.1), 400, 500, &[footer]).1, vec![Role::Boilerplate]);
        let pair_only = PassageFacts { recurs_in: 2, recurs_in_source: 2, ..background };
        assert_eq!(judge(&r, &ov(0.1, 0.1), 400, 500, &[pair_only]).1, vec![Role::Reuse]);
    }

    #[test]
    fn sources_are_outlets_or_url_hosts() {
        let docs = [
            doc(Some("AFP"), None),
            doc(None, Some("https://www.Example.com/a/b?x")),
            doc(Some("afp "), Some("https://other.org/")),
            doc(None, Some("http://example.com:8080/c")),
            doc(None, None),
            doc(None, Some("not a url")),
        ];
        assert_eq!(source_numbers(&docs), vec![Some(0), Some(1), Some(0), Some(1), None, None]);
    }

    #[test]
    fn the_passage_cut_widens_or_narrows() {
        let mut r = Rules { min_passage_score: 0.5, ..Rules::new(0.5, 0.8) };
        let p = passage(Kind::Paraphrase, 0.45, 20, 2);
        assert_eq!(judge(&r, &ov(0.1, 0.1), 400, 500, &[p]).1, vec![Role::Weak]);
        r.min_passage_score = 0.4;
        assert_eq!(judge(&r, &ov(0.1, 0.1), 400, 500, &[p]).1, vec![Role::Reuse]);
    }

    #[test]
    fn a_paraphrase_is_reuse_only_with_a_copied_run() {
        let mut r = Rules::new(0.5, 0.8);
        // The same fact told twice: 30 words, at most 5 in a row shared.
        let fact = PassageFacts { copied_run: 5, ..passage(Kind::Paraphrase, 0.6, 30, 2) };
        assert_eq!(judge(&r, &ov(0.1, 0.1), 400, 500, &[fact]), (None, vec![Role::Weak]));
        // A retold paragraph that keeps a quoted sentence of 14 words.
        let quoted = PassageFacts { copied_run: 14, ..fact };
        assert_eq!(judge(&r, &ov(0.1, 0.1), 400, 500, &[quoted]).1, vec![Role::Reuse]);
        // Copied kinds need no run; a copy's passages never do.
        let edited = PassageFacts { kind: Kind::NearVerbatim, ..fact };
        assert_eq!(judge(&r, &ov(0.1, 0.1), 400, 500, &[edited]).1, vec![Role::Reuse]);
        assert_eq!(judge(&r, &ov(0.9, 0.9), 400, 500, &[fact]).1, vec![Role::Reuse]);
        // 0 widens to every paraphrase that scores.
        r.min_copied_run = 0;
        assert_eq!(judge(&r, &ov(0.1, 0.1), 400, 500, &[fact]).1, vec![Role::Reuse]);
    }
}
