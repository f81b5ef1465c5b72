//! The data `report.html` embeds, once, as JSON.
//!
//! The page must stay one file that a browser opens quickly at tens of
//! thousands of documents, so the data is compact:
//! - rows are JSON arrays in a fixed field order (documented on each type
//!   below and decoded once by `report.js`), not objects with keys;
//! - documents are referred to by index into `docs`, and every repeated
//!   short string (outlet, language, verdict, passage kind, lexicon entry,
//!   target, ...) by index into one string table `s`;
//! - each document text is embedded at most once: whole (`x`) for the
//!   documents a side-by-side view shows, otherwise only the excerpts the
//!   evidence and passage previews need (`xf`), cut from the same text and
//!   addressed by the same code-point offsets as the CSVs;
//! - both kinds of text have a budget in characters ([`TEXT_BUDGET`],
//!   [`EXCERPT_BUDGET`]), spent on the strongest pairs and the heaviest
//!   evidence first, so that the page of a very large run stays openable;
//!   what is left out is in the CSVs, and the page says so;
//! - scores are rounded to three decimals, rates to one or two.
//!
//! Output is deterministic: every map is ordered, every tie broken by index.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io;

use serde::Serialize;

use super::super::model::{Matrix, Results};
use super::super::table::TableKind;
use super::super::OutputOptions;

/// Documents per heat map, at most: the ones with the strongest
/// off-diagonal values, so the map shows where reuse is.
pub(crate) const MAX_HEAT: usize = 40;
/// Evidence sentences kept per document and target (or frame).
const MAX_EVIDENCE_SENTENCES: usize = 3;
/// Characters of an evidence sentence kept on each side of its hits.
const SENTENCE_CONTEXT: u64 = 120;
/// Characters of a passage shown in the passages table.
const PREVIEW_CHARS: u64 = 90;
/// Characters of a passage (plus [`PASSAGE_CONTEXT`] on each side) cut
/// for a pair whose whole texts are not embedded.
const PASSAGE_CHARS: u64 = 600;
const PASSAGE_CONTEXT: u64 = 80;
/// Characters of such passage excerpts in all.
pub(crate) const PASSAGE_BUDGET: usize = 2_000_000;
/// Framing-shift rows kept (the largest shifts first).
const MAX_SHIFT_ROWS: usize = 2_000;
/// Characters of whole texts embedded for side-by-side views. 1,500 news
/// articles with 150 pairs need about 0.6 M; past the budget a pair's view
/// says its texts are in the CSVs.
pub(crate) const TEXT_BUDGET: usize = 4_000_000;
/// Characters of excerpts (evidence sentences, passage previews) embedded
/// from documents whose whole text is not.
pub(crate) const EXCERPT_BUDGET: usize = 2_500_000;

/// A number rounded to `10^-dp`, `None` when not finite (JSON `null`).
fn round(v: f64, dp: i32) -> Option<f64> {
    if !v.is_finite() {
        return None;
    }
    let f = 10f64.powi(dp);
    Some((v * f).round() / f)
}

/// The string table: each distinct string once, numbered in order of
/// first use (so the same input gives the same numbers).
#[derive(Default)]
struct Strings<'a> {
    list: Vec<&'a str>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Strings<'a> {
    fn id(&mut self, s: &'a str) -> usize {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        self.list.push(s);
        self.index.insert(s, self.list.len() - 1);
        self.list.len() - 1
    }
}

/// One document: `[id, title, date, outlet, language, words, url,
/// cluster]`; outlet and language index `s`; url is empty unless it is an
/// `http`/`https` link; cluster is `null` outside clusters.
type Doc<'a> = (&'a str, &'a str, &'a str, usize, usize, u64, &'a str, Option<u64>);

/// One pair: `[a, b, jaccard, containment a in b, containment b in a,
/// passages, shared words, longest passage, likely source (0 = a, 1 = b,
/// null), reason (s), verdict (s), cluster, aligned via (doc or null),
/// related]`.
type Pair = (
    usize,
    usize,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    u64,
    u64,
    u64,
    Option<u8>,
    usize,
    usize,
    Option<u64>,
    Option<usize>,
    Option<f64>,
);

/// One passage: `[number, pair (index into pairs or null), a, b, [a start,
/// a end, b start, b end], a words, b words, score, kind (s), longest
/// copied run, documents the text recurs in, boilerplate (0/1)]`.
type Passage =
    (u64, Option<usize>, usize, usize, [u64; 4], u64, u64, Option<f64>, usize, u64, u64, u8);

/// One republished group: `[cluster, likely original, members (earliest
/// first), identical pairs]`.
type Group = (u64, usize, Vec<usize>, usize);

/// One evidence group, per document and target (or frame category):
/// `[doc, target or category (s), hits, summed contribution, sentences]`;
/// each sentence is `[from, to, cut before (0/1), cut after (0/1), hits]`
/// in code points of the document, each hit `[start, end, entry (s),
/// contribution]`.
type EvGroup = (usize, usize, usize, Option<f64>, Vec<EvSentence>);
type EvSentence = (u64, u64, u8, u8, Vec<(u64, u64, usize, Option<f64>)>);

/// One framing-shift row: `[a, b, frame (s), [shared a, rewritten a,
/// shared b, rewritten b]]` per 1,000 words.
type Shift = (usize, usize, usize, [Option<f64>; 4]);

/// One story: `[number, size, representative (doc or null), its title when
/// it is not a listed document, members, framing rows]`, each framing row
/// `[outlet (s), measure (s), key (s), value, other outlets' value, change
/// (s)]`.
type Story<'a> = (u64, u64, Option<usize>, &'a str, Vec<usize>, Vec<StoryFraming>);
type StoryFraming = (usize, usize, usize, Option<f64>, Option<f64>, usize);

#[derive(Serialize)]
pub(crate) struct Payload<'a> {
    /// Which parts the run asked for.
    show: Show,
    /// The string table.
    s: Vec<&'a str>,
    docs: Vec<Doc<'a>>,
    /// Whole texts: `[doc, text]`.
    x: Vec<(usize, Cow<'a, str>)>,
    /// Excerpts of the other documents: `[doc, [[from, text], ...]]`.
    xf: Vec<(usize, Vec<(u64, String)>)>,
    /// True when a budget left texts or excerpts out.
    cut: bool,
    pairs: Vec<Pair>,
    passages: Vec<Passage>,
    groups: Vec<Group>,
    stories: Vec<Story<'a>>,
    heat: Vec<Heat>,
    /// Frame and target keys (indices into `s`).
    fk: Vec<usize>,
    tk: Vec<usize>,
    /// Frame rates: `[doc, rate per frame key...]` (per 1,000 words).
    fr: Vec<(usize, Vec<Option<f64>>)>,
    /// Stance: `[doc, target key index, score or null, mentions]`, only
    /// where the target is mentioned.
    st: Vec<(usize, usize, Option<f64>, u64)>,
    ev: Vec<EvGroup>,
    /// Evidence groups in the run, with or without sentences in the page.
    ev_total: usize,
    shift: Vec<Shift>,
    shift_total: usize,
}

#[derive(Serialize)]
struct Show {
    documents: bool,
    pairs: bool,
    passages: bool,
    framing: bool,
    stance: bool,
    evidence: bool,
    shift: bool,
    stories: bool,
}

#[derive(Serialize)]
struct Heat {
    key: &'static str,
    title: &'static str,
    /// Documents in the matrix (all of them).
    total: usize,
    /// Chosen documents (index into `docs`, or the id when the matrix
    /// names an unknown one), ordered by cluster, then outlet, then id.
    docs: Vec<HeatDoc>,
    /// Row-major values among the chosen documents (two decimals).
    v: Vec<Option<f64>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum HeatDoc {
    Known(usize),
    Unknown(String),
}

/// The data of `r`, as `opts` asks for it. Fails only when a text set
/// aside in a temporary file cannot be read back.
pub(crate) fn build<'a>(r: &'a Results, opts: &OutputOptions) -> io::Result<Payload<'a>> {
    let index: HashMap<&str, usize> =
        r.documents.iter().enumerate().map(|(i, d)| (d.doc_id.as_str(), i)).collect();
    let show = Show {
        documents: opts.wants(TableKind::Documents),
        pairs: opts.wants(TableKind::Pairs),
        passages: opts.wants(TableKind::Passages),
        framing: opts.wants(TableKind::Framing),
        stance: opts.wants(TableKind::Stance),
        evidence: opts.wants(TableKind::Evidence),
        shift: opts.wants(TableKind::FramingShift),
        stories: opts.wants(TableKind::Stories),
    };
    let mut s = Strings::default();
    s.id("");
    let mut cluster_of: Vec<Option<u64>> = vec![None; r.documents.len()];
    for c in &r.clusters {
        if let Some(&i) = index.get(c.doc_id.as_str()) {
            cluster_of[i] = Some(c.cluster);
        }
    }
    let docs: Vec<Doc> = r
        .documents
        .iter()
        .zip(&cluster_of)
        .map(|(d, c)| {
            (
                d.doc_id.as_str(),
                d.title.as_str(),
                d.date.as_str(),
                s.id(&d.outlet),
                s.id(&d.language),
                d.words,
                d.link().unwrap_or(""),
                *c,
            )
        })
        .collect();
    // Pairs, and passages attached to them.
    let mut pair_of: HashMap<(usize, usize), usize> = HashMap::new();
    let mut pairs: Vec<Pair> = Vec::with_capacity(r.pairs.len());
    for p in &r.pairs {
        let (Some(&a), Some(&b)) = (index.get(p.doc_a.as_str()), index.get(p.doc_b.as_str()))
        else {
            continue;
        };
        let src = if p.likely_source.is_empty() {
            None
        } else if p.likely_source == p.doc_a {
            Some(0)
        } else if p.likely_source == p.doc_b {
            Some(1)
        } else {
            None
        };
        pair_of.insert((a, b), pairs.len());
        pairs.push((
            a,
            b,
            // 1 means identical after normalisation (the view then shows
            // one text), so a value just below 1 stays below it.
            round(p.jaccard.unwrap_or(p.jaccard_est), 3).map(|v| {
                if v == 1.0 && p.jaccard != Some(1.0) {
                    0.999
                } else {
                    v
                }
            }),
            round(p.containment_ab, 3),
            round(p.containment_ba, 3),
            p.passages,
            p.shared_words,
            p.longest_passage_words,
            src,
            s.id(&p.source_reason),
            s.id(&p.verdict),
            p.cluster,
            index.get(p.aligned_via.as_str()).copied(),
            p.related.and_then(|v| round(v, 3)),
        ));
    }
    let mut passages: Vec<Passage> = Vec::new();
    if show.passages || show.pairs {
        for ps in &r.passages {
            let (Some(&a), Some(&b)) = (index.get(ps.doc_a.as_str()), index.get(ps.doc_b.as_str()))
            else {
                continue;
            };
            passages.push((
                ps.passage,
                pair_of.get(&(a, b)).copied(),
                a,
                b,
                [ps.a_start, ps.a_end, ps.b_start, ps.b_end],
                ps.a_words,
                ps.b_words,
                round(ps.score, 3),
                s.id(&ps.kind),
                ps.copied_run,
                ps.recurs_in,
                u8::from(ps.boilerplate),
            ));
        }
    }
    let mut texts = Texts::new(r);
    // Whole texts for the side-by-side views, in the order a reader meets
    // the pairs: the pairs table (Jaccard, then shared words) and the
    // rewrites (shared words), one from each in turn, so the first pages of
    // both open with their texts. An identical copy's view shows one text.
    let verdict_near = s.index.get("near_duplicate").copied();
    let view_order = view_order(&pairs, verdict_near);
    for &q in &view_order {
        let p = &pairs[q];
        let both = if p.2 == Some(1.0) { vec![p.0] } else { vec![p.0, p.1] };
        texts.whole(&both);
    }
    // Pairs whose texts did not fit still show their passages, cut from
    // the texts with a little context, in the same order.
    let mut by_pair: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, ps) in passages.iter().enumerate() {
        if let Some(q) = ps.1 {
            by_pair.entry(q).or_default().push(k);
        }
    }
    for &q in &view_order {
        for &k in by_pair.get(&q).map_or(&[][..], Vec::as_slice) {
            let ps = &passages[k];
            for (d, from, to) in [(ps.2, ps.4[0], ps.4[1]), (ps.3, ps.4[2], ps.4[3])] {
                let from = from.saturating_sub(PASSAGE_CONTEXT);
                texts.passage(d, from, to.min(from + PASSAGE_CHARS) + PASSAGE_CONTEXT);
            }
        }
    }
    let groups = groups(r, &index, &pairs, &cluster_of);
    let stories = if show.stories { stories(r, &index, &mut s) } else { Vec::new() };
    let mut heat = Vec::new();
    if opts.matrices {
        for (kind, key, title, m) in [
            (TableKind::Similarity, "similarity", "Similarity (Jaccard)", r.similarity.as_ref()),
            (
                TableKind::Reuse,
                "reuse",
                "Reuse (share of the row document's words in passages shared with the column)",
                r.reuse.as_ref(),
            ),
            (
                TableKind::FramingDistance,
                "framing_distance",
                "Framing distance",
                r.framing_distance.as_ref(),
            ),
        ] {
            if let (true, Some(m)) = (opts.wants(kind), m) {
                heat.push(heat_map(
                    key,
                    title,
                    m,
                    &index,
                    r,
                    &cluster_of,
                    kind == TableKind::FramingDistance,
                ));
            }
        }
    }
    let fk: Vec<usize> = r.frame_keys.iter().map(|k| s.id(k)).collect();
    let tk: Vec<usize> = r.target_keys.iter().map(|k| s.id(k)).collect();
    let mut fr = Vec::new();
    if show.framing {
        for f in &r.framing {
            if let Some(&i) = index.get(f.doc_id.as_str()) {
                fr.push((i, f.frames.iter().map(|c| round(c.per_1k, 1)).collect()));
            }
        }
    }
    let mut st = Vec::new();
    if show.stance {
        for row in &r.stance {
            if let Some(&i) = index.get(row.doc_id.as_str()) {
                for (j, c) in row.targets.iter().enumerate() {
                    if c.mentions > 0 {
                        st.push((i, j, c.score.and_then(|v| round(v, 3)), c.mentions));
                    }
                }
            }
        }
    }
    let (ev, ev_total) =
        if show.evidence { evidence(r, &index, &mut s, &mut texts) } else { (Vec::new(), 0) };
    // Passage previews come after the evidence: a passage's document often
    // has its whole text already, and a preview is the least needed.
    if show.passages {
        for p in &passages {
            texts.excerpt(p.2, p.4[0], p.4[1].min(p.4[0] + PREVIEW_CHARS));
        }
    }
    let (shift, shift_total) = if show.shift { shift(r, &index, &mut s) } else { (Vec::new(), 0) };
    let (x, xf, cut) = texts.finish()?;
    Ok(Payload {
        show,
        s: s.list,
        docs,
        x,
        xf,
        cut,
        pairs,
        passages,
        groups,
        stories,
        heat,
        fk,
        tk,
        fr,
        st,
        ev,
        ev_total,
        shift,
        shift_total,
    })
}

/// Pair indices in the order a reader meets them: the pairs table's
/// (Jaccard, then shared words, descending) and the rewrites' (pairs with
/// passages that are not near-duplicates or identical, by shared words),
/// one from each in turn, each pair once. Mirrors `report.js`.
fn view_order(pairs: &[Pair], near_duplicate: Option<usize>) -> Vec<usize> {
    let mut table: Vec<usize> = (0..pairs.len()).collect();
    table.sort_by(|&x, &y| {
        let (p, q) = (&pairs[x], &pairs[y]);
        q.2.unwrap_or(0.0).total_cmp(&p.2.unwrap_or(0.0)).then(q.6.cmp(&p.6)).then(x.cmp(&y))
    });
    let mut rewrites: Vec<usize> = (0..pairs.len())
        .filter(|&q| {
            let p = &pairs[q];
            p.5 > 0 && Some(p.10) != near_duplicate && p.2 != Some(1.0)
        })
        .collect();
    rewrites.sort_by(|&x, &y| pairs[y].6.cmp(&pairs[x].6).then(x.cmp(&y)));
    let mut seen = vec![false; pairs.len()];
    let mut out = Vec::with_capacity(pairs.len());
    let (mut i, mut j) = (0, 0);
    while i < table.len() || j < rewrites.len() {
        for q in [table.get(i).copied(), rewrites.get(j).copied()].into_iter().flatten() {
            if !std::mem::replace(&mut seen[q], true) {
                out.push(q);
            }
        }
        i += 1;
        j += 1;
    }
    out
}

/// The two budgets excerpts are cut from.
#[derive(Clone, Copy)]
enum Budget {
    /// Evidence sentences and passage previews ([`EXCERPT_BUDGET`]).
    Excerpts,
    /// Passages of pairs whose whole texts are not embedded
    /// ([`PASSAGE_BUDGET`]).
    Passages,
}

/// Which texts, whole or in excerpts, the page carries, within the budgets.
struct Texts<'a> {
    r: &'a Results,
    whole: Vec<bool>,
    whole_chars: usize,
    /// Per document, the excerpt ranges `[from, to)` asked for.
    parts: BTreeMap<usize, Vec<(u64, u64)>>,
    excerpt_chars: usize,
    passage_chars: usize,
    cut: bool,
}

impl<'a> Texts<'a> {
    fn new(r: &'a Results) -> Texts<'a> {
        Texts {
            r,
            whole: vec![false; r.documents.len()],
            whole_chars: 0,
            parts: BTreeMap::new(),
            excerpt_chars: 0,
            passage_chars: 0,
            cut: false,
        }
    }

    /// Embeds these documents' whole texts if all fit in the budget; false
    /// when they do not (then none is added).
    fn whole(&mut self, docs: &[usize]) -> bool {
        let need: usize = docs
            .iter()
            .filter(|&&d| !self.whole[d])
            .map(|&d| self.r.documents[d].chars as usize)
            .sum();
        if self.whole_chars + need > TEXT_BUDGET {
            self.cut = true;
            return false;
        }
        self.whole_chars += need;
        for &d in docs {
            self.whole[d] = true;
        }
        true
    }

    /// Makes `[from, to)` of document `d` readable in the page, from the
    /// excerpt budget; false when the budget is spent.
    fn excerpt(&mut self, d: usize, from: u64, to: u64) -> bool {
        self.cut_from(d, from, to, Budget::Excerpts)
    }

    /// Like [`Texts::excerpt`], from the passage budget.
    fn passage(&mut self, d: usize, from: u64, to: u64) -> bool {
        self.cut_from(d, from, to, Budget::Passages)
    }

    fn cut_from(&mut self, d: usize, from: u64, to: u64, budget: Budget) -> bool {
        if self.whole[d] || to <= from {
            return true;
        }
        let len = (to - from) as usize;
        let (spent, limit) = match budget {
            Budget::Excerpts => (&mut self.excerpt_chars, EXCERPT_BUDGET),
            Budget::Passages => (&mut self.passage_chars, PASSAGE_BUDGET),
        };
        if *spent + len > limit {
            self.cut = true;
            return false;
        }
        *spent += len;
        self.parts.entry(d).or_default().push((from, to));
        true
    }

    /// The whole texts, and the excerpts merged into one run per stretch of
    /// text (overlapping or touching ranges become one).
    #[allow(clippy::type_complexity)]
    fn finish(
        self,
    ) -> io::Result<(Vec<(usize, Cow<'a, str>)>, Vec<(usize, Vec<(u64, String)>)>, bool)> {
        let r = self.r;
        let x = (0..r.documents.len())
            .filter(|&d| self.whole[d])
            .map(|d| Ok((d, r.document_text(d).map_err(io::Error::other)?)))
            .collect::<io::Result<_>>()?;
        let mut xf = Vec::new();
        for (d, mut ranges) in self.parts {
            if self.whole[d] {
                continue;
            }
            ranges.sort_unstable();
            let mut merged: Vec<(u64, u64)> = Vec::new();
            for (a, b) in ranges {
                match merged.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => merged.push((a, b)),
                }
            }
            let text = r.document_text(d).map_err(io::Error::other)?;
            let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            let at = |k: u64| chars.get(k as usize).copied().unwrap_or(text.len());
            let runs: Vec<(u64, String)> = merged
                .into_iter()
                .filter_map(|(a, b)| {
                    let t = text.get(at(a)..at(b))?;
                    (!t.is_empty()).then(|| (a, t.to_string()))
                })
                .collect();
            if !runs.is_empty() {
                xf.push((d, runs));
            }
        }
        Ok((x, xf, self.cut))
    }
}

/// Republished groups: one per cluster with two or more listed members.
/// The likely original is the member most often named the likely source in
/// the group's pairs (ties: the earliest date as given, then the
/// representative, then the lowest index).
fn groups(
    r: &Results,
    index: &HashMap<&str, usize>,
    pairs: &[Pair],
    cluster_of: &[Option<u64>],
) -> Vec<Group> {
    let mut members: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    let mut rep: BTreeMap<u64, usize> = BTreeMap::new();
    for (i, c) in cluster_of.iter().enumerate() {
        if let Some(c) = c {
            members.entry(*c).or_default().push(i);
        }
    }
    for c in &r.clusters {
        if let Some(&i) = index.get(c.representative.as_str()) {
            rep.insert(c.cluster, i);
        }
    }
    let mut wins: HashMap<usize, usize> = HashMap::new();
    let mut same: BTreeMap<u64, usize> = BTreeMap::new();
    for p in pairs {
        let Some(c) = p.11 else { continue };
        match p.8 {
            Some(0) => *wins.entry(p.0).or_default() += 1,
            Some(_) => *wins.entry(p.1).or_default() += 1,
            None => {}
        }
        if p.2 == Some(1.0) {
            *same.entry(c).or_default() += 1;
        }
    }
    let date = |i: usize| r.documents.get(i).map_or("", |d| d.date.as_str());
    let undated = |i: usize| date(i).is_empty();
    let mut out: Vec<Group> = Vec::new();
    for (c, mut m) in members {
        if m.len() < 2 {
            continue;
        }
        m.sort_by(|&x, &y| (undated(x), date(x), x).cmp(&(undated(y), date(y), y)));
        let representative = rep.get(&c).copied();
        let orig = m
            .iter()
            .copied()
            .max_by(|&x, &y| {
                let key = |i: usize| wins.get(&i).copied().unwrap_or(0);
                key(x)
                    .cmp(&key(y))
                    // Earlier date wins, so reverse the date order.
                    .then_with(|| (undated(y), date(y)).cmp(&(undated(x), date(x))))
                    .then_with(|| (Some(x) == representative).cmp(&(Some(y) == representative)))
                    .then_with(|| y.cmp(&x))
            })
            .unwrap_or(m[0]);
        out.push((c, orig, m, same.get(&c).copied().unwrap_or(0)));
    }
    out.sort_by(|x, y| y.2.len().cmp(&x.2.len()).then(x.0.cmp(&y.0)));
    out
}

/// Stories, largest first (their numbers' order), with how each outlet
/// frames them beside the others: the frames it adds or leaves out, its
/// stance where it differs in sign, the framing distances
/// (story_framing.csv has every measure).
fn stories<'a>(
    r: &'a Results,
    index: &HashMap<&str, usize>,
    s: &mut Strings<'a>,
) -> Vec<Story<'a>> {
    let mut out: Vec<Story<'a>> = Vec::new();
    for row in &r.stories {
        if out.last().is_none_or(|st| st.0 != row.story) {
            let rep = index.get(row.representative.as_str()).copied();
            let title = if rep.is_some() { "" } else { row.representative_title.as_str() };
            out.push((row.story, row.size, rep, title, Vec::new(), Vec::new()));
        }
        if let (Some(st), Some(&d)) = (out.last_mut(), index.get(row.doc_id.as_str())) {
            st.4.push(d);
        }
    }
    let at: HashMap<u64, usize> = out.iter().enumerate().map(|(i, st)| (st.0, i)).collect();
    for f in &r.story_framing {
        let keep = match f.measure.as_str() {
            "frame" => !f.change.is_empty(),
            "stance" => f.rest_value.is_some_and(|rest| rest * f.value < 0.0),
            _ => true,
        };
        if let (true, Some(&i)) = (keep, at.get(&f.story)) {
            let row = (
                s.id(&f.outlet),
                s.id(&f.measure),
                s.id(&f.key),
                round(f.value, 2),
                f.rest_value.and_then(|v| round(v, 2)),
                s.id(&f.change),
            );
            out[i].5.push(row);
        }
    }
    out
}

/// The heat map of `m` over at most [`MAX_HEAT`] documents: those with the
/// strongest off-diagonal value (the lowest for a distance), ordered by
/// cluster, then outlet, then id, so copies sit next to each other.
fn heat_map(
    key: &'static str,
    title: &'static str,
    m: &Matrix,
    index: &HashMap<&str, usize>,
    r: &Results,
    cluster_of: &[Option<u64>],
    distance: bool,
) -> Heat {
    let n = m.ids.len();
    let strength = |i: usize| -> f64 {
        let mut best = f64::NEG_INFINITY;
        for j in 0..n {
            if i == j {
                continue;
            }
            if let Some(v) = m.get(i, j).filter(|v| v.is_finite()) {
                best = best.max(if distance { 1.0 - v } else { v });
            }
        }
        best
    };
    let mut order: Vec<(f64, usize)> = (0..n).map(|i| (strength(i), i)).collect();
    order.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut chosen: Vec<usize> = order.into_iter().take(MAX_HEAT).map(|(_, i)| i).collect();
    let doc = |i: usize| index.get(m.ids[i].as_str()).copied();
    let outlet =
        |i: usize| doc(i).and_then(|d| r.documents.get(d)).map_or("", |d| d.outlet.as_str());
    let cluster = |i: usize| doc(i).and_then(|d| cluster_of[d]).unwrap_or(u64::MAX);
    chosen.sort_by(|&x, &y| {
        (cluster(x), outlet(x), &m.ids[x]).cmp(&(cluster(y), outlet(y), &m.ids[y]))
    });
    let mut v = Vec::with_capacity(chosen.len() * chosen.len());
    for &i in &chosen {
        for &j in &chosen {
            v.push(m.get(i, j).and_then(|x| round(x, 2)));
        }
    }
    Heat {
        key,
        title,
        total: n,
        docs: chosen
            .iter()
            .map(|&i| match doc(i) {
                Some(d) => HeatDoc::Known(d),
                None => HeatDoc::Unknown(m.ids[i].clone()),
            })
            .collect(),
        v,
    }
}

/// Evidence per document and target (stance) or category (frame): the
/// sentences with the largest summed |contribution|, each once, with its
/// hits marked. Excerpts are embedded in rounds (every group's first
/// sentence, heaviest first, then every second sentence, ...) so that a
/// budget that runs out leaves each group its best sentence.
fn evidence<'a>(
    r: &'a Results,
    index: &HashMap<&str, usize>,
    s: &mut Strings<'a>,
    texts: &mut Texts<'a>,
) -> (Vec<EvGroup>, usize) {
    // A news run has 1.4 M evidence rows: they are taken one document at a
    // time (row numbers grouped by document, in row order within one), and
    // a candidate sentence is kept as its place and weight only; the
    // chosen sentences' hits are gathered again at the end. Holding every
    // hit at once took 0.7 GiB.
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(r.evidence_len());
    for i in 0..r.evidence_len() {
        if let Some(&d) = index.get(r.evidence_row(i).doc_id) {
            order.push((d, i));
        }
    }
    order.sort_by_key(|&(d, _)| d); // stable: a document's rows stay in order
    let runs: Vec<&[(usize, usize)]> = order.chunk_by(|x, y| x.0 == y.0).collect();
    let mut out: Vec<EvGroup> = Vec::new();
    // The first group of each run, for the second pass.
    let mut first_group: Vec<usize> = Vec::with_capacity(runs.len());
    let mut wanted: Vec<Candidate> = Vec::new();
    for run in &runs {
        first_group.push(out.len());
        let d = run[0].0;
        for (g, sentences) in doc_groups(r, run) {
            let n: usize = sentences.values().map(Vec::len).sum();
            let sum: f64 = sentences.values().flatten().map(|e| e.contribution).sum();
            let gi = out.len();
            for (rank, (&(ss, se), hits)) in ranked(&sentences).into_iter().enumerate() {
                let first = hits.iter().map(|e| e.start).min().unwrap_or(ss);
                let last = hits.iter().map(|e| e.end).max().unwrap_or(se);
                let from = ss.max(first.saturating_sub(SENTENCE_CONTEXT));
                let to = se.min(last.saturating_add(SENTENCE_CONTEXT)).max(from);
                // The page's string table numbers entries in this order.
                for e in hits {
                    s.id(e.entry);
                }
                wanted.push(Candidate {
                    rank: rank as u8,
                    cut: [u8::from(from > ss), u8::from(to < se)],
                    group: gi as u32,
                    weight: weight(hits),
                    from,
                    to,
                });
            }
            out.push((d, s.id(g), n, round(sum, 3), Vec::new()));
        }
    }
    wanted.sort_by(|x, y| {
        x.rank.cmp(&y.rank).then(y.weight.total_cmp(&x.weight)).then(x.group.cmp(&y.group))
    });
    // (group, rank, from, to, cut) of the sentences that fit, in the order
    // they were chosen.
    let mut chosen: Vec<(u32, u8, u64, u64, [u8; 2])> = Vec::new();
    for c in wanted {
        let d = out[c.group as usize].0;
        if texts.excerpt(d, c.from, c.to) {
            chosen.push((c.group, c.rank, c.from, c.to, c.cut));
        }
    }
    chosen.sort_by_key(|c| c.0); // stable: a group's sentences stay in order
    let mut next = chosen.iter().peekable();
    for (k, run) in runs.iter().enumerate() {
        let Some(&&(g, ..)) = next.peek() else { break };
        let g0 = first_group[k];
        let g_end = first_group.get(k + 1).copied().unwrap_or(out.len());
        if g as usize >= g_end {
            continue; // nothing of this document was chosen
        }
        let groups = doc_groups(r, run);
        for (j, (_, sentences)) in groups.iter().enumerate() {
            let gi = g0 + j;
            let mut ranked_here: Option<Vec<(&(u64, u64), &Hits)>> = None;
            while let Some(&&(g, rank, from, to, cut)) = next.peek() {
                if g as usize != gi {
                    break;
                }
                next.next();
                let ranked_here = ranked_here.get_or_insert_with(|| ranked(sentences));
                let hits = ranked_here[rank as usize].1;
                let mut h: Vec<(u64, u64, usize, Option<f64>)> = hits
                    .iter()
                    .map(|e| (e.start, e.end, s.id(e.entry), round(e.contribution, 3)))
                    .collect();
                h.sort_by_key(|x| (x.0, x.1, x.2));
                h.dedup_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2));
                out[gi].4.push((from, to, cut[0], cut[1], h));
            }
        }
    }
    // A group none of whose sentences fit is left to evidence.csv (the
    // page says how many there are in all).
    let total = out.len();
    out.retain(|g| !g.4.is_empty());
    (out, total)
}

/// What the page needs of a hit: its span, entry and contribution (40
/// bytes; a whole evidence row is 232).
struct Hit<'a> {
    start: u64,
    end: u64,
    entry: &'a str,
    contribution: f64,
}

type Hits<'a> = Vec<Hit<'a>>;

/// A sentence that may be shown: its rank in its group, weight and excerpt.
struct Candidate {
    rank: u8,
    /// Whether the excerpt starts after / ends before its sentence.
    cut: [u8; 2],
    group: u32,
    weight: f64,
    from: u64,
    to: u64,
}

fn weight(hits: &Hits) -> f64 {
    hits.iter().map(|e| e.contribution.abs()).sum::<f64>()
}

/// One document's evidence rows (`run`) by group (target, or category when
/// no target) and sentence `(start, end)`, both in order.
fn doc_groups<'a>(
    r: &'a Results,
    run: &[(usize, usize)],
) -> BTreeMap<&'a str, BTreeMap<(u64, u64), Hits<'a>>> {
    let mut by: BTreeMap<&str, BTreeMap<(u64, u64), Hits>> = BTreeMap::new();
    for &(_, i) in run {
        let e = r.evidence_row(i);
        let g = if e.target.is_empty() { e.category } else { e.target };
        let (ss, se) = if e.sentence_end > e.sentence_start {
            (e.sentence_start.min(e.start), e.sentence_end.max(e.end))
        } else {
            (e.start, e.end)
        };
        let hit = Hit { start: e.start, end: e.end, entry: e.entry, contribution: e.contribution };
        by.entry(g).or_default().entry((ss, se)).or_default().push(hit);
    }
    by
}

/// A group's sentences, heaviest first (then in text order), at most
/// [`MAX_EVIDENCE_SENTENCES`].
fn ranked<'s, 'a>(
    sentences: &'s BTreeMap<(u64, u64), Hits<'a>>,
) -> Vec<(&'s (u64, u64), &'s Hits<'a>)> {
    let mut ranked: Vec<(&(u64, u64), &Hits)> = sentences.iter().collect();
    ranked.sort_by(|x, y| weight(y.1).total_cmp(&weight(x.1)).then(x.0.cmp(y.0)));
    ranked.truncate(MAX_EVIDENCE_SENTENCES);
    ranked
}

/// Framing-shift rows with both documents known, the largest shifts first
/// (at most [`MAX_SHIFT_ROWS`]), and how many there were.
fn shift<'a>(
    r: &'a Results,
    index: &HashMap<&str, usize>,
    s: &mut Strings<'a>,
) -> (Vec<Shift>, usize) {
    let mut rows: Vec<(f64, Shift)> = r
        .framing_shift
        .iter()
        .filter_map(|row| {
            let a = *index.get(row.doc_a.as_str())?;
            let b = *index.get(row.doc_b.as_str())?;
            let d = (row.rewritten_a_per_1k - row.shared_a_per_1k).abs()
                + (row.rewritten_b_per_1k - row.shared_b_per_1k).abs();
            Some((
                if d.is_finite() { d } else { 0.0 },
                (
                    a,
                    b,
                    s.id(&row.frame),
                    [
                        round(row.shared_a_per_1k, 1),
                        round(row.rewritten_a_per_1k, 1),
                        round(row.shared_b_per_1k, 1),
                        round(row.rewritten_b_per_1k, 1),
                    ],
                ),
            ))
        })
        .collect();
    let total = rows.len();
    rows.sort_by(|x, y| {
        y.0.total_cmp(&x.0).then((x.1 .0, x.1 .1, x.1 .2).cmp(&(y.1 .0, y.1 .1, y.1 .2)))
    });
    rows.truncate(MAX_SHIFT_ROWS);
    (rows.into_iter().map(|(_, row)| row).collect(), total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{ClusterRow, DocRow, PairRow};

    fn doc(id: &str, date: &str, outlet: &str) -> DocRow {
        let text = format!("text of {id}");
        DocRow {
            doc_id: id.into(),
            date: date.into(),
            outlet: outlet.into(),
            chars: text.chars().count() as u64,
            text,
            ..DocRow::default()
        }
    }

    #[test]
    fn heat_map_keeps_the_documents_that_matter() {
        let n = 70;
        let ids: Vec<String> = (0..n).map(|i| format!("d{i:03}")).collect();
        let mut m = Matrix::zeros(ids);
        for i in 0..n {
            m.set(i, i, 1.0);
        }
        // Only d065 and d066 resemble each other.
        m.set(65, 66, 0.9);
        m.set(66, 65, 0.9);
        let r = Results { similarity: Some(m.clone()), ..Results::default() };
        let h = heat_map("similarity", "S", &m, &HashMap::new(), &r, &[], false);
        assert_eq!(h.total, 70);
        assert_eq!(h.docs.len(), MAX_HEAT);
        let ids: Vec<&str> = h
            .docs
            .iter()
            .map(|d| match d {
                HeatDoc::Unknown(id) => id.as_str(),
                HeatDoc::Known(_) => "",
            })
            .collect();
        assert!(ids.contains(&"d065") && ids.contains(&"d066"), "{ids:?}");
        let p = ids.iter().position(|i| *i == "d065").unwrap();
        assert_eq!(h.v[p * MAX_HEAT + p + 1], Some(0.9));
    }

    fn cluster_fixture() -> Results {
        Results {
            documents: vec![
                doc("a", "2018-03-02", "X"),
                doc("b", "2018-03-01", "Y"),
                doc("c", "", "Z"),
                doc("lonely", "", "Z"),
            ],
            pairs: ["a", "b"]
                .iter()
                .map(|other| PairRow {
                    doc_a: other.to_string(),
                    doc_b: "c".into(),
                    jaccard: Some(1.0),
                    likely_source: "c".into(),
                    cluster: Some(4),
                    ..PairRow::default()
                })
                .collect(),
            clusters: ["a", "b", "c"]
                .iter()
                .map(|id| ClusterRow {
                    cluster: 4,
                    doc_id: id.to_string(),
                    representative: "a".into(),
                    size: 3,
                })
                .collect(),
            ..Results::default()
        }
    }

    #[test]
    fn groups_name_the_likely_original_and_order_copies_by_date() {
        let r = cluster_fixture();
        let p = build(&r, &OutputOptions::default()).unwrap();
        assert_eq!(p.groups.len(), 1);
        // c was named the source twice; members earliest first, undated last.
        assert_eq!(p.groups[0], (4, 2, vec![1, 0, 2], 2));
    }

    #[test]
    fn whole_texts_only_for_documents_a_view_shows() {
        let r = cluster_fixture();
        let p = build(&r, &OutputOptions::default()).unwrap();
        // Both pairs are identical copies: one text each is enough (a and
        // b); c is shown from either; the document in no pair has none.
        let with: Vec<usize> = p.x.iter().map(|(d, _)| *d).collect();
        assert_eq!(with, vec![0, 1]);
        assert!(!p.cut);
    }

    #[test]
    fn budgets_leave_texts_out_and_say_so() {
        let mut r = cluster_fixture();
        let big = "word ".repeat(TEXT_BUDGET / 5 + 1);
        r.documents[1].chars = big.chars().count() as u64;
        r.documents[1].text = big;
        let p = build(&r, &OutputOptions::default()).unwrap();
        let with: Vec<usize> = p.x.iter().map(|(d, _)| *d).collect();
        assert_eq!(with, vec![0], "the text over the budget is left out");
        assert!(p.cut);
    }

    #[test]
    fn views_follow_the_pairs_table_and_the_rewrites_in_turn() {
        // (a, b, jaccard, .., passages, shared words, .., verdict)
        let pair = |j: f64, n: u64, sw: u64, v: usize| -> Pair {
            (0, 1, Some(j), None, None, n, sw, 0, None, 0, v, None, None, None)
        };
        let near = 7;
        let pairs = vec![
            pair(0.2, 1, 300, 1), // the strongest rewrite
            pair(1.0, 1, 900, near),
            pair(0.9, 1, 800, near),
            pair(0.3, 1, 100, 1),
            pair(0.1, 0, 0, 2),
        ];
        assert_eq!(view_order(&pairs, Some(near)), vec![1, 0, 2, 3, 4]);
    }

    #[test]
    fn excerpts_are_merged_and_cut_on_code_points() {
        let mut r = Results { documents: vec![doc("a", "", "")], ..Results::default() };
        r.documents[0].text = "ééé abc déf ghi".into();
        let mut t = Texts::new(&r);
        assert!(t.excerpt(0, 4, 7));
        assert!(t.excerpt(0, 6, 11));
        assert!(t.excerpt(0, 12, 15));
        let (x, xf, cut) = t.finish().unwrap();
        assert!(x.is_empty() && !cut);
        assert_eq!(xf, vec![(0, vec![(4, "abc déf".to_string()), (12, "ghi".to_string())])]);
    }
}
