//! The evidence types: one [`Hit`] per lexicon match that counts, and the
//! per-document aggregates built from them ([`DocScores`]).
//!
//! Input: hits made by the scorer. Output: frame and stance scores.
//!
//! Invariant (the evidence-sum property): every number in [`DocScores`] is a
//! function of the hits alone, as documented on each field, so
//! `evidence.csv` rows reproduce `framing.csv` and `stance.csv` exactly.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

/// Who says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The article's own voice.
    Author,
    /// An attributed statement (قال، أكد، وبحسب، according to, selon ...)
    /// or words inside quotation marks.
    Quoted,
}

impl Voice {
    /// `author` or `quoted` (the `voice` column).
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::Quoted => "quoted",
        }
    }
}

/// One lexicon match that counts: a target mention, a frame term or a
/// polarity cue (a row of `evidence.csv`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// Sentence index in the document.
    pub sentence: u32,
    /// Byte offset of the match in the original text.
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
    /// The text as written.
    pub surface: String,
    /// The normalised forms of its tokens, space-separated.
    pub normalized: String,
    /// The lexicon term that matched, as written in the lexicon.
    pub entry: String,
    /// The entry's category (`target:usa`, `frame:security`, `polarity`).
    pub category: String,
    /// The entry's weight.
    pub weight: f64,
    /// What changed the contribution, e.g. `negated:لم`,
    /// `intensified:جدا×1.5`, `dampened:نسبيا×0.5`, `contrast:لكن×1.5`,
    /// `attributed:قال`, `quoted`.
    pub modifiers: Vec<String>,
    /// The target key: the mentioned actor for a mention, the actor a
    /// polarity cue is attached to (none when its sentence mentions no
    /// target).
    pub target: Option<String>,
    /// Polarity cue: whose act or state it is (a target key), when the
    /// role rules find one (the subject of أدانت روسيا، the owner of
    /// العقوبات الأمريكية).
    pub holder: Option<String>,
    /// Polarity cue: at whom it is directed (a target key), when found.
    pub object: Option<String>,
    /// Author or quoted.
    pub voice: Voice,
    /// Target mention: 1 (one mention). Frame term: 1 (one hit).
    /// Polarity cue: the signed weight after modifiers.
    pub contribution: f64,
    /// The tokens of the match in the [`NormalizedDoc`](crate::normalize::NormalizedDoc).
    pub token_range: Range<usize>,
}

impl Hit {
    /// The first level of the category after `kind:` (`frame:economy/energy`
    /// → `economy`), or `None` for `polarity`.
    pub fn key(&self) -> Option<&str> {
        category_key(&self.category)
    }

    /// True for a frame hit.
    pub fn is_frame(&self) -> bool {
        is_frame_category(&self.category)
    }

    /// True for a target mention.
    pub fn is_target(&self) -> bool {
        self.category.starts_with("target:")
    }

    /// True for a polarity cue.
    pub fn is_polarity(&self) -> bool {
        self.category == "polarity"
    }

    /// For a polarity cue about coordinated names («موسكو ودمشق», "Moscow
    /// and Damascus"), each name but the one the roles chose has a copy of
    /// its row: the target this row copies (`coordinated:<key>` in
    /// `modifiers`). A document's overall polarity counts the cue once.
    pub fn shared_from(&self) -> Option<&str> {
        self.modifiers.iter().find_map(|m| m.strip_prefix(SHARED_FROM))
    }
}

/// The modifier of a row copied for a coordinated name ([`Hit::shared_from`]).
pub(crate) const SHARED_FROM: &str = "coordinated:";

/// [`Hit::key`] of a category.
fn category_key(category: &str) -> Option<&str> {
    category.split_once(':').map(|(_, k)| k.split('/').next().unwrap_or(k).trim())
}

/// [`Hit::is_frame`] of a category.
fn is_frame_category(category: &str) -> bool {
    category.starts_with("frame:")
}

/// A document's hits, packed: their strings one after another in one
/// buffer and their numbers in a fixed-size record, about 170 bytes a hit
/// instead of the 430 of a [`Hit`] with its nine strings (a `run` over a
/// large corpus keeps every document's hits until its tables are written:
/// 1.4 million on the 72k-article news corpus). Read back with
/// [`HitList::get`] and [`HitList::iter`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HitList {
    hits: Vec<PackedHit>,
    /// Every string of every hit, in hit order.
    text: String,
    /// The end of each string in `text`.
    ends: Vec<u32>,
}

/// A [`Hit`]'s numbers; its strings are `ends[first..]`: surface,
/// normalized, entry, category, then the target, holder and object that
/// are present, then the modifiers.
#[derive(Clone, Debug, PartialEq)]
struct PackedHit {
    sentence: u32,
    start: u32,
    end: u32,
    tokens: (u32, u32),
    weight: f64,
    contribution: f64,
    first: u32,
    modifiers: u32,
    voice: Voice,
    /// Bit 0: target present; bit 1: holder; bit 2: object.
    present: u8,
}

/// One hit of a [`HitList`], its strings borrowed.
#[derive(Clone, Debug)]
pub struct HitRef<'a> {
    /// [`Hit::sentence`].
    pub sentence: u32,
    /// [`Hit::start`].
    pub start: usize,
    /// [`Hit::end`].
    pub end: usize,
    /// [`Hit::surface`].
    pub surface: &'a str,
    /// [`Hit::normalized`].
    pub normalized: &'a str,
    /// [`Hit::entry`].
    pub entry: &'a str,
    /// [`Hit::category`].
    pub category: &'a str,
    /// [`Hit::weight`].
    pub weight: f64,
    /// [`Hit::target`].
    pub target: Option<&'a str>,
    /// [`Hit::holder`].
    pub holder: Option<&'a str>,
    /// [`Hit::object`].
    pub object: Option<&'a str>,
    /// [`Hit::voice`].
    pub voice: Voice,
    /// [`Hit::contribution`].
    pub contribution: f64,
    /// [`Hit::token_range`].
    pub token_range: Range<usize>,
    list: &'a HitList,
    modifiers: Range<usize>,
}

impl<'a> HitRef<'a> {
    /// [`Hit::modifiers`], in order.
    pub fn modifiers(&self) -> impl ExactSizeIterator<Item = &'a str> + 'a {
        let list = self.list;
        self.modifiers.clone().map(move |k| list.string(k))
    }

    /// [`Hit::key`].
    pub fn key(&self) -> Option<&'a str> {
        category_key(self.category)
    }

    /// [`Hit::is_frame`].
    pub fn is_frame(&self) -> bool {
        is_frame_category(self.category)
    }

    /// The hit with owned strings.
    pub fn to_hit(&self) -> Hit {
        Hit {
            sentence: self.sentence,
            start: self.start,
            end: self.end,
            surface: self.surface.to_string(),
            normalized: self.normalized.to_string(),
            entry: self.entry.to_string(),
            category: self.category.to_string(),
            weight: self.weight,
            modifiers: self.modifiers().map(str::to_string).collect(),
            target: self.target.map(str::to_string),
            holder: self.holder.map(str::to_string),
            object: self.object.map(str::to_string),
            voice: self.voice,
            contribution: self.contribution,
            token_range: self.token_range.clone(),
        }
    }
}

impl HitList {
    /// Packs `hits`.
    ///
    /// # Panics
    /// When an offset or the hits' strings exceed `u32::MAX` bytes (texts
    /// are limited far below 4 GiB at ingest).
    pub fn new(hits: &[Hit]) -> HitList {
        let u32_of = |v: usize| u32::try_from(v).expect("offsets fit in 32 bits");
        let mut out =
            HitList { hits: Vec::with_capacity(hits.len()), text: String::new(), ends: Vec::new() };
        for h in hits {
            let first = u32_of(out.ends.len());
            let mut present = 0u8;
            for s in [&h.surface, &h.normalized, &h.entry, &h.category] {
                out.push(s);
            }
            for (bit, s) in [&h.target, &h.holder, &h.object].into_iter().enumerate() {
                if let Some(s) = s {
                    present |= 1 << bit;
                    out.push(s);
                }
            }
            for m in &h.modifiers {
                out.push(m);
            }
            out.hits.push(PackedHit {
                sentence: h.sentence,
                start: u32_of(h.start),
                end: u32_of(h.end),
                tokens: (u32_of(h.token_range.start), u32_of(h.token_range.end)),
                weight: h.weight,
                contribution: h.contribution,
                first,
                modifiers: u32_of(h.modifiers.len()),
                voice: h.voice,
                present,
            });
        }
        out.text.shrink_to_fit();
        out.ends.shrink_to_fit();
        out
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(u32::try_from(self.text.len()).expect("hit strings fit in 32 bits"));
    }

    /// String `k` of `text`.
    fn string(&self, k: usize) -> &str {
        let from = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.text[from..self.ends[k] as usize]
    }

    /// Number of hits.
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    /// True when there is no hit.
    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// Hit `i` (`i < len()`).
    pub fn get(&self, i: usize) -> HitRef<'_> {
        let h = &self.hits[i];
        let mut k = h.first as usize;
        let mut next = || {
            k += 1;
            self.string(k - 1)
        };
        let (surface, normalized, entry, category) = (next(), next(), next(), next());
        let mut opt = |bit: u8| (h.present & (1 << bit) != 0).then(&mut next);
        let (target, holder, object) = (opt(0), opt(1), opt(2));
        HitRef {
            sentence: h.sentence,
            start: h.start as usize,
            end: h.end as usize,
            surface,
            normalized,
            entry,
            category,
            weight: h.weight,
            target,
            holder,
            object,
            voice: h.voice,
            contribution: h.contribution,
            token_range: h.tokens.0 as usize..h.tokens.1 as usize,
            list: self,
            modifiers: k..k + h.modifiers as usize,
        }
    }

    /// The hits, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = HitRef<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// A frame's numbers in one document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct FrameScore {
    /// Number of frame hits (`<frame>_hits`).
    pub hits: usize,
    /// Sum of the hits' weights.
    pub weighted: f64,
    /// `hits · 1000 / words` (`<frame>_per_1k`); 0 for an empty document.
    pub per_1k: f64,
}

/// A target's stance in one document.
///
/// `score = clamp(author_sum / mentions, −1, 1)`: the mean signed
/// evaluation per author-voice mention, where `author_sum` is the sum of the
/// contributions of the polarity hits attached to this target in the author's
/// voice and `mentions` the number of its author-voice mention hits. The
/// quoted numbers are the same over quoted hits.
///
/// A score exists only where its voice mentions the target: with no mention
/// it is `None` (an empty cell in `stance.csv`, the workbook and the JSON),
/// never 0, so an average over documents is an average over the documents
/// that speak of the target. Cues are attached only to mentions in their
/// own voice, so a voice without mentions has no attached cues either.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct StanceScore {
    /// Author stance in [−1, 1] (`<target>_score`); `None` without an
    /// author-voice mention.
    pub score: Option<f64>,
    /// Author-voice mentions (`<target>_mentions`).
    pub mentions: usize,
    /// Quoted stance in [−1, 1] (`<target>_quoted_score`); `None` without a
    /// quoted mention.
    pub quoted_score: Option<f64>,
    /// Quoted mentions (`<target>_quoted_mentions`).
    pub quoted_mentions: usize,
    /// Sum of author-voice polarity contributions attached to the target.
    pub author_sum: f64,
    /// Sum of quoted polarity contributions attached to the target.
    pub quoted_sum: f64,
    /// Number of author-voice polarity cues attached.
    pub author_cues: usize,
    /// Number of quoted polarity cues attached.
    pub quoted_cues: usize,
}

/// Everything the scorer finds in one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocScores {
    /// Number of tokens (words and numbers) — the per-1k denominator.
    pub words: usize,
    /// The hits, in text order (then by category).
    pub hits: Vec<Hit>,
    /// Every frame of the lexicon (zeros included), by key.
    pub frames: BTreeMap<String, FrameScore>,
    /// Every target of the lexicon (zeros included), by key.
    pub stance: BTreeMap<String, StanceScore>,
    /// Sum of all polarity contributions (any target or none, any voice):
    /// the text's overall polarity, used when no target applies.
    pub polarity: f64,
    /// Number of polarity hits.
    pub polarity_cues: usize,
}

/// `clamp(sum / max(n, 1), −1, 1)`.
pub(crate) fn mean_clamped(sum: f64, n: usize) -> f64 {
    (sum / n.max(1) as f64).clamp(-1.0, 1.0)
}

/// `clamp(sum / n, −1, 1)` when `n > 0`, else `None` (no mention, no score).
pub(crate) fn mean_if_mentioned(sum: f64, n: usize) -> Option<f64> {
    (n > 0).then(|| mean_clamped(sum, n))
}

/// Aggregates hits into frame, stance and polarity numbers. `frames` and
/// `targets` are the lexicon's keys, so every column is present.
pub fn aggregate(words: usize, hits: Vec<Hit>, frames: &[String], targets: &[String]) -> DocScores {
    let mut f: BTreeMap<String, FrameScore> =
        frames.iter().map(|k| (k.clone(), FrameScore::default())).collect();
    let mut s: BTreeMap<String, StanceScore> =
        targets.iter().map(|k| (k.clone(), StanceScore::default())).collect();
    let (mut polarity, mut polarity_cues) = (0.0, 0);
    for h in &hits {
        if h.is_frame() {
            if let Some(k) = h.key() {
                let e = f.entry(k.to_string()).or_default();
                e.hits += 1;
                e.weighted += h.weight;
            }
        } else if h.is_target() {
            if let Some(t) = &h.target {
                let e = s.entry(t.clone()).or_default();
                match h.voice {
                    Voice::Author => e.mentions += 1,
                    Voice::Quoted => e.quoted_mentions += 1,
                }
            }
        } else if h.is_polarity() {
            if h.shared_from().is_none() {
                polarity += h.contribution;
                polarity_cues += 1;
            }
            if let Some(t) = &h.target {
                let e = s.entry(t.clone()).or_default();
                match h.voice {
                    Voice::Author => {
                        e.author_sum += h.contribution;
                        e.author_cues += 1;
                    }
                    Voice::Quoted => {
                        e.quoted_sum += h.contribution;
                        e.quoted_cues += 1;
                    }
                }
            }
        }
    }
    for v in f.values_mut() {
        v.per_1k = if words == 0 { 0.0 } else { v.hits as f64 * 1000.0 / words as f64 };
    }
    for v in s.values_mut() {
        v.score = mean_if_mentioned(v.author_sum, v.mentions);
        v.quoted_score = mean_if_mentioned(v.quoted_sum, v.quoted_mentions);
    }
    DocScores { words, hits, frames: f, stance: s, polarity, polarity_cues }
}
