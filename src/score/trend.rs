//! Economic indicators and the words of their rise or fall.
//!
//! Input: a polarity match whose first word is an indicator
//! (`role:indicator` rows: البطالة، الصادرات، التضخم; unemployment, exports,
//! inflation; chômage, exportations), and the `context:rise` /
//! `context:fall` word lists. Output: the word that says whether the
//! indicator rose or fell ([`Trend`]), or `None`.
//!
//! An indicator's lexicon weight says what a *rise* of it means for the
//! economy it measures (unemployment −1, exports +1). Alone it is no news:
//! «معدل البطالة» or "the inflation target" judges nothing, so the scorer
//! drops an indicator without a trend. With one, a rise counts the weight
//! and a fall its opposite: «ارتفاع البطالة» and «تراجع الصادرات» are bad
//! news, «تراجع التضخم» good news, for the economy's owner (the nisba or
//! name after it, else the nearest target, a place included: «البطالة في
//! مصر» is Egypt's). The trend word is then part of that cue and not a cue
//! of its own: «تراجع» alone is a retreat (−0.8), «تراجع العجز» is not.
//!
//! Reach: at most [`REACH`] words between the trend word and the indicator,
//! before it («ارتفاع معدل البطالة», "a rise in unemployment", «hausse du
//! chômage») or after it («العجز التجاري التركي زاد», "exports to China
//! fell", «le chômage a baissé»), never across a clause break. The nearest
//! trend word wins; at equal distance the one before. Between a trend word
//! and the indicator after it only function and measure words may stand;
//! an Arabic trend word after the indicator must be its predicate, not a
//! coordinated noun or a verb with a subject of its own.
//!
//! [`partner`] tells the scorer which target is a trade partner or market
//! («مع الصين», "exports to China"), never the economy's owner.
//!
//! Invariant: the result depends only on the tokens and the word lists.

use std::ops::Range;

use super::roles::{class_of, conjoined, definite, is_arabic, key_at, norm_at, Class};
use super::rolewords::{RoleWords, FALL, RISE, WORLD};
use crate::normalize::NormalizedDoc;

/// Most words between an indicator and its trend word.
pub(crate) const REACH: usize = 2;

/// Which way an indicator moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    Rise,
    Fall,
}

/// The word that moves an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Trend {
    /// Its token.
    pub(crate) token: usize,
    /// Rise or fall.
    pub(crate) direction: Direction,
}

impl Trend {
    /// The factor on the indicator's weight: 1 for a rise, −1 for a fall.
    pub(crate) fn sign(self) -> f64 {
        match self.direction {
            Direction::Rise => 1.0,
            Direction::Fall => -1.0,
        }
    }

    /// The name of its `evidence.csv` modifier: `rise` (`rise:ارتفاع`) or
    /// `fall` (`fall:fell`).
    pub(crate) fn label(self) -> &'static str {
        match self.direction {
            Direction::Rise => "rise",
            Direction::Fall => "fall",
        }
    }
}

/// Words that may stand between a trend word and the indicator after it:
/// prepositions, articles and the measure of the indicator («ارتفاع معدل
/// البطالة», «تباطؤ في الاقتصاد», "a rise in the jobless rate", «hausse du
/// taux de chômage»). Any other word means the trend word is another noun's
/// («صعود الدولار وضعف الاقتصاد»: the dollar rose, the economy is weak).
/// Compared with keys, which have lost a leading و or ب («وتيرة» is تيره).
#[rustfmt::skip]
const BETWEEN: &[&str] = &[
    "في", "معدل", "معدلات", "نسبه", "مستوي", "مستويات", "حجم", "قيمه", "تيره",
    "in", "of", "the", "a", "its", "their", "rate", "rates", "level", "levels",
    "de", "du", "des", "la", "le", "l'", "en", "taux", "niveau",
];

/// Words that may follow an Arabic trend verb placed after its indicator:
/// prepositions and the words of a measure («زاد 54 بالمئة», «هبط إلى
/// 10.6%», «ارتفعت بنسبة 11%», «تراجع خلال الربع»).
#[rustfmt::skip]
const MEASURE: &[&str] = &[
    "الي", "في", "من", "علي", "عن", "خلال", "منذ", "مقابل", "نسبه", "معدل", "واقع", "قيمه",
    "حوالي", "نحو", "مجددا", "بشكل", "اكثر", "قليلا", "كثيرا",
];

/// The trend word of the indicator at `cue`, if one is within reach in its
/// clause; `None` too for an indicator of the world economy («النمو
/// العالمي», "global growth": `context:world`), which is no state's.
pub(crate) fn trend_of(
    doc: &NormalizedDoc,
    cue: &Range<usize>,
    words: &RoleWords,
) -> Option<Trend> {
    let world = |j: usize| words.context(key_at(doc, j), WORLD);
    // «النمو الاقتصادي العالمي», "the world economy", «l'économie mondiale».
    let global = world(cue.end)
        || world(cue.end + 1)
        || cue.start.checked_sub(1).is_some_and(|j| !is_arabic(norm_at(doc, j)) && world(j));
    if global {
        return None;
    }
    let at = |j: usize| -> Option<Trend> {
        // «تزيد عن 11 مليار», «يزيد على»: "more than", a comparison.
        if is_arabic(norm_at(doc, j)) && matches!(key_at(doc, j + 1), "عن" | "علي") {
            return None;
        }
        let bits = words.context_bits(key_at(doc, j));
        // A word on both lists says nothing.
        let direction = match (bits & RISE != 0, bits & FALL != 0) {
            (true, false) => Direction::Rise,
            (false, true) => Direction::Fall,
            _ => return None,
        };
        Some(Trend { token: j, direction })
    };
    let open = |from: usize, to: usize| (from + 1..=to).all(|b| !doc.clause_break_before(b));
    // An Arabic noun joined by و or ف after the indicator starts another
    // phrase: a trend word after it is that noun's («تسارع وتيرة التضخم
    // وتداعيات تدهور قيمة الليرة»: the lira fell, not inflation), unless it
    // is an indicator too or the trend verb is dual or plural, agreeing
    // with both («الاحتياطيات والسيولة انخفضا»).
    let conjunct = |j: usize| {
        let norm = norm_at(doc, j);
        let joined_by_fa = norm.starts_with('ف') && !key_at(doc, j).starts_with('ف');
        is_arabic(norm)
            && (conjoined(doc, j) || joined_by_fa)
            && class_of(doc, j, words) != Class::Indicator
    };
    for d in 0..=REACH {
        // Before it: the trend word governs the indicator, with only
        // function or measure words between.
        let before = cue.start.checked_sub(1 + d).filter(|&j| {
            open(j, cue.start) && (j + 1..cue.start).all(|b| BETWEEN.contains(&key_at(doc, b)))
        });
        if let Some(t) = before.and_then(at) {
            return Some(t);
        }
        // After it: the indicator is the subject of the trend verb
        // («البطالة ارتفعت», "exports fell"). An Arabic noun with the article
        // or و after it is coordinated, not its predicate («الصادرات
        // والنمو»).
        let after = cue.end + d;
        let norm = norm_at(doc, after);
        // Nor is a verb of purpose («اقتصاد المنطقة لترتفع نسبة الفقر»:
        // what rises is poverty, named after it).
        let coordinated = is_arabic(norm) && (definite(norm) || norm.starts_with(['و', 'ف', 'ل']));
        // Nor does a verb with a subject of its own after it («الوظائف في
        // أميركا تراجعت أسعار النفط»: oil prices fell): after the indicator
        // a trend verb must end the clause or be followed by its measure (a
        // number, «إلى 10%», «بنسبة 15%»).
        let own_subject = is_arabic(norm)
            && !doc.clause_break_before(after + 1)
            && !doc.tokens.get(after + 1).is_some_and(|t| {
                let k = doc.key(t);
                k.starts_with(|c: char| c.is_numeric()) || MEASURE.contains(&k)
            });
        // Last: the conjunct check asks each word between for its role.
        let past_conjunct = || (cue.end..after).any(conjunct) && !norm.ends_with('ا');
        if after < doc.len()
            && open(cue.end - 1, after)
            && !coordinated
            && !own_subject
            && !past_conjunct()
        {
            if let Some(t) = at(after) {
                return Some(t);
            }
        }
    }
    None
}

/// True when the target at `tokens` follows «مع», «إلى», with, to, avec
/// or vers: the partner or the market of a trade figure («العجز التجاري مع
/// الصين», «صادراتها إلى الصين», "exports to China"), not the economy that
/// owns it.
pub(crate) fn partner(doc: &NormalizedDoc, tokens: &Range<usize>) -> bool {
    tokens
        .start
        .checked_sub(1)
        .is_some_and(|j| matches!(key_at(doc, j), "مع" | "الي" | "with" | "to" | "avec" | "vers"))
}
