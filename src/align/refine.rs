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

use std::ops::Range;

use rustc_hash::FxHashSet;

use super::chain::Group;
use super::seeds::AlignDoc;
use super::AlignOptions;

/// A refined passage in token indices.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    pub a: Range<usize>,
    pub b: Range<usize>,
    pub score: f64,
}

/// Refines every group, merges neighbours, resolves overlaps.
pub(crate) fn refine_groups(
    a: &AlignDoc,
    b: &AlignDoc,
    groups: &[Group],
    opts: &AlignOptions,
) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for g in groups {
        refine_group(a, b, g, opts.max_gap.max(1) as u32, opts, &mut spans);
    }
    spans = merge_neighbours(a, b, spans, opts);
    spans.retain(|s| s.a.len() >= opts.min_words && s.b.len() >= opts.min_words);
    resolve_overlaps(a, b, spans, opts)
}

/// Smallest gap a failing group is re-chained with.
const MIN_REGROUP_GAP: u32 = 4;

/// Refines one group; when it does not pass `min_density` (two rewrites of
/// one story chain into one long, diluted group), its seeds are chained
/// again with half the gap and each part is tried on its own.
fn refine_group(
    a: &AlignDoc,
    b: &AlignDoc,
    g: &Group,
    gap: u32,
    opts: &AlignOptions,
    out: &mut Vec<Span>,
) {
    if g.len() < 2 {
        return;
    }
    let bounds = |f: fn(&(u32, u32)) -> u32| {
        let lo = g.iter().map(f).min().unwrap_or(0) as usize;
        let hi = g.iter().map(f).max().unwrap_or(0) as usize + 1;
        lo..hi
    };
    if let Some(s) = trim(a, b, bounds(|p| p.0), bounds(|p| p.1), opts) {
        if s.score >= opts.min_density {
            out.push(s);
            return;
        }
    }
    if gap / 2 < MIN_REGROUP_GAP {
        return;
    }
    for part in super::chain::group_seeds(g.clone(), gap / 2) {
        refine_group(a, b, &part, gap / 2, opts, out);
    }
}

/// Trims both sides in turn until stable; `None` when nothing is left.
fn trim(
    a: &AlignDoc,
    b: &AlignDoc,
    mut ra: Range<usize>,
    mut rb: Range<usize>,
    opts: &AlignOptions,
) -> Option<Span> {
    for _ in 0..4 {
        let na = best_stretch(a, ra.clone(), &bag(b, rb.clone()), opts.trim_penalty)?;
        let nb = best_stretch(b, rb.clone(), &bag(a, na.clone()), opts.trim_penalty)?;
        let stable = na == ra && nb == rb;
        ra = na;
        rb = nb;
        if stable {
            break;
        }
    }
    let score = similarity(a, b, ra.clone(), rb.clone());
    Some(Span { a: ra, b: rb, score })
}

/// Content-word keys of `d` in `r`.
fn bag(d: &AlignDoc, r: Range<usize>) -> FxHashSet<u64> {
    r.filter(|&i| d.weight(i) > 0.0).map(|i| d.key(i)).collect()
}

/// Maximum-scoring stretch of `r` (matched words +w, unmatched content
/// words −penalty·w, stopwords 0); it starts and ends on matched words.
fn best_stretch(
    d: &AlignDoc,
    r: Range<usize>,
    other: &FxHashSet<u64>,
    penalty: f64,
) -> Option<Range<usize>> {
    let mut best: Option<(f64, usize, usize)> = None;
    let mut run = 0.0;
    let mut run_start = r.start;
    for i in r {
        let w = d.weight(i);
        if w <= 0.0 {
            continue;
        }
        let s = if other.contains(&d.key(i)) { w } else { -penalty * w };
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
fn similarity(a: &AlignDoc, b: &AlignDoc, ra: Range<usize>, rb: Range<usize>) -> f64 {
    let side = |d: &AlignDoc, r: Range<usize>, other: &FxHashSet<u64>| {
        let (mut hit, mut all) = (0.0, 0.0);
        for i in r {
            let w = d.weight(i);
            all += w;
            if other.contains(&d.key(i)) {
                hit += w;
            }
        }
        if all > 0.0 {
            hit / all
        } else {
            0.0
        }
    };
    let sa = side(a, ra.clone(), &bag(b, rb.clone()));
    let sb = side(b, rb, &bag(a, ra));
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
fn merge_neighbours(
    a: &AlignDoc,
    b: &AlignDoc,
    mut spans: Vec<Span>,
    opts: &AlignOptions,
) -> Vec<Span> {
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
                let score = similarity(a, b, ua.clone(), ub.clone());
                // The union must not dilute the pieces: text between them
                // that is not shared on both sides lowers the score.
                let floor = opts.min_density.max(MERGE_KEEP * x.score.min(y.score));
                if score >= floor {
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
fn resolve_overlaps(
    a: &AlignDoc,
    b: &AlignDoc,
    mut spans: Vec<Span>,
    opts: &AlignOptions,
) -> Vec<Span> {
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
                let score = similarity(a, b, ua.clone(), ub.clone());
                if others_clear && score >= opts.min_density {
                    kept[*k] = Span { a: ua, b: ub, score };
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
    use crate::normalize::Normalizer;

    fn doc(t: &str) -> AlignDoc {
        AlignDoc::new(&Normalizer::default().normalize(t))
    }

    #[test]
    fn trimming_drops_unmatched_edges() {
        let a = doc("قطط كلاب جمال سفير جزائر واشنطن بوقادوم مباحثات");
        let b = doc("سفير جزائر واشنطن بوقادوم مباحثات خيول");
        let s = trim(&a, &b, 0..8, 0..6, &AlignOptions::default()).unwrap();
        assert_eq!(s.a, 3..8);
        assert_eq!(s.b, 0..5);
        assert_eq!(s.score, 1.0);
    }

    #[test]
    fn similarity_ignores_stopwords_and_order() {
        let a = doc("في السفير من واشنطن إلى الجزائر");
        let b = doc("الجزائر واشنطن السفير");
        assert_eq!(similarity(&a, &b, 0..6, 0..3), 1.0);
        let c = doc("الجزائر باريس السفير لندن");
        assert_eq!(similarity(&a, &c, 0..6, 0..4), 0.5);
    }

    #[test]
    fn one_sided_overlap_keeps_the_stronger() {
        let a = doc("سفير جزائر واشنطن بوقادوم مباحثات");
        let b = doc("سفير جزائر واشنطن بوقادوم مباحثات");
        let strong = Span { a: 0..5, b: 0..5, score: 1.0 };
        let weak = Span { a: 2..4, b: 10..12, score: 1.0 };
        let kept = resolve_overlaps(&a, &b, vec![weak, strong.clone()], &AlignOptions::default());
        assert_eq!(kept, vec![strong]);
    }
}
