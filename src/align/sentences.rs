//! Sentence support: a low-density passage is checked sentence by sentence.
//!
//! Input: a refined span pair (token ranges in A and B) and the document
//! [`Pair`]. Output: the parts of the span in which every sentence of
//! reasonable length is retold on the other side.
//!
//! Invariant: the parts lie inside the input span, in order, and do not
//! overlap; a span whose sentences are all supported comes back unchanged.
//!
//! Why: the span similarity of [`super::refine`] is a bag-of-words share,
//! and two articles on the same story share their topic words everywhere,
//! so the longer the spans, the more of their words find a partner. A
//! rewrite of a whole article then chains into one long passage that also
//! swallows paragraphs the other article never tells. Sentences are the
//! unit rewriters keep: a sentence is supported when, weighing words by how
//! few sentences of the two documents use them (topic words weigh little),
//! enough of it is found in one sentence, or two neighbouring sentences, of
//! the other span.

use std::ops::Range;

use super::pair::{IdSet, Pair, Side};

/// Sentences with fewer content words than this neither support nor break
/// a passage (titles, datelines, fragments): too short to judge.
pub(crate) const MIN_SENTENCE_WORDS: usize = 6;

/// Share of a sentence's weighted content words that must be found in one
/// window of the other span (measured on the seeds and ExAra).
pub(crate) const MIN_SUPPORT: f64 = 0.3;

/// Sentence-frequency weights of the content keys of one document pair,
/// by key number (see [`Pair`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct SentenceWeights {
    idf: Vec<f64>,
}

impl SentenceWeights {
    /// Weights over the sentences of both documents: `ln(N / sf)`, where
    /// `sf` counts the sentences (of either document) holding the key; 0
    /// for a key no sentence holds as a content word.
    pub(crate) fn new(p: &Pair) -> SentenceWeights {
        let mut sf = vec![0u32; p.n_ids];
        // The sentence (numbered from 1 over both documents) that last
        // counted each key: a key counts once per sentence.
        let mut last = vec![0u32; p.n_ids];
        let mut n = 0u32;
        for d in [&p.a, &p.b] {
            for r in sentence_ranges(d, 0..d.len()) {
                n += 1;
                for i in r.filter(|&i| d.weight(i) > 0.0) {
                    let id = d.id(i) as usize;
                    if last[id] != n {
                        last[id] = n;
                        sf[id] += 1;
                    }
                }
            }
        }
        let idf = sf
            .into_iter()
            .map(|c| if c == 0 { 0.0 } else { (f64::from(n) / f64::from(c)).ln().max(0.0) })
            .collect();
        SentenceWeights { idf }
    }

    fn weight(&self, d: &Side, i: usize) -> f64 {
        d.weight(i) * self.idf.get(d.id(i) as usize).copied().unwrap_or(0.0)
    }
}

/// Token ranges of the sentences of `d`, clipped to `r`.
pub(crate) fn sentence_ranges(d: &Side, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = r.start;
    for i in r.clone() {
        if i > start && d.sentence(i) != d.sentence(i - 1) {
            out.push(start..i);
            start = i;
        }
    }
    if start < r.end {
        out.push(start..r.end);
    }
    out
}

pub(crate) fn content_words(d: &Side, r: &Range<usize>) -> usize {
    r.clone().filter(|&i| d.weight(i) > 0.0).count()
}

/// One sentence, prepared for support tests against the other document:
/// its pair-weighted content keys, and its keys as a sorted bag.
///
/// Why precomputed: the sentence pass tests every sentence of one document
/// against every sentence of the other, and building hash sets inside that
/// double loop was the largest cost of `parallax run`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Profile {
    /// Sum of the pair weights of all the sentence's tokens.
    total: f64,
    /// Each key's first occurrence, in text order, with its pair weight
    /// (the order fixes the float sum, so results do not depend on hashing).
    uniq: Vec<(u32, f64)>,
    /// The key numbers of the tokens with a content weight, sorted and
    /// unique.
    bag: Vec<u32>,
}

impl Profile {
    /// The profile of sentence `s` of `d` under the pair weights `w`.
    pub(crate) fn new(pair: &Pair, d: &Side, s: &Range<usize>, w: &SentenceWeights) -> Profile {
        let mut seen = IdSet::new(pair.n_ids);
        let mut p = Profile::default();
        for i in s.clone() {
            let k = d.id(i);
            let wt = w.weight(d, i);
            p.total += wt;
            if d.weight(i) > 0.0 {
                p.bag.push(k);
            }
            if seen.insert(k) {
                p.uniq.push((k, wt));
            }
        }
        p.bag.sort_unstable();
        p.bag.dedup();
        p
    }

    /// Profiles of every range in `ranges`.
    pub(crate) fn all(
        pair: &Pair,
        d: &Side,
        ranges: &[Range<usize>],
        w: &SentenceWeights,
    ) -> Vec<Profile> {
        ranges.iter().map(|r| Profile::new(pair, d, r, w)).collect()
    }

    /// Weighted share of this sentence found in the union of `bags`.
    pub(crate) fn share(&self, bags: &[&Profile]) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let mut hit = 0.0;
        for &(k, wt) in &self.uniq {
            if bags.iter().any(|b| b.bag.binary_search(&k).is_ok()) {
                hit += wt;
            }
        }
        hit / self.total
    }
}

/// Which of a set of sentences hold each content key: an inverted index,
/// so that one sentence's share in every sentence of the other document
/// costs a lookup per key rather than a search per key and sentence.
pub(crate) struct Holders {
    /// `(key number, position in the set)`, sorted.
    pairs: Vec<(u32, u32)>,
    len: usize,
}

impl Holders {
    /// Indexes the bags of `profiles[i]` for each `i` in `which`.
    pub(crate) fn new(profiles: &[Profile], which: &[usize]) -> Holders {
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (pos, &i) in which.iter().enumerate() {
            pairs.extend(profiles[i].bag.iter().map(|&k| (k, pos as u32)));
        }
        pairs.sort_unstable();
        Holders { pairs, len: which.len() }
    }

    /// `out[pos]` = `s.share(&[sentence at pos])` for every indexed
    /// sentence. The same sums in the same order as [`Profile::share`]
    /// (keys in text order), so the values are bit for bit the same.
    pub(crate) fn shares(&self, s: &Profile, out: &mut [f64]) {
        out[..self.len].fill(0.0);
        if s.total <= 0.0 {
            return;
        }
        for &(k, wt) in &s.uniq {
            let from = self.pairs.partition_point(|&(x, _)| x < k);
            for &(_, pos) in self.pairs[from..].iter().take_while(|&&(x, _)| x == k) {
                out[pos as usize] += wt;
            }
        }
        for v in &mut out[..self.len] {
            *v /= s.total;
        }
    }
}

/// Best share of sentence `s` found in one sentence or two neighbouring
/// sentences of `others` (sentences of the other document), at most 1.
pub(crate) fn support(s: &Profile, others: &[Profile]) -> f64 {
    let mut best: f64 = 0.0;
    for (m, bag) in others.iter().enumerate() {
        best = best.max(s.share(&[bag]));
        if let Some(next) = others.get(m + 1) {
            best = best.max(s.share(&[bag, next]));
        }
    }
    best.min(1.0)
}

/// Splits `r` (a span of `d`) at its sentences that are long enough and
/// not supported by the sentences of `other_r` in `o`. Returns `r` itself
/// when every sentence is supported; parts with no supported sentence are
/// dropped.
pub(crate) fn split_unsupported(
    pair: &Pair,
    d: &Side,
    r: Range<usize>,
    o: &Side,
    other_r: Range<usize>,
    w: &SentenceWeights,
) -> Vec<Range<usize>> {
    let mine = sentence_ranges(d, r.clone());
    let others = Profile::all(pair, o, &sentence_ranges(o, other_r), w);
    let mut parts = Vec::new();
    let mut cur: Option<(Range<usize>, bool)> = None;
    let mut broke = false;
    for s in mine {
        let judged = content_words(d, &s) >= MIN_SENTENCE_WORDS;
        let ok = judged && support(&Profile::new(pair, d, &s, w), &others) >= MIN_SUPPORT;
        if judged && !ok {
            broke = true;
            if let Some((p, true)) = cur.take() {
                parts.push(p);
            }
            continue;
        }
        cur = Some(match cur.take() {
            Some((p, sup)) => (p.start..s.end, sup || ok),
            None => (s.clone(), ok),
        });
    }
    if let Some((p, true)) = cur {
        parts.push(p);
    }
    if broke {
        parts
    } else {
        vec![r]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignDoc;
    use crate::normalize::Normalizer;

    fn doc(t: &str) -> AlignDoc {
        AlignDoc::new(&Normalizer::default().normalize(t))
    }

    /// The inverted shares are the direct ones, bit for bit, on every
    /// sentence pair of the five seed articles.
    #[test]
    fn holders_give_the_shares_bit_for_bit() {
        let docs: Vec<AlignDoc> = crate::seeds::SEEDS
            .iter()
            .map(|(_, bytes)| doc(&String::from_utf8_lossy(bytes)))
            .collect();
        let mut pairs_checked = 0;
        for a in &docs {
            for b in &docs {
                let p = Pair::new(a, b);
                let w = SentenceWeights::new(&p);
                let pa = Profile::all(&p, &p.a, &sentence_ranges(&p.a, 0..a.len()), &w);
                let pb = Profile::all(&p, &p.b, &sentence_ranges(&p.b, 0..b.len()), &w);
                let which: Vec<usize> = (0..pb.len()).filter(|y| y % 3 != 1).collect();
                let holders = Holders::new(&pb, &which);
                let mut out = vec![f64::NAN; which.len()];
                for x in &pa {
                    holders.shares(x, &mut out);
                    for (pos, &y) in which.iter().enumerate() {
                        assert_eq!(out[pos].to_bits(), x.share(&[&pb[y]]).to_bits());
                        pairs_checked += 1;
                    }
                }
            }
        }
        assert!(pairs_checked > 1000, "{pairs_checked}");
    }

    const RETOLD_A: &str = "أعلن سفير الجزائر في واشنطن عن قرب انطلاق مباحثات استراتيجية بين البلدين لتعزيز التعاون الدفاعي.";
    const RETOLD_B: &str = "كشف سفير الجزائر لدى الولايات المتحدة عن تقدم المباحثات الاستراتيجية مع واشنطن لتعزيز التعاون الدفاعي.";
    const ONLY_A: &str = "وفي عهدته الأولى تبنى ترامب مواقف داعمة للمغرب في قضية الصحراء الغربية وأثر ذلك سلبا على العلاقات.";
    const FILLER: &str = "وتشمل المباحثات تبادل المعلومات الاستخباراتية البحرية وإبرام صفقات تسليحية جديدة في منطقة الساحل.";

    #[test]
    fn sentences_are_clipped_to_the_range() {
        let d = doc(&format!("{RETOLD_A} {ONLY_A}"));
        let p = Pair::new(&d, &d);
        let all = sentence_ranges(&p.a, 0..d.len());
        assert_eq!(all.len(), 2);
        let clipped = sentence_ranges(&p.a, 3..all[1].start + 2);
        assert_eq!(clipped, vec![3..all[1].start, all[1].start..all[1].start + 2]);
    }

    #[test]
    fn an_untold_sentence_splits_the_span() {
        let a = doc(&format!("{RETOLD_A} {ONLY_A} {FILLER}"));
        let b = doc(&format!("{RETOLD_B} {FILLER}"));
        let p = Pair::new(&a, &b);
        let w = SentenceWeights::new(&p);
        let sa = sentence_ranges(&p.a, 0..a.len());
        let parts = split_unsupported(&p, &p.a, 0..a.len(), &p.b, 0..b.len(), &w);
        assert_eq!(parts, vec![sa[0].clone(), sa[2].clone()]);
        // Everything supported: the span comes back whole.
        let c = doc(&format!("{RETOLD_B} {FILLER}"));
        let p = Pair::new(&c, &b);
        let w = SentenceWeights::new(&p);
        assert_eq!(split_unsupported(&p, &p.a, 0..c.len(), &p.b, 0..b.len(), &w), vec![0..c.len()]);
    }
}
