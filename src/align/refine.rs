//! Refinement: seed groups become passages.
//!
//! Input: seed groups from [`super::chain`]. Output: token spans on both
//! sides with their similarity, sorted by A, non-overlapping on each side.
//!
//! Invariant: a span starts and ends on a content word found on the other
//! side, is at least `min_words` long on both sides, and at least
//! `min_density` of its weighted content words occur in the other span.
//!
//! Boundaries come from an order-free local alignment: along each side, a
//! word found in the other span scores its weight, an unmatched content
//! word costs `trim_penalty` times its weight, and the best-scoring stretch
//! (maximum subarray) is kept. Sides are trimmed in turn until stable,
//! because trimming one side changes what the other side can match.

use std::cell::OnceCell;
use std::ops::Range;

use super::chain::Group;
use super::pair::{IdSet, Pair, Side};
use super::sentences::{
    content_words, sentence_ranges, split_unsupported, support, Holders, Profile, SentenceWeights,
    MIN_SENTENCE_WORDS, MIN_SUPPORT,
};
use super::AlignOptions;

/// A refined passage in token indices.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub score: f64,
}

/// Refines every group, merges neighbours, resolves overlaps.
pub(crate) fn refine_groups(p: &Pair, groups: &[Group], opts: &AlignOptions) -> Vec<Span> {
    let cx = Ctx::new(p, opts);
    let mut spans: Vec<Span> = Vec::new();
    for g in groups {
        refine_group(&cx, g, opts.max_gap.max(1) as u32, &mut spans);
    }
    spans.extend(cx.sentence_pass());
    spans = merge_neighbours(&cx, spans);
    spans = spans.into_iter().flat_map(|s| cx.own_counterparts(s)).collect();
    spans.retain(|s| s.a.len() >= opts.min_words && s.b.len() >= opts.min_words);
    resolve_overlaps(&cx, spans)
}

/// A document's sentences (token ranges) and their profiles.
type Sentences = (Vec<Range<usize>>, Vec<Profile>);

/// What every refinement step of one pair needs.
struct Ctx<'a> {
    p: &'a Pair<'a>,
    w: SentenceWeights,
    opts: &'a AlignOptions,
    /// Sentences of A and B with their profiles, made when first needed.
    sent: [OnceCell<Sentences>; 2],
}

impl<'a> Ctx<'a> {
    fn new(p: &'a Pair<'a>, opts: &'a AlignOptions) -> Ctx<'a> {
        Ctx { p, w: SentenceWeights::new(p), opts, sent: Default::default() }
    }

    /// The span pair, if dense enough, split at sentences one side does
    /// not retell (see [`super::sentences`]); each part trimmed again.
    fn accept(&self, s: Span, out: &mut Vec<Span>) {
        let (p, opts) = (self.p, self.opts);
        if s.score < opts.min_density {
            return;
        }
        if s.score >= SENTENCE_CHECK_BELOW {
            out.push(s);
            return;
        }
        for pa in split_unsupported(p, &p.a, s.a.clone(), &p.b, s.b.clone(), &self.w) {
            let whole_a = pa == s.a;
            let Some(t) = (if whole_a { Some(s.clone()) } else { trim(p, pa, s.b.clone(), opts) })
            else {
                continue;
            };
            for pb in split_unsupported(p, &p.b, t.b.clone(), &p.a, t.a.clone(), &self.w) {
                let part = if pb == t.b { Some(t.clone()) } else { trim(p, t.a.clone(), pb, opts) };
                if let Some(part) = part {
                    if part.score >= opts.min_density {
                        out.push(part);
                    }
                }
            }
        }
    }

    /// Passages made of retold sentences: pairs of sentences (one per
    /// document) that each find at least [`PAIR_SUPPORT`] of the other's
    /// weighted words, chained while both sides move on by at most one
    /// sentence. This catches paraphrase whose bag-of-words density is
    /// below `min_density` (synonyms, reordered clauses), so such passages
    /// may score under it, down to [`SENTENCE_PASSAGE_DENSITY`].
    fn sentence_pass(&self) -> Vec<Span> {
        let (p, a, b) = (self.p, &self.p.a, &self.p.b);
        let (sa, pa) = self.sentences(true);
        let (sb, pb) = self.sentences(false);
        let judged = |d: &Side, r: &Range<usize>| content_words(d, r) >= MIN_SENTENCE_WORDS;
        let ja: Vec<usize> = (0..sa.len()).filter(|&x| judged(a, &sa[x])).collect();
        let jb: Vec<usize> = (0..sb.len()).filter(|&y| judged(b, &sb[y])).collect();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let holders = Holders::new(pb, &jb);
        let mut fwds = vec![0.0; jb.len()];
        for &x in &ja {
            let mut best: Option<(f64, usize)> = None;
            holders.shares(&pa[x], &mut fwds);
            for (&y, &fwd) in jb.iter().zip(&fwds) {
                let fwd = fwd.min(1.0);
                // Most sentence pairs share next to nothing: the reverse
                // share is computed only where the forward one can pass.
                if fwd < PAIR_FLOOR {
                    continue;
                }
                let rev = pb[y].share(&[&pa[x]]).min(1.0);
                // Both ways (a short sentence inside a long one is not a
                // retelling), geometric mean so one weak side can be offset.
                let sc = if fwd.min(rev) >= PAIR_FLOOR { (fwd * rev).sqrt() } else { 0.0 };
                if sc >= PAIR_SUPPORT && best.is_none_or(|(b, _)| sc > b) {
                    best = Some((sc, y));
                }
            }
            if let Some((_, y)) = best {
                pairs.push((x, y));
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < pairs.len() {
            let (x0, y0) = pairs[i];
            let (mut x1, mut ylo, mut yhi) = (x0, y0, y0);
            let mut j = i + 1;
            while let Some(&(x, y)) = pairs.get(j) {
                if x > x1 + 1 || y + 1 < ylo || y > yhi + 1 {
                    break;
                }
                x1 = x;
                ylo = ylo.min(y);
                yhi = yhi.max(y);
                j += 1;
            }
            i = j;
            let (Some(fa), Some(la), Some(fb), Some(lb)) =
                (sa.get(x0), sa.get(x1), sb.get(ylo), sb.get(yhi))
            else {
                continue;
            };
            let (ra, rb) = (fa.start..la.end, fb.start..lb.end);
            let na = edge_trim(a, ra.clone(), &p.bag(b, rb.clone()));
            let nb = edge_trim(b, rb, &p.bag(a, ra));
            if let (Some(na), Some(nb)) = (na, nb) {
                let score = similarity(p, na.clone(), nb.clone());
                if score >= SENTENCE_PASSAGE_DENSITY {
                    out.push(Span { a: na, b: nb, score });
                }
            }
        }
        out
    }

    /// `s` without the sentences at its edges that the other document
    /// retells better outside the span than the span does: each sentence
    /// goes to its best counterpart. A sentence is given up when, beyond
    /// `merge_gap` words of the other span, one sentence or two
    /// neighbouring ones find at least [`MIN_SUPPORT`] of it and
    /// [`COUNTERPART_MARGIN`] more than the other span does; the rest is
    /// trimmed again, and when it no longer passes as a whole it is judged
    /// like any candidate (split at sentences the other side does not
    /// retell; nothing left when it is not dense enough: it was mostly the
    /// wrong counterpart). The sentence's own counterpart may make its own
    /// passage.
    ///
    /// Why only the edges: a passage drifts into a neighbouring paragraph
    /// of the other document at its ends (chaining bridges the gap on topic
    /// words: the ambassador, the capital), which gave that sentence to the
    /// wrong counterpart while its own, paraphrased one was left out.
    /// Cutting sentences out of the middle too broke shuffled rewrites into
    /// fragments (ExAra hold-out plagdet 0.897 → 0.885, granularity 1.04 →
    /// 1.06).
    fn own_counterparts(&self, mut s: Span) -> Vec<Span> {
        let (p, opts) = (self.p, self.opts);
        for _ in 0..MAX_EDGE_CUTS {
            let Some((ra, rb)) = [true, false].into_iter().find_map(|on_a| self.edge_cut(&s, on_a))
            else {
                break;
            };
            match trim(p, ra, rb, opts) {
                Some(t) if self.passes(&t) => s = t,
                Some(t) => {
                    let mut parts = Vec::new();
                    self.accept(t, &mut parts);
                    return parts;
                }
                None => return Vec::new(),
            }
        }
        vec![s]
    }

    /// The spans of `s` without its first or last sentence on side A
    /// (`on_a`) or B, when that sentence has a better counterpart outside
    /// `s` (see [`Ctx::own_counterparts`]).
    fn edge_cut(&self, s: &Span, on_a: bool) -> Option<(Range<usize>, Range<usize>)> {
        let p = self.p;
        let (mine, other) = if on_a { (&p.a, &p.b) } else { (&p.b, &p.a) };
        let (here, there) = if on_a { (&s.a, &s.b) } else { (&s.b, &s.a) };
        let sentences = sentence_ranges(mine, here.clone());
        if sentences.len() < 2 {
            return None;
        }
        // The other span's sentences, made only when an edge sentence is long
        // enough to judge.
        let mut inside: Option<Vec<Profile>> = None;
        // The other document's sentences beyond `merge_gap` of its span: a
        // counterpart nearer than that is the same passage reordered.
        let (all, profiles) = self.sentences(!on_a);
        let gap = self.opts.merge_gap;
        let before = all.partition_point(|r| r.end + gap <= there.start);
        let after = all.partition_point(|r| r.start < there.end + gap);
        let (before, after) = (&profiles[..before], &profiles[after.max(before)..]);
        for (first, x) in [(true, &sentences[0]), (false, &sentences[sentences.len() - 1])] {
            if content_words(mine, x) < MIN_SENTENCE_WORDS {
                continue;
            }
            let prof = Profile::new(p, mine, x, &self.w);
            let inside = inside.get_or_insert_with(|| {
                Profile::all(p, other, &sentence_ranges(other, there.clone()), &self.w)
            });
            let inner = support(&prof, inside);
            // Support is at most 1: a sentence retold this well inside
            // cannot be beaten (copies end here, without the search below).
            if inner + COUNTERPART_MARGIN >= 1.0 {
                continue;
            }
            let outer = support(&prof, before).max(support(&prof, after));
            if outer >= MIN_SUPPORT && outer > inner + COUNTERPART_MARGIN {
                let left = if first { x.end..here.end } else { here.start..x.start };
                return Some(if on_a { (left, s.b.clone()) } else { (s.a.clone(), left) });
            }
        }
        None
    }

    /// The sentences of document A (`on_a`) or B and their profiles,
    /// computed once per pair.
    fn sentences(&self, on_a: bool) -> &Sentences {
        let (cell, d) = if on_a { (&self.sent[0], &self.p.a) } else { (&self.sent[1], &self.p.b) };
        cell.get_or_init(|| {
            let ranges = sentence_ranges(d, 0..d.len());
            let profiles = Profile::all(self.p, d, &ranges, &self.w);
            (ranges, profiles)
        })
    }

    /// `s` without the tokens it shares on one side with `kept` (a
    /// stronger passage), trimmed again, if the overlap is at an edge of
    /// `s` and what is left is still a passage.
    ///
    /// Why: two passages of one pair that touch on one side only are two
    /// different counterparts for a few words at their boundary (a clause
    /// told once in one document, twice in the other); dropping the weaker
    /// passage whole lost text it alone aligns.
    fn yield_overlap(&self, kept: &Span, s: &Span) -> Option<Span> {
        let (p, opts) = (self.p, self.opts);
        let cut = |mine: &Range<usize>, theirs: &Range<usize>| {
            if theirs.start <= mine.start && theirs.end < mine.end {
                Some(theirs.end..mine.end)
            } else if theirs.end >= mine.end && theirs.start > mine.start {
                Some(mine.start..theirs.start)
            } else {
                None
            }
        };
        // Near on the other side too, the two are one passage told in two
        // pieces: the weaker one is left out as before (kept apart, it
        // would only fragment that passage).
        let t = if overlaps(&kept.a, &s.a) {
            if gap(&kept.b, &s.b) <= opts.merge_gap {
                return None;
            }
            trim(p, cut(&s.a, &kept.a)?, s.b.clone(), opts)?
        } else {
            if gap(&kept.a, &s.a) <= opts.merge_gap {
                return None;
            }
            trim(p, s.a.clone(), cut(&s.b, &kept.b)?, opts)?
        };
        self.passes(&t).then_some(t)
    }

    /// Long enough on both sides, dense enough, and (when not dense enough
    /// to skip the check) every judged sentence retold.
    fn passes(&self, t: &Span) -> bool {
        let opts = self.opts;
        t.a.len() >= opts.min_words
            && t.b.len() >= opts.min_words
            && t.score >= opts.min_density
            && self.sentences_hold(&t.a, &t.b, t.score)
    }

    /// True when every judged sentence of both spans is retold on the
    /// other side: a merge must not bridge an untold sentence.
    fn sentences_hold(&self, ra: &Range<usize>, rb: &Range<usize>, score: f64) -> bool {
        let (p, a, b) = (self.p, &self.p.a, &self.p.b);
        if score >= SENTENCE_CHECK_BELOW {
            return true;
        }
        split_unsupported(p, a, ra.clone(), b, rb.clone(), &self.w) == [ra.clone()]
            && split_unsupported(p, b, rb.clone(), a, ra.clone(), &self.w) == [rb.clone()]
    }
}

/// How much better (in sentence support) a counterpart outside a passage
/// must retell an edge sentence for the passage to give it up.
const COUNTERPART_MARGIN: f64 = 0.1;
/// Edge sentences one passage may give up.
const MAX_EDGE_CUTS: usize = 4;

/// Smallest gap a failing group is re-chained with.
const MIN_REGROUP_GAP: u32 = 4;

/// Refines one group; when it does not pass `min_density` (two rewrites of
/// one story chain into one long, diluted group), its seeds are chained
/// again with half the gap and each part is tried on its own.
fn refine_group(cx: &Ctx, g: &Group, gap: u32, out: &mut Vec<Span>) {
    let (p, opts) = (cx.p, cx.opts);
    if g.len() < 2 {
        return;
    }
    let bounds = |f: fn(&(u32, u32)) -> u32| {
        let lo = g.iter().map(f).min().unwrap_or(0) as usize;
        let hi = g.iter().map(f).max().unwrap_or(0) as usize + 1;
        lo..hi
    };
    if let Some(s) = trim(p, bounds(|s| s.0), bounds(|s| s.1), opts) {
        if s.score >= opts.min_density {
            cx.accept(s, out);
            return;
        }
    }
    if gap / 2 < MIN_REGROUP_GAP {
        return;
    }
    for part in super::chain::group_seeds(g.clone(), gap / 2) {
        refine_group(cx, &part, gap / 2, out);
    }
}

/// Trims both sides in turn until stable; `None` when nothing is left.
fn trim(p: &Pair, mut ra: Range<usize>, mut rb: Range<usize>, opts: &AlignOptions) -> Option<Span> {
    for _ in 0..4 {
        let na = best_stretch(&p.a, ra.clone(), &p.bag(&p.b, rb.clone()), opts.trim_penalty)?;
        let nb = best_stretch(&p.b, rb.clone(), &p.bag(&p.a, na.clone()), opts.trim_penalty)?;
        let stable = na == ra && nb == rb;
        ra = na;
        rb = nb;
        if stable {
            break;
        }
    }
    let score = similarity(p, ra.clone(), rb.clone());
    Some(Span { a: ra, b: rb, score })
}

/// Both sides of a sentence pair must find this share of each other's
/// (sentence-frequency weighted) words for the pair to seed a passage.
const PAIR_SUPPORT: f64 = 0.25;
/// Plain (unweighted) density a sentence-pair passage needs: below it,
/// on ExAra, they were mostly same-topic sentences, not reuse (measured:
/// 0.35 and 0.4 against none; 0.4 kept the seeds' paraphrased lead).
const SENTENCE_PASSAGE_DENSITY: f64 = 0.4;
/// Neither side of an accepted sentence pair may find less than this.
const PAIR_FLOOR: f64 = 0.2;
/// Passages at least this dense (word shuffles, light edits) are not
/// checked sentence by sentence: shuffling breaks sentences, and density
/// this high is not a topic-word effect.
const SENTENCE_CHECK_BELOW: f64 = 0.7;

/// `r` narrowed to its first and last content words found in `other`.
fn edge_trim(d: &Side, r: Range<usize>, other: &IdSet) -> Option<Range<usize>> {
    let hit = |i: &usize| d.weight(*i) > 0.0 && other.contains(d.id(*i));
    let start = r.clone().find(hit)?;
    let end = r.rev().find(hit)? + 1;
    Some(start..end)
}

/// Maximum-scoring stretch of `r` (matched words +w, unmatched content
/// words −penalty·w, stopwords 0); it starts and ends on matched words.
fn best_stretch(d: &Side, r: Range<usize>, other: &IdSet, penalty: f64) -> Option<Range<usize>> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut run = 0.0;
    let mut run_start = r.start;
    for i in r {
        let w = d.weight(i);
        if w <= 0.0 {
            continue;
        }
        let s = if other.contains(d.id(i)) { w } else { -penalty * w };
        if run <= 0.0 {
            if s <= 0.0 {
                continue;
            }
            run = 0.0;
            run_start = i;
        }
        run += s;
        if best.is_none_or(|(b, _, _)| run > b) {
            best = Some((run, run_start, i + 1));
        }
    }
    best.map(|(_, s, e)| s..e)
}

/// Weighted share of each side's content words found in the other span;
/// the smaller of the two.
fn similarity(p: &Pair, ra: Range<usize>, rb: Range<usize>) -> f64 {
    let side = |d: &Side, r: Range<usize>, other: &IdSet| {
        let (mut hit, mut all) = (0.0, 0.0);
        for i in r {
            let w = d.weight(i);
            all += w;
            if other.contains(d.id(i)) {
                hit += w;
            }
        }
        if all > 0.0 {
            hit / all
        } else {
            0.0
        }
    };
    let sa = side(&p.a, ra.clone(), &p.bag(&p.b, rb.clone()));
    let sb = side(&p.b, rb, &p.bag(&p.a, ra));
    sa.min(sb).clamp(0.0, 1.0)
}

fn gap(x: &Range<usize>, y: &Range<usize>) -> usize {
    // Zero when they overlap.
    y.start.saturating_sub(x.end).max(x.start.saturating_sub(y.end))
}

fn union(x: &Range<usize>, y: &Range<usize>) -> Range<usize> {
    x.start.min(y.start)..x.end.max(y.end)
}

/// Share of the weaker piece's score a merged span must keep.
const MERGE_KEEP: f64 = 0.8;

/// Merges spans close on both sides while the union stays similar enough:
/// a rewritten passage often breaks into pieces at a rewritten sentence.
fn merge_neighbours(cx: &Ctx, mut spans: Vec<Span>) -> Vec<Span> {
    let (p, opts) = (cx.p, cx.opts);
    spans.sort_by_key(|x| (x.a.start, x.b.start));
    loop {
        let mut merged_any = false;
        let mut i = 0;
        while i + 1 < spans.len() {
            let (x, y) = (&spans[i], &spans[i + 1]);
            // Same order on both sides (reordered sentences stay separate
            // passages) and close on both sides.
            if x.b.start <= y.b.start
                && gap(&x.a, &y.a) <= opts.merge_gap
                && gap(&x.b, &y.b) <= opts.merge_gap
            {
                let (ua, ub) = (union(&x.a, &y.a), union(&x.b, &y.b));
                let score = similarity(p, ua.clone(), ub.clone());
                // The union must not dilute the pieces: text between them
                // that is not shared on both sides lowers the score.
                let floor = opts.min_density.max(MERGE_KEEP * x.score.min(y.score));
                if score >= floor && cx.sentences_hold(&ua, &ub, score) {
                    spans[i] = Span { a: ua, b: ub, score };
                    spans.remove(i + 1);
                    merged_any = true;
                    continue;
                }
            }
            i += 1;
        }
        if !merged_any {
            return spans;
        }
    }
}

fn overlaps(x: &Range<usize>, y: &Range<usize>) -> bool {
    x.start < y.end && y.start < x.end
}

/// Keeps the strongest spans first; a span overlapping a kept one on both
/// sides is merged into it when the union stays similar, otherwise (and when
/// it overlaps on one side only) it is dropped.
fn resolve_overlaps(cx: &Ctx, mut spans: Vec<Span>) -> Vec<Span> {
    let (p, opts) = (cx.p, cx.opts);
    let strength = |s: &Span| s.score * s.a.len().min(s.b.len()) as f64;
    spans.sort_by(|x, y| {
        strength(y)
            .total_cmp(&strength(x))
            .then_with(|| (x.a.start, x.b.start).cmp(&(y.a.start, y.b.start)))
    });
    let mut kept: Vec<Span> = Vec::new();
    for s in spans {
        let clash: Vec<usize> = (0..kept.len())
            .filter(|&k| overlaps(&kept[k].a, &s.a) || overlaps(&kept[k].b, &s.b))
            .collect();
        match clash.as_slice() {
            [] => kept.push(s),
            [k] if overlaps(&kept[*k].a, &s.a) && overlaps(&kept[*k].b, &s.b) => {
                let (ua, ub) = (union(&kept[*k].a, &s.a), union(&kept[*k].b, &s.b));
                let others_clear = kept
                    .iter()
                    .enumerate()
                    .all(|(m, o)| m == *k || (!overlaps(&o.a, &ua) && !overlaps(&o.b, &ub)));
                let score = similarity(p, ua.clone(), ub.clone());
                if others_clear && score >= opts.min_density && cx.sentences_hold(&ua, &ub, score) {
                    kept[*k] = Span { a: ua, b: ub, score };
                }
            }
            [k] => {
                if let Some(t) = cx.yield_overlap(&kept[*k], &s) {
                    if kept.iter().all(|o| !overlaps(&o.a, &t.a) && !overlaps(&o.b, &t.b)) {
                        kept.push(t);
                    }
                }
            }
            _ => {}
        }
    }
    kept.sort_by_key(|x| (x.a.start, x.b.start));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignDoc;
    use crate::normalize::Normalizer;

    fn doc(t: &str) -> AlignDoc {
        AlignDoc::new(&Normalizer::default().normalize(t))
    }

    #[test]
    fn trimming_drops_unmatched_edges() {
        let a = doc("قطط كلاب جمال سفير جزائر واشنطن بوقادوم مباحثات");
        let b = doc("سفير جزائر واشنطن بوقادوم مباحثات خيول");
        let s = trim(&Pair::new(&a, &b), 0..8, 0..6, &AlignOptions::default()).unwrap();
        assert_eq!(s.a, 3..8);
        assert_eq!(s.b, 0..5);
        assert_eq!(s.score, 1.0);
    }

    #[test]
    fn similarity_ignores_stopwords_and_order() {
        let a = doc("في السفير من واشنطن إلى الجزائر");
        let b = doc("الجزائر واشنطن السفير");
        assert_eq!(similarity(&Pair::new(&a, &b), 0..6, 0..3), 1.0);
        let c = doc("الجزائر باريس السفير لندن");
        assert_eq!(similarity(&Pair::new(&a, &c), 0..6, 0..4), 0.5);
    }

    #[test]
    fn one_sided_overlap_keeps_the_stronger() {
        let a = doc("سفير جزائر واشنطن بوقادوم مباحثات");
        let b = doc("سفير جزائر واشنطن بوقادوم مباحثات");
        let strong = Span { a: 0..5, b: 0..5, score: 1.0 };
        let weak = Span { a: 2..4, b: 10..12, score: 1.0 };
        let opts = AlignOptions::default();
        let p = Pair::new(&a, &b);
        let cx = Ctx::new(&p, &opts);
        let kept = resolve_overlaps(&cx, vec![weak, strong.clone()]);
        assert_eq!(kept, vec![strong]);
    }
    #[test]
    fn a_weaker_passage_yields_a_one_sided_overlap() {
        // S1 is copied at the start of B, S2 at its end, far away. A
        // stronger passage that overran into S2's first words in A (as
        // chaining can) keeps them; the S2 passage loses only those words
        // instead of vanishing. Close on the other side, it would be one
        // passage in two pieces and is still left out.
        let s1 = "أعلن سفير الجزائر بواشنطن صبري بوقادوم عن قرب انطلاق مباحثات استراتيجية بين البلدين لتعزيز التعاون الدفاعي وتبادل المعلومات الاستخباراتية البحرية وإبرام صفقات تسليحية جديدة.";
        let s2 = "وفي الصحة، أطلقت الوزارة حملة وطنية للتلقيح ضد الحصبة تستهدف الأطفال دون سن الخامسة في جميع الولايات بمشاركة آلاف الممرضين.";
        let filler = "أما في الرياضة، فقد فاز المنتخب الوطني لكرة القدم على نظيره التونسي بهدفين نظيفين في مباراة ودية جرت مساء السبت بملعب الخامس من جويلية أمام جمهور غفير.";
        let a = doc(&format!("{s1} {s2}"));
        let b = doc(&format!("{s1} {filler} {filler} {filler} {s2}"));
        let p = Pair::new(&a, &b);
        let opts = AlignOptions::default();
        let cx = Ctx::new(&p, &opts);
        let n1 = doc(s1).len();
        let n2 = doc(s2).len();
        let (a2, b2) = (n1..n1 + n2, b.len() - n2..b.len());
        let strong = Span { a: 0..n1 + 3, b: 0..n1, score: 1.0 };
        let weak = Span { a: a2.clone(), b: b2.clone(), score: 1.0 };
        let kept = resolve_overlaps(&cx, vec![weak.clone(), strong.clone()]);
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert_eq!(kept[0], strong);
        assert_eq!(kept[1].a, n1 + 3..n1 + n2);
        assert_eq!(kept[1].b, b2.start + 3..b2.end);
        // The same overlap where S2 follows S1 in B too.
        let c = doc(&format!("{s1} {s2} {filler}"));
        let p = Pair::new(&a, &c);
        let cx = Ctx::new(&p, &opts);
        let near = Span { a: a2, b: n1..n1 + n2, score: 1.0 };
        assert_eq!(resolve_overlaps(&cx, vec![near, strong.clone()]), vec![strong]);
    }
}
