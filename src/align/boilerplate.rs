//! Recurrence: in how many documents of the corpus a passage's text occurs.
//!
//! Input: the aligned passages of every pair and the corpus' documents.
//! Output: per passage, the number of documents containing its text (as a
//! set of content-word bigrams, the keys alignment matches on), overall and
//! within one source. [`crate::classify`] turns these counts into the
//! boilerplate judgement (a byline, a newsletter footer, a wire background
//! paragraph, not a republication).
//!
//! Invariant: counts depend only on the passages' text and the corpus, not
//! on the order passages are given in.

use std::ops::Range;

use rayon::prelude::*;

use super::seeds::{grams_in, AlignDoc};
use super::Passage;
use crate::doc::DocId;
use crate::normalize::NormalizedDoc;

/// A document contains a passage's text when it holds at least this share
/// of the passage's probe bigrams (rewrapped or lightly edited footers
/// still count).
const CONTAINED_SHARE: f64 = 0.5;

/// How many of a passage's bigrams are looked up: the rarest ones. Boilerplate
/// recurs whole, so even its rarest bigrams are in many documents, while a
/// story's rarest bigrams are in few; probing them alone keeps the cost to
/// the length of a few short posting lists instead of every list of every
/// bigram (which is quadratic in the corpus for common bigrams).
pub const PROBES: usize = 16;

/// Which documents contain each content-word bigram. Build once per corpus.
#[derive(Clone, Debug)]
pub struct BoilerplateIndex<'a> {
    postings: Postings,
    docs: std::borrow::Cow<'a, [AlignDoc]>,
}

impl BoilerplateIndex<'static> {
    /// Indexes `docs` (`DocId(i)` is `docs[i]`).
    pub fn new(docs: &[NormalizedDoc]) -> BoilerplateIndex<'static> {
        let prepared: Vec<AlignDoc> = docs.iter().map(AlignDoc::new).collect();
        let postings = postings(&prepared);
        BoilerplateIndex { postings, docs: std::borrow::Cow::Owned(prepared) }
    }
}

impl<'a> BoilerplateIndex<'a> {
    /// Indexes documents already prepared for alignment (the pipeline has
    /// them): no second copy of every document's alignment view.
    pub fn from_align_docs(docs: &'a [AlignDoc]) -> BoilerplateIndex<'a> {
        BoilerplateIndex { postings: postings(docs), docs: std::borrow::Cow::Borrowed(docs) }
    }

    /// Number of indexed documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no document is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// How many documents contain the text of tokens `tokens` of `doc`
    /// (0 when `doc` is unknown or the span has no content bigram).
    pub fn doc_count(&self, doc: DocId, tokens: Range<usize>) -> usize {
        self.containing(doc, tokens).len()
    }

    /// The documents (ascending ids) that contain the text of tokens
    /// `tokens` of `doc`: those holding at least half of its rarest content
    /// bigrams. `doc` itself is among them; empty when `doc` is unknown or
    /// the span has no content bigram.
    pub fn containing(&self, doc: DocId, tokens: Range<usize>) -> Vec<u32> {
        let Some(ad) = self.docs.get(doc.index()) else { return Vec::new() };
        let hashes = span_bigrams(ad, tokens);
        let lists: Vec<&[u32]> = hashes.iter().map(|&h| self.postings.get(h)).collect();
        holding(lists)
    }

    /// How often each passage's text recurs (in parallel: each count
    /// depends on its passage alone). `source[i]` is the outlet (or any
    /// grouping of documents by publisher) of `DocId(i)`, `None` when
    /// unknown.
    ///
    /// A document counts when it contains the text of either side (a
    /// paraphrase's two sides are two texts; a lightly edited copy may hold
    /// fewer of the bigrams than the text it copies). A document aligned
    /// with several near-copies has the same span in each of their
    /// passages: each distinct span is looked up once.
    pub fn recurrence(
        &self,
        passages: &[(DocId, DocId, Passage)],
        source: &[Option<u32>],
    ) -> Vec<Recurrence> {
        let mut spans: Vec<(DocId, usize, usize)> = passages
            .iter()
            .flat_map(|(a, b, p)| {
                [(*a, p.a_tokens.start, p.a_tokens.end), (*b, p.b_tokens.start, p.b_tokens.end)]
            })
            .collect();
        spans.sort_unstable();
        spans.dedup();
        let found: Vec<Vec<u32>> =
            spans.par_iter().map(|&(d, s, e)| self.containing(d, s..e)).collect();
        let get = |q: (DocId, usize, usize)| {
            spans.binary_search(&q).map_or(&[][..], |i| found[i].as_slice())
        };
        let source_of = |d: u32| source.get(d as usize).copied().flatten();
        passages
            .par_iter()
            .map(|(a, b, p)| {
                let mut docs: Vec<u32> = get((*a, p.a_tokens.start, p.a_tokens.end)).to_vec();
                docs.extend_from_slice(get((*b, p.b_tokens.start, p.b_tokens.end)));
                docs.sort_unstable();
                docs.dedup();
                let sources: Vec<Option<u32>> = docs.iter().map(|&x| source_of(x)).collect();
                Recurrence::from_sources(&sources, source_of(a.0), source_of(b.0))
            })
            .collect()
    }
}

/// The content-word bigrams of tokens `tokens` of `ad`, as the recurrence
/// count looks them up: hashes, sorted, without repeats. Public so that a
/// distributed run builds the same postings ([`BoilerplateIndex`] keeps
/// every document's `span_bigrams(ad, 0..ad.len())`).
pub fn span_bigrams(ad: &AlignDoc, tokens: Range<usize>) -> Vec<u64> {
    let mut hashes: Vec<u64> = grams_in(ad, 2, tokens).into_iter().map(|g| g.0).collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// The documents (ascending) that contain a span, from the posting lists
/// (documents ascending) of its [`span_bigrams`]: those holding at least
/// half of its rarest bigrams; empty when it has none. The one rule of
/// [`BoilerplateIndex::containing`], public for a distributed run that
/// gathers the posting lists itself.
pub fn holding(mut lists: Vec<&[u32]>) -> Vec<u32> {
    if lists.is_empty() {
        return Vec::new();
    }
    // The rarest PROBES lists, ties broken by content so the choice does
    // not depend on hash order. Only which lists matters (their
    // documents are pooled and sorted below): select, no sort; the
    // order is total, so the selection is that of a full sort.
    if lists.len() > PROBES {
        let order = |x: &&[u32], y: &&[u32]| x.len().cmp(&y.len()).then_with(|| x.cmp(y));
        lists.select_nth_unstable_by(PROBES - 1, order);
        lists.truncate(PROBES);
    }
    let need = ((lists.len() as f64 * CONTAINED_SHARE).ceil() as usize).max(1);
    let mut all: Vec<u32> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    all.sort_unstable();
    all.chunk_by(|x, y| x == y).filter(|run| run.len() >= need).map(|run| run[0]).collect()
}

/// How often a passage's text recurs in the corpus.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Recurrence {
    /// Documents containing the text of either side (the pair's own
    /// included).
    pub docs: usize,
    /// Documents of one side's own source (outlet) containing it, the
    /// larger of the two sides; 0 when the sources are unknown.
    pub same_source: usize,
}

impl Recurrence {
    /// The recurrence of a passage from the sources of the documents that
    /// contain it (each document once, `None` when its source is unknown)
    /// and the sources of its two sides.
    pub fn from_sources<S: PartialEq>(
        docs: &[Option<S>],
        a: Option<S>,
        b: Option<S>,
    ) -> Recurrence {
        let in_source = |side: &Option<S>| match side {
            Some(src) => docs.iter().filter(|x| x.as_ref() == Some(src)).count(),
            None => 0,
        };
        Recurrence { docs: docs.len(), same_source: in_source(&a).max(in_source(&b)) }
    }
}

/// Top bits of a bigram hash that pick its bucket in the counting sort.
const BUCKET_BITS: u32 = 10;
/// Top bits of a bigram hash that index the lookup table: 2^20 slots for
/// the ~10^7 distinct bigrams of a large corpus leaves a handful of keys to
/// search per slot.
const SLOT_BITS: u32 = 20;

/// The documents holding each content-word bigram, as flat sorted arrays
/// (compressed sparse rows): `keys` ascending, the documents of `keys[i]`
/// at `docs[starts[i]..starts[i + 1]]`, ascending. A hash map with a vector
/// per bigram cost ten million small allocations on a 72k-article corpus
/// (about a second to build, another to free, and several hundred MB).
#[derive(Clone, Debug)]
struct Postings {
    keys: Vec<u64>,
    /// 32-bit: four billion postings would take some 50 GB to build.
    starts: Vec<u32>,
    docs: Vec<u32>,
    /// `slots[t]` is the first key whose top [`SLOT_BITS`] bits are `t`
    /// or more (`slots.len() == 2^SLOT_BITS + 1`).
    slots: Vec<usize>,
}

impl Postings {
    /// Documents (ascending) holding bigram `h`.
    fn get(&self, h: u64) -> &[u32] {
        let t = (h >> (64 - SLOT_BITS)) as usize;
        let (lo, hi) = (self.slots[t], self.slots[t + 1]);
        match self.keys[lo..hi].binary_search(&h) {
            Ok(i) => {
                let k = lo + i;
                &self.docs[self.starts[k] as usize..self.starts[k + 1] as usize]
            }
            Err(_) => &[],
        }
    }
}

/// The postings of every content-word bigram of `docs`.
fn postings(docs: &[AlignDoc]) -> Postings {
    let per_doc: Vec<Vec<u64>> = docs
        .par_iter()
        .map(|ad| {
            let mut hashes = span_bigrams(ad, 0..ad.len());
            // Held for every document at once: no room for the repeats.
            hashes.shrink_to_fit();
            hashes
        })
        .collect();
    // A counting sort by the top bits, documents in order, then each bucket
    // (a few hundred pairs) sorted on its own: the concatenation is sorted
    // by bigram, then document.
    let bucket = |h: u64| (h >> (64 - BUCKET_BITS)) as usize;
    let mut at = vec![0usize; (1 << BUCKET_BITS) + 1];
    for hashes in &per_doc {
        for &h in hashes {
            at[bucket(h) + 1] += 1;
        }
    }
    for b in 1..at.len() {
        at[b] += at[b - 1];
    }
    let bounds = at.clone();
    let total = bounds[bounds.len() - 1];
    // The bigrams and their documents in two arrays, 12 bytes a posting
    // instead of a padded 16-byte pair; the bigram array then becomes the
    // key array in place and the document array is kept as it is, so the
    // build never holds more than the per-document lists and these two.
    let mut hashes: Vec<u64> = vec![0; total];
    let mut docs_of: Vec<u32> = vec![0; total];
    for (d, hs) in per_doc.iter().enumerate() {
        for &h in hs {
            let slot = &mut at[bucket(h)];
            hashes[*slot] = h;
            docs_of[*slot] = d as u32;
            *slot += 1;
        }
    }
    drop(per_doc);
    let mut hash_rest: &mut [u64] = &mut hashes;
    let mut doc_rest: &mut [u32] = &mut docs_of;
    let mut buckets: Vec<(&mut [u64], &mut [u32])> = Vec::with_capacity(1 << BUCKET_BITS);
    for w in bounds.windows(2) {
        let (h, h_tail) = std::mem::take(&mut hash_rest).split_at_mut(w[1] - w[0]);
        let (d, d_tail) = std::mem::take(&mut doc_rest).split_at_mut(w[1] - w[0]);
        buckets.push((h, d));
        hash_rest = h_tail;
        doc_rest = d_tail;
    }
    buckets.par_iter_mut().for_each_init(Vec::new, |pairs: &mut Vec<(u64, u32)>, (h, d)| {
        pairs.clear();
        pairs.extend(h.iter().copied().zip(d.iter().copied()));
        pairs.sort_unstable();
        for (k, &(hk, dk)) in pairs.iter().enumerate() {
            h[k] = hk;
            d[k] = dk;
        }
    });
    drop(buckets);
    // Sorted by bigram, then document: each bigram's first posting starts
    // its run; the distinct bigrams are moved to the front.
    let start_of = |i: usize| u32::try_from(i).expect("fewer than 2^32 bigram postings");
    let mut starts: Vec<u32> = Vec::new();
    let mut keys_len = 0;
    for i in 0..total {
        let h = hashes[i];
        if keys_len == 0 || hashes[keys_len - 1] != h {
            hashes[keys_len] = h;
            keys_len += 1;
            starts.push(start_of(i));
        }
    }
    hashes.truncate(keys_len);
    hashes.shrink_to_fit();
    let keys = hashes;
    starts.push(start_of(total));
    let mut slots = Vec::with_capacity((1 << SLOT_BITS) + 1);
    let mut k = 0;
    for t in 0..=(1u64 << SLOT_BITS) {
        while k < keys.len() && (keys[k] >> (64 - SLOT_BITS)) < t {
            k += 1;
        }
        slots.push(k);
    }
    Postings { keys, starts, docs: docs_of, slots }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{align, AlignOptions};
    use crate::normalize::Normalizer;

    /// The flat postings list, for every bigram, the documents a plain
    /// map from bigram to documents lists (seeds and a few variants of
    /// them, so that bigrams are shared).
    #[test]
    fn postings_match_a_plain_map() {
        let n = Normalizer::default();
        let mut texts: Vec<String> = crate::seeds::SEEDS
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        texts.push(format!("{} {}", texts[0], texts[2]));
        texts.push(texts[1].chars().rev().collect());
        let docs: Vec<AlignDoc> = texts.iter().map(|t| AlignDoc::new(&n.normalize(t))).collect();
        let p = postings(&docs);
        let mut plain: std::collections::BTreeMap<u64, Vec<u32>> = Default::default();
        for (d, ad) in docs.iter().enumerate() {
            for (h, _) in grams_in(ad, 2, 0..ad.len()) {
                let list = plain.entry(h).or_default();
                if list.last() != Some(&(d as u32)) {
                    list.push(d as u32);
                }
            }
        }
        assert!(plain.len() > 500);
        assert_eq!(p.keys.len(), plain.len());
        assert!(plain.values().any(|l| l.len() > 2), "some bigrams are shared");
        for (h, list) in &plain {
            assert_eq!(p.get(*h), list.as_slice());
            assert!(p.get(h.wrapping_add(1)).is_empty() || plain.contains_key(&h.wrapping_add(1)));
        }
    }

    #[test]
    fn a_footer_shared_by_many_documents_is_counted() {
        let footer = "اشترك في نشرتنا الإخبارية اليومية لتصلك آخر الأخبار والتحليلات الحصرية مباشرة إلى بريدك الإلكتروني كل صباح مجانا ودون إعلانات مزعجة";
        let bodies = [
            "ارتفعت أسعار النفط العالمية بسبب توقعات الطلب الصيني وتراجع المخزونات",
            "فاز المنتخب الوطني لكرة القدم على نظيره التونسي بهدفين نظيفين",
            "افتتح الرئيس معرض الكتاب الدولي بمشاركة مئات الناشرين العرب والأجانب",
            "حذرت الأرصاد الجوية من موجة حر شديدة تضرب المناطق الجنوبية",
        ];
        let n = Normalizer::default();
        let mut docs: Vec<NormalizedDoc> =
            bodies.iter().map(|b| n.normalize(&format!("{b}.\n{footer}"))).collect();
        // A real republication between two of them, not shared by others.
        let story = "أعلن سفير الجزائر بواشنطن صبري بوقادوم عن قرب انطلاق مباحثات استراتيجية بين البلدين لتعزيز التعاون الدفاعي وتبادل المعلومات الاستخباراتية البحرية";
        docs.push(n.normalize(story));
        docs.push(n.normalize(&format!("قال مصدر: {story}")));
        let opts = AlignOptions::default();
        let mut items = Vec::new();
        for (i, j) in [(0usize, 1usize), (4, 5)] {
            for p in align(&docs[i], &docs[j], &opts) {
                items.push((DocId(i as u32), DocId(j as u32), p));
            }
        }
        assert_eq!(items.len(), 2, "{items:?}");
        // The same spans again, as a corpus of near-copies gives them.
        items.extend(items.clone());
        // Documents 0..3 from one outlet, except document 2.
        let source = [Some(7), Some(7), Some(8), Some(7), None, None];
        let index = BoilerplateIndex::new(&docs);
        let rec = index.recurrence(&items, &source);
        assert_eq!(rec[0], Recurrence { docs: 4, same_source: 3 }, "footer");
        assert_eq!(rec[1], Recurrence { docs: 2, same_source: 0 }, "story");
        assert_eq!(rec[..2], rec[2..4]);
        let (a, _, p) = &items[0];
        assert_eq!(index.containing(*a, p.a_tokens.clone()), vec![0, 1, 2, 3]);
        assert_eq!(index.doc_count(DocId(99), 0..3), 0);

        // A distributed run's way: posting lists gathered per bigram of the
        // span (from every document's `span_bigrams`), then `holding`;
        // source names compared instead of numbers.
        let prepared: Vec<AlignDoc> = docs.iter().map(AlignDoc::new).collect();
        let all: Vec<Vec<u64>> = prepared.iter().map(|d| span_bigrams(d, 0..d.len())).collect();
        for (a, b, p) in &items {
            let held = |d: DocId, tokens: Range<usize>| {
                let hashes = span_bigrams(&prepared[d.index()], tokens);
                let lists: Vec<Vec<u32>> = hashes
                    .iter()
                    .map(|h| {
                        (0..all.len() as u32).filter(|&x| all[x as usize].contains(h)).collect()
                    })
                    .collect();
                holding(lists.iter().map(Vec::as_slice).collect())
            };
            let (ha, hb) = (held(*a, p.a_tokens.clone()), held(*b, p.b_tokens.clone()));
            assert_eq!(ha, index.containing(*a, p.a_tokens.clone()));
            assert_eq!(hb, index.containing(*b, p.b_tokens.clone()));
            let mut both: Vec<u32> = ha.into_iter().chain(hb).collect();
            both.sort_unstable();
            both.dedup();
            let name = |d: u32| source[d as usize].map(|s| format!("outlet {s}"));
            let names: Vec<Option<String>> = both.iter().map(|&d| name(d)).collect();
            let by_name = Recurrence::from_sources(&names, name(a.0), name(b.0));
            assert_eq!(by_name, index.recurrence(&[(*a, *b, p.clone())], &source)[0]);
        }
        assert!(holding(Vec::new()).is_empty());
    }
}
