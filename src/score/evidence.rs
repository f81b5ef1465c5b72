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
        self.category.split_once(':').map(|(_, k)| k.split('/').next().unwrap_or(k).trim())
    }

    /// True for a frame hit.
    pub fn is_frame(&self) -> bool {
        self.category.starts_with("frame:")
    }

    /// True for a target mention.
    pub fn is_target(&self) -> bool {
        self.category.starts_with("target:")
    }

    /// True for a polarity cue.
    pub fn is_polarity(&self) -> bool {
        self.category == "polarity"
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
            polarity += h.contribution;
            polarity_cues += 1;
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
