//! The scorer: lexicon matches + modifiers → hits → [`DocScores`].
//!
//! Input: one document's original text and its [`NormalizedDoc`]. Output:
//! its [`DocScores`] (hits, frames, stance). Single-threaded; the pipeline
//! scores documents in parallel with one shared `&Scorer`.
//!
//! How a polarity cue's contribution is made (each step leaves a modifier
//! string on the hit, so `evidence.csv` explains the number):
//! 1. start from the entry's weight;
//! 2. negation: ×(−1) when the cue lies in a negator's scope (`negated:لم`).
//!    Verbal negators (لا لم لن ليس ما; ne, pas, not, n't, never ...) reach to
//!    the end of their clause (at most 6 tokens, not past a و that starts a
//!    new clause nor into a relative clause: الذي، التي، which, qui);
//!    nominal ones (غير عدم دون بلا; sans, non, without) reach
//!    the next 2 tokens and the words و-joined to them. A lexicon term that
//!    starts with a negator (عدم الانحياز) is a term, not a negation, and
//!    "not only ... but" (لا ... فحسب بل، non seulement) negates nothing. A
//!    negated speech act or accusation goes to no one: not condemning or
//!    not accusing is no praise, not praising no blame; and the negation
//!    stops at it (what it would have condemned keeps its sign). Privatives
//!    (غياب، lack of) and preventives (منع، التصدي، مكافحة، القضاء على;
//!    prevent, counter) negate the phrase they govern; a preventive's cue
//!    is not flipped for the owner of what is prevented (its owner or
//!    subject by the roles, a possessive suffix's referent, or, after a
//!    noun, a target named only after it): «التصدي للتدخلات الإيرانية»
//!    still blames Iran;
//! 3. intensifier/dampener: ×factor (`intensified:جدا×1.5`,
//!    `dampened:نسبيا×0.5`). A scaler applies to the nearest polarity cue
//!    in its clause, before or after it, with at most
//!    [`SCALER_REACH`] tokens between them. Arabic scalers mostly follow
//!    the word they strengthen (قلق بالغ، دعم قوي جدا) and French and
//!    English ones precede it (très ferme, strongly condemned), so on a tie
//!    an Arabic-script scaler takes the cue before it and a Latin-script
//!    one the cue after. Several scalers on one cue multiply;
//! 4. contrast: in a sentence with a contrast marker (لكن، بل، إلا أن، غير
//!    أن، بيد أن; but, however; mais, cependant, pourtant), a cue after the
//!    marker counts ×1.5 and a cue before it ×0.5 (`contrast:لكن×1.5`).
//!
//! The voice (author or quoted) rules are in the `score::stance` module,
//! and the target a cue is counted for (holder, object, owner, subject) in
//! `score::roles` (see also [`StanceScore`](super::StanceScore)). Before
//! the roles see them, the targets in a reported statement's speaker frame
//! («قال مسؤولون أمريكيون إن», "officials said that") are taken out of the
//! candidates of the cues in what is said (`speaker_frame`).
//!
//! Invariant: the hits alone determine every aggregate (see
//! [`super::evidence::aggregate`]).

use std::ops::Range;

use super::evidence::{aggregate, DocScores, Hit, Voice, SHARED_FROM};
use super::lexicon::{Kind, Lexicon};
use super::matcher::{Family, Match, Matcher};
use super::modifiers::{
    attribution_at, clause_break_before, contrast_at, denial_at, harm_word, may_be_cue,
    negated_cessation, negation_scope, negator_at, not_only, preventive_at, scaler_at, Preventive,
    Scope,
};
use super::names::{capitalised_in_running_text, prefixed_compound};
use super::roles::{
    accusation_scopes, assign, backer, class_of, key_at, norm_at, suffixed_at, Class, Roles, Rule,
};
use super::rolewords::RoleWords;
use super::stance::{
    coordinated, coordinated_with, distance, governs_place, harmed, not_an_actor, opposed, place,
    quoted_tokens, source, sports_report, Mention,
};
use super::trend::{partner, trend_of, Trend};
use crate::error::Result;
use crate::normalize::{NormalizedDoc, Normalizer};

/// Factor for a polarity cue after a contrast marker in its sentence.
pub const CONTRAST_AFTER: f64 = 1.5;
/// Factor for a polarity cue before a contrast marker in its sentence.
pub const CONTRAST_BEFORE: f64 = 0.5;
/// Factor applied by negation.
pub const NEGATION: f64 = -1.0;
/// Most tokens allowed between a scaler and the polarity cue it modifies.
pub const SCALER_REACH: usize = 2;

/// True when a non-actor target name in the cue's clause is nearer to the
/// cue than every actor mention of that clause.
fn nearer_non_actor(
    cue: &Range<usize>,
    blocked: &[Range<usize>],
    actors: &[Mention],
    clause: &[u32],
) -> bool {
    let c = clause.get(cue.start);
    let nearest = |spans: &mut dyn Iterator<Item = &Range<usize>>| {
        spans.filter(|r| clause.get(r.start) == c).map(|r| distance(cue, r)).min()
    };
    match nearest(&mut blocked.iter()) {
        None => false,
        Some(b) => nearest(&mut actors.iter().map(|m| &m.tokens)).is_none_or(|a| b < a),
    }
}

/// Most words between an attribution verb and the complementizer that ends
/// its speaker («قال وزير الخارجية الروسي سيرغي لافروف إن»: five).
const FRAME_REACH: usize = 8;

/// The speaker's frame of an attribution at token `a`: from the start of
/// the verb's clause (a subject before it: "US officials said", «الحكومة
/// قالت») to the complementizer after it (إن، أن، بأن; that, que), at most
/// [`FRAME_REACH`] words on and in the same sentence; `None` without one
/// (according to X, a colon and a quotation) or when what is said is about
/// the speaker (a pronoun on the complementizer, the speaker's own
/// country).
fn speaker_frame(doc: &NormalizedDoc, clause: &[u32], a: usize) -> Option<Range<usize>> {
    // A complementizer with a pronoun («أكد بوتين أنه مستعد», «أعلنت
    // الأمم المتحدة أنها تنوي») makes the speaker the subject of what is
    // said: no frame.
    const THAT: &[&str] = &["ان", "بان", "that", "que", "qu'"];
    const THAT_HE: &[&str] = &["انه", "انها", "انهم", "بانه", "بانها", "بانهم"];
    let sentence = doc.tokens.get(a)?.sentence;
    (a + 1..(a + 2 + FRAME_REACH).min(doc.len()))
        .take_while(|&j| doc.tokens[j].sentence == sentence)
        // «فإن» opens a main clause, not what is said.
        .map(|j| (j, super::roles::unprefixed_waw(norm_at(doc, j))))
        .find(|(_, w)| THAT.contains(w) || THAT_HE.contains(w))
        .filter(|(_, w)| THAT.contains(w))
        .map(|(c, _)| {
            let start = (0..a)
                .rev()
                .take_while(|&j| {
                    doc.tokens[j].sentence == sentence && clause.get(j) == clause.get(a)
                })
                .last()
                .unwrap_or(a);
            start..c
        })
        .filter(|f| {
            // «إن بلاده نجحت», «التعاون بين البلدين», «أن المملكة حريصة»,
            // «إن قواتها نجحت»: what is said is about the speaker's own
            // country or its own forces.
            const OWN: &[&str] = &["بلاد", "بلد", "بلدين", "طرفين", "مملكه"];
            const ITS: &[&str] = &["قوات", "حكومه", "جيش", "سلطات", "اداره", "وزاره", "رئيس"];
            !(f.end..doc.len()).take_while(|&j| doc.tokens[j].sentence == sentence).any(|j| {
                let k = key_at(doc, j);
                OWN.contains(&k) || (ITS.contains(&k) && suffixed_at(doc, j))
            })
        })
}

/// The polarity cue a scaler modifies, from the nearest cue in its clause
/// before it and after it (`(index, tokens between)`): the closer one within
/// [`SCALER_REACH`]; on a tie, the one before for an Arabic-script scaler
/// (post-posed: دعم قوي جدا) and the one after otherwise (pre-posed: very
/// strong).
fn nearest_cue(
    before: Option<(usize, usize)>,
    after: Option<(usize, usize)>,
    arabic: bool,
) -> Option<usize> {
    let ok = |c: Option<(usize, usize)>| c.filter(|&(_, gap)| gap <= SCALER_REACH);
    match (ok(before), ok(after)) {
        (Some((b, gb)), Some((a, ga))) => Some(if gb < ga || (gb == ga && arabic) { b } else { a }),
        (b, a) => b.or(a).map(|(k, _)| k),
    }
}

/// Where a cue family's match sits in the per-token table of lexicon cues.
fn cue_slot(family: Family) -> usize {
    match family {
        Family::Negator => 0,
        Family::Contrast => 1,
        Family::Scaler => 2,
        _ => 3,
    }
}

/// True when token `i` is written in Arabic script.
fn is_arabic_at(doc: &NormalizedDoc, i: usize) -> bool {
    doc.tokens
        .get(i)
        .and_then(|t| doc.norm(t).chars().find(|c| c.is_alphabetic()))
        .is_some_and(|c| matches!(c, '\u{0600}'..='\u{06FF}'))
}

/// Scores documents against a compiled lexicon.
#[derive(Clone, Debug)]
pub struct Scorer {
    matcher: Matcher,
    frames: Vec<String>,
    targets: Vec<String>,
    /// The lexicon's `role:` and `context:` words, compiled once.
    words: RoleWords,
}

/// A modifier cue found in the text: tokens, factor, label.
#[derive(Clone, Debug)]
struct Cue {
    start: usize,
    end: usize,
    factor: f64,
    label: String,
}

impl Scorer {
    /// Compiles `lexicon` with the normaliser used for the texts. Errors
    /// (malformed glob or guard, malformed `role:` or `context:` row) name
    /// the entry's file and line.
    pub fn new(lexicon: &Lexicon, normalizer: &Normalizer) -> Result<Scorer> {
        Ok(Scorer {
            matcher: Matcher::new(lexicon, normalizer)?,
            frames: lexicon.frames(),
            targets: lexicon.targets(),
            words: RoleWords::new(lexicon, normalizer)?,
        })
    }

    /// Frame keys, sorted (the `framing.csv` columns).
    pub fn frames(&self) -> &[String] {
        &self.frames
    }

    /// Target keys, sorted (the `stance.csv` columns).
    pub fn targets(&self) -> &[String] {
        &self.targets
    }

    /// Normalises `text` and scores it (for one-off use and tests).
    pub fn score_text(&self, text: &str, normalizer: &Normalizer) -> DocScores {
        self.score(text, &normalizer.normalize(text))
    }

    /// Scores one document; `doc` must be `text` normalised.
    pub fn score(&self, text: &str, doc: &NormalizedDoc) -> DocScores {
        let n = doc.len();
        let family = |m: &Match| self.matcher.patterns[m.pattern].family;
        let entry = |m: &Match| self.matcher.entry(m);
        let (matches, cues) = self.trends(text, doc, self.matcher.find(doc));
        let surface = |a: usize, b: usize| -> &str {
            match (doc.tokens.get(a), b.checked_sub(1).and_then(|e| doc.tokens.get(e))) {
                (Some(s), Some(e)) => text.get(s.start as usize..e.end as usize).unwrap_or(""),
                _ => "",
            }
        };

        // Tokens inside a content term are never cues (عدم الانحياز).
        let mut covered = vec![false; n];
        for m in &matches {
            if matches!(family(m), Family::Target | Family::Frame | Family::Polarity) {
                for c in covered.iter_mut().take(m.end).skip(m.start) {
                    *c = true;
                }
            }
        }
        // Cue matches in text order (matches are sorted by start): a cursor
        // walks them with the token loop below.
        let cue_matches: Vec<&Match> = matches
            .iter()
            .filter(|m| {
                matches!(
                    family(m),
                    Family::Negator | Family::Contrast | Family::Scaler | Family::Attribution
                )
            })
            .collect();
        let mut next_cue = 0;

        // Negation, contrast, scalers, attribution.
        let mut negated: Vec<Option<usize>> = vec![None; n];
        let mut neg_labels: Vec<String> = Vec::new();
        // Each negator's last token and whether it is a preventive.
        let mut neg_at: Vec<(usize, Preventive)> = Vec::new();
        // Each token's denial, if a word of denial governs it: its label.
        let mut denied: Vec<Option<usize>> = vec![None; n];
        let mut denial_labels: Vec<String> = Vec::new();
        let mut contrasts: Vec<Cue> = Vec::new();
        let mut scalers: Vec<Cue> = Vec::new();
        // Each sentence's first attribution word: its surface and token.
        let mut attributed: Vec<Option<(String, usize)>> = vec![None; doc.sentences.len()];
        let mut i = 0;
        while i < n {
            // The first cue match of each family starting at token `i`.
            while cue_matches.get(next_cue).is_some_and(|m| m.start < i) {
                next_cue += 1;
            }
            let here = cue_matches[next_cue..].iter().take_while(|m| m.start == i);
            let mut at: [Option<&Match>; 4] = [None; 4];
            for m in here {
                at[cue_slot(family(m))].get_or_insert(m);
            }
            let lex_cue = |fam: Family| at[cue_slot(fam)];
            let sent = doc.tokens[i].sentence as usize;
            // Built-in cues only outside content terms (but a harm word is a
            // cue and a negator at once: «زعزعة الاستقرار»), and only for
            // words some built-in rule could accept.
            let norm_i = doc.norm(&doc.tokens[i]);
            let builtin = (!covered[i] || harm_word(norm_i)) && may_be_cue(norm_i);
            let mut attribution = |label: &str| {
                if let Some(a) = attributed.get_mut(sent) {
                    a.get_or_insert_with(|| (label.to_string(), i));
                }
            };
            if let Some(m) = lex_cue(Family::Attribution) {
                attribution(surface(m.start, m.end));
            } else if builtin && attribution_at(doc, i) {
                attribution(surface(i, i + 1));
            }
            let neg = match lex_cue(Family::Negator) {
                Some(m) => Some((m.end - 1, Scope::Clause(6), surface(m.start, m.end))),
                None if builtin => negator_at(doc, i).map(|s| (i, s, surface(i, i + 1))),
                None => None,
            };
            if let Some((last, scope, label)) = neg {
                // "not only ... but" affirms what it names, and so does a
                // negated "stop" (will not stop supporting).
                if !not_only(doc, last) && !negated_cessation(doc, last) {
                    let mut reach = negation_scope(text, doc, last, scope);
                    // A negated speech act takes the negation: what it
                    // would have condemned keeps its sign (لا يندد بتورط
                    // إيران: the involvement is still Iran's, and blamed).
                    if let Some(verb) = reach.clone().find(|&j| {
                        matches!(class_of(doc, j, &self.words), Class::Speech | Class::Accusation)
                    }) {
                        reach.end = verb + 1;
                    }
                    neg_labels.push(label.to_string());
                    neg_at.push((last, preventive_at(doc, last)));
                    for j in reach {
                        negated[j].get_or_insert(neg_labels.len() - 1);
                    }
                }
            }
            // What is denied («نفت موسكو أي تورط», "Russia denied any
            // involvement") is held against no one: it takes a clause
            // negator's scope, but no flip (see the targets below).
            if builtin && denial_at(doc, i) {
                denial_labels.push(surface(i, i + 1).to_string());
                for j in negation_scope(text, doc, i, Scope::Clause(6)) {
                    denied[j].get_or_insert(denial_labels.len() - 1);
                }
            }
            if let Some(m) = lex_cue(Family::Contrast) {
                contrasts.push(Cue {
                    start: m.start,
                    end: m.end,
                    factor: 1.0,
                    label: surface(m.start, m.end).into(),
                });
            } else if let Some(len) = builtin.then(|| contrast_at(doc, i)).flatten() {
                contrasts.push(Cue {
                    start: i,
                    end: i + len,
                    factor: 1.0,
                    label: surface(i, i + len).into(),
                });
            }
            if let Some(m) = lex_cue(Family::Scaler) {
                scalers.push(Cue {
                    start: m.start,
                    end: m.end,
                    factor: entry(m).weight,
                    label: surface(m.start, m.end).into(),
                });
            } else if let Some(f) = builtin.then(|| scaler_at(doc, i)).flatten() {
                scalers.push(Cue {
                    start: i,
                    end: i + 1,
                    factor: f,
                    label: surface(i, i + 1).into(),
                });
            }
            i += 1;
        }

        // Clauses: split at punctuation and at contrast markers.
        let mut contrast_start = vec![false; n];
        for k in &contrasts {
            if let Some(b) = contrast_start.get_mut(k.start) {
                *b = true;
            }
        }
        let mut clause = vec![0u32; n];
        let mut c = 0u32;
        for (j, slot) in clause.iter_mut().enumerate() {
            if j > 0 && (clause_break_before(text, doc, j) || contrast_start[j]) {
                c += 1;
            }
            *slot = c;
        }
        let quoted = quoted_tokens(text, doc);

        let polarity: Vec<&Match> =
            matches.iter().filter(|m| family(m) == Family::Polarity).collect();
        // Each scaler modifies at most one polarity cue: the nearest one on
        // either side in its clause (see `nearest_cue`). Polarity matches do
        // not overlap (one family), so starts and ends are both sorted and
        // the nearest cue on each side is found by binary search.
        let mut scaled: Vec<Vec<&Cue>> = vec![Vec::new(); polarity.len()];
        for s in &scalers {
            let same = |p: &Match| clause.get(p.start) == clause.get(s.start);
            let a = polarity.partition_point(|p| p.start < s.end);
            let after =
                polarity.get(a).filter(|p| same(p)).map(|p| (a, p.start.saturating_sub(s.end)));
            let before = polarity
                .partition_point(|p| p.end <= s.start)
                .checked_sub(1)
                .and_then(|b| polarity.get(b).filter(|p| same(p)).map(|p| (b, s.start - p.end)));
            let arabic = is_arabic_at(doc, s.start);
            if let Some(k) = nearest_cue(before, after, arabic) {
                scaled[k].push(s);
            }
        }
        // The voice of a match starting at token `i`, and the modifier that
        // says why it is quoted.
        let voice_at = |i: usize| -> (Voice, Option<String>) {
            let sent = doc.tokens[i].sentence as usize;
            if let Some(Some((label, _))) = attributed.get(sent) {
                (Voice::Quoted, Some(format!("attributed:{label}")))
            } else if quoted.get(i).copied().unwrap_or(false) {
                (Voice::Quoted, Some("quoted".to_string()))
            } else {
                (Voice::Author, None)
            }
        };
        // Target names that are actors, and those that are not (a sports
        // side, a dateline): a cue nearer to one of the latter than to any
        // actor in its clause is about that side, not about a farther actor.
        // In a sports report every target name is a side, a player or a
        // venue. Decided once per sentence, and only for the sentences with
        // a target or a polarity cue.
        let sports: Vec<std::cell::OnceCell<bool>> =
            (0..doc.sentences.len()).map(|_| std::cell::OnceCell::new()).collect();
        let in_sports = |i: usize| {
            let s = doc.tokens[i].sentence as usize;
            *sports[s].get_or_init(|| sports_report(doc, s, &self.words))
        };
        let mut mentions: Vec<Mention> = Vec::new();
        let mut blocked: Vec<Range<usize>> = Vec::new();
        for m in &matches {
            if let Kind::Target(key) = &self.matcher.patterns[m.pattern].kind {
                // A capital in French or English: a name or an English
                // adjective, not a French adjective after its noun.
                let capital = text
                    .get(doc.tokens[m.start].start as usize..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(char::is_uppercase);
                if in_sports(m.start) || not_an_actor(doc, &(m.start..m.end), capital, &self.words)
                {
                    blocked.push(m.start..m.end);
                } else {
                    let mut mention = Mention {
                        tokens: m.start..m.end,
                        key,
                        voice: voice_at(m.start).0,
                        harmed: harmed(doc, &(m.start..m.end)),
                        place: place(doc, &(m.start..m.end)),
                        opposed: opposed(doc, &(m.start..m.end)),
                        source: source(doc, &(m.start..m.end)),
                        capital,
                    };
                    // «في فرنسا وبريطانيا», "in France and Britain": the
                    // places coordinated with a place are places too, and
                    // so are the harmed («أمن السعودية والإمارات») and the
                    // opposed («ضد داعش والقاعدة»).
                    if let Some(prev) = mentions.last() {
                        if coordinated(doc, &prev.tokens, &mention) {
                            mention.place = mention.place.or(prev.place);
                            mention.harmed |= prev.harmed;
                            mention.opposed |= prev.opposed;
                            mention.source |= prev.source;
                        }
                    }
                    mentions.push(mention);
                }
            }
        }
        // The speaker's frame of each attributed sentence («قال مسؤولون
        // أمريكيون إن ...», "officials said that ..."): a cue in what is
        // said is not about a target named only as its speaker.
        let frames: Vec<Option<Range<usize>>> = attributed
            .iter()
            .map(|a| a.as_ref().and_then(|(_, a)| speaker_frame(doc, &clause, *a)))
            .collect();
        // The allegations after accusations (their cues go to the accused).
        let alleged = accusation_scopes(&mentions, &clause, doc, &self.words, |i| voice_at(i).0);

        // Hits are large; one allocation instead of a doubling series.
        let content =
            |m: &&Match| matches!(family(m), Family::Target | Family::Frame | Family::Polarity);
        let mut hits = Vec::with_capacity(matches.iter().filter(content).count());
        let mut pol_idx = 0;
        for (k, m) in matches.iter().enumerate() {
            let fam = family(m);
            if !matches!(fam, Family::Target | Family::Frame | Family::Polarity) {
                continue;
            }
            let e = entry(m);
            let tok = &doc.tokens[m.start];
            let mut modifiers = Vec::new();
            let (voice, why) = voice_at(m.start);
            modifiers.extend(why);
            let (mut holder, mut object) = (None, None);
            let mut shared: Vec<String> = Vec::new();
            let (target, contribution) = match fam {
                Family::Target => match &self.matcher.patterns[m.pattern].kind {
                    Kind::Target(k) => (Some(k.clone()), 1.0),
                    _ => (None, 1.0),
                },
                Family::Frame => (None, 1.0),
                _ => {
                    // An indicator's weight is what its rise means; a fall
                    // turns it (`score::trend`).
                    let (class, trend) = cues[k];
                    let weight = trend.map_or(e.weight, |t| e.weight * t.sign());
                    if let Some(t) = trend {
                        modifiers.push(format!("{}:{}", t.label(), surface(t.token, t.token + 1)));
                    }
                    let mut v = weight;
                    let negation = (m.start..m.end).find_map(|j| negated[j]);
                    if let Some(l) = negation {
                        v *= NEGATION;
                        modifiers.push(format!("negated:{}", neg_labels[l]));
                    }
                    for s in scaled.get(pol_idx).into_iter().flatten() {
                        v *= s.factor;
                        let what = if s.factor >= 1.0 { "intensified" } else { "dampened" };
                        modifiers.push(format!("{what}:{}×{}", s.label, s.factor));
                    }
                    pol_idx += 1;
                    let in_sentence = |k: &&Cue| {
                        doc.tokens.get(k.start).map(|t| t.sentence) == Some(tok.sentence)
                    };
                    // Contrast cues are in text order: nearest on each side.
                    let b = contrasts.partition_point(|k| k.end <= m.start);
                    let before =
                        b.checked_sub(1).and_then(|b| contrasts.get(b)).filter(in_sentence);
                    let after = contrasts
                        .get(contrasts.partition_point(|k| k.start < m.end))
                        .filter(in_sentence);
                    if let Some(k) = before {
                        v *= CONTRAST_AFTER;
                        modifiers.push(format!("contrast:{}×{}", k.label, CONTRAST_AFTER));
                    } else if let Some(k) = after {
                        v *= CONTRAST_BEFORE;
                        modifiers.push(format!("contrast:{}×{}", k.label, CONTRAST_BEFORE));
                    }
                    // Only the mentions of this sentence can be attached.
                    let sent_of = |x: &Mention| doc.tokens[x.tokens.start].sentence;
                    let lo = mentions.partition_point(|x| sent_of(x) < tok.sentence);
                    let hi = mentions.partition_point(|x| sent_of(x) <= tok.sentence);
                    // A cue speaks of a target in its own voice: a scare-quoted
                    // word about an actor named outside the quotes is not
                    // counted for either voice (it has no mention there).
                    let frame = frames.get(tok.sentence as usize).cloned().flatten();
                    let speaker = |x: &Mention| {
                        frame
                            .as_ref()
                            .is_some_and(|f| f.contains(&x.tokens.start) && m.start >= f.end)
                    };
                    let here: Vec<Mention> = mentions
                        .get(lo..hi)
                        .unwrap_or(&[])
                        .iter()
                        .filter(|x| x.voice == voice && !speaker(x))
                        .cloned()
                        .collect();
                    // A target whose security or sovereignty is harmed is the
                    // victim of a blame word, and a target named as a place
                    // is where things happen, unless this cue governs its
                    // preposition («الثقة في روسيا»): either takes no cue,
                    // and the cue does not pass to a farther actor.
                    // An economy in a place is that place's: an indicator
                    // takes places («البطالة في مصر»), but not its trade
                    // partner («العجز التجاري مع الصين»).
                    // A side named after «ضد», against, contre is the
                    // object only of words aimed at someone (criticism,
                    // anger, sanctions); of support or a campaign it is
                    // the opponent, and takes neither praise nor blame.
                    let indicator = class == Class::Indicator;
                    // A good undermined («زعزعة استقرار السعودية») blames
                    // like a blame word: its owner is the victim.
                    let undermined =
                        negation.is_some_and(|l| harm_word(doc.norm(&doc.tokens[neg_at[l].0])));
                    let blame =
                        (weight < 0.0 && negation.is_none()) || (weight > 0.0 && undermined);
                    let aimed = matches!(
                        class,
                        Class::Speech | Class::Accusation | Class::Emotion | Class::Patient
                    );
                    let (victims, here): (Vec<Mention>, Vec<Mention>) =
                        here.into_iter().partition(|x| {
                            (blame && x.harmed)
                                || (!aimed && x.opposed)
                                || x.source
                                || (indicator && partner(doc, &x.tokens))
                                || (!indicator
                                    && x.place
                                        .is_some_and(|p| p != m.end || !governs_place(doc, p - 1)))
                        });
                    // Only a cue with victims or places pays for a copy of `blocked`.
                    let blocked_here: std::borrow::Cow<[Range<usize>]> = if victims.is_empty() {
                        std::borrow::Cow::Borrowed(&blocked)
                    } else {
                        let v = victims.into_iter().map(|x| x.tokens);
                        std::borrow::Cow::Owned(blocked.iter().cloned().chain(v).collect())
                    };
                    // Who does what to whom (`score::roles`): an evaluative
                    // word inside an allegation goes to the accused.
                    // A demand takes only the favourable words it asks for
                    // («دعا إيران إلى احترام»); the sanctions it calls for
                    // still hit whoever they target.
                    let scope = alleged
                        .get(m.start)
                        .copied()
                        .flatten()
                        .filter(|r| r.rule != Rule::Addressee || e.weight > 0.0);
                    // «بدعم من روسيا»: the support is the giver's.
                    let backed = scope.is_none().then(|| backer(doc, &(m.start..m.end), &here));
                    let roles = match (scope, backed.flatten()) {
                        (Some(r), _) if !matches!(class, Class::Accusation | Class::Demand) => r,
                        (None, Some(giver)) => {
                            Roles { target: giver, holder: giver, object: None, rule: Rule::Backer }
                        }
                        _ => assign(&(m.start..m.end), class, &here, &clause, doc),
                    };
                    if roles.rule != Rule::Nearest {
                        modifiers.push(format!("role:{}", roles.rule.as_str()));
                    }
                    // Why a cue of a sports report is about no state.
                    if in_sports(m.start) {
                        modifiers.push("context:sports".to_string());
                    }
                    holder = roles.holder.map(str::to_string);
                    object = roles.object.map(str::to_string);
                    // An accusation or a condemnation not made («لم توجه أصبع
                    // الاتهام إلى روسيا»، ولم تنتقد فرنسا روسيا, "did not accuse
                    // Russia") says nothing for the one it names: no target,
                    // rather than a flipped, favourable cue.
                    // A fear not voiced is no trust either; but a lack of
                    // trust in Russia is distrust of Russia.
                    // What an accusation alleges is wrongdoing whatever its
                    // words: being accused of supporting the Houthis or of
                    // undermining peace is no support or peace to credit.
                    // A preventive is no unspoken act: eliminating a threat
                    // («القضاء على التهديد الذي يشكله داعش») still names it.
                    let (neg_token, prevented) =
                        negation.map_or((0, Preventive::No), |l| neg_at[l]);
                    // A denied act is no one's, whoever denies it.
                    let denial = denied[m.start];
                    if let Some(d) = denial {
                        modifiers.push(format!("denied:{}", denial_labels[d]));
                    }
                    let target = match (class, negation) {
                        _ if denial.is_some() => None,
                        (
                            Class::Accusation | Class::Speech | Class::Threat | Class::Demand,
                            Some(_),
                        ) if prevented == Preventive::No => None,
                        (Class::Emotion, Some(_)) if e.weight < 0.0 => None,
                        (_, None)
                            if matches!(roles.rule, Rule::Accused | Rule::Addressee)
                                && e.weight > 0.0 =>
                        {
                            None
                        }
                        _ if roles.rule == Rule::Nearest
                            && nearer_non_actor(
                                &(m.start..m.end),
                                &blocked_here,
                                &here,
                                &clause,
                            ) =>
                        {
                            None
                        }
                        _ => roles.target,
                    };
                    // A preventive flips its cue for the one who prevents,
                    // named before it («تعمل روسيا على منع التصعيد»), not for
                    // the owner of what is prevented: the cue's owner or
                    // subject by the roles («التصدي للتدخلات الإيرانية»,
                    // «إنهاء الاحتلال الإسرائيلي», «التهديد الذي يشكله
                    // داعش»), the one its possessive suffix points back to
                    // («للتصدي لتدخلاتها»), or, after a noun, a target named
                    // only after the preventive (after a verb that may be its
                    // subject: «منعت إسرائيل دخول المساعدات»). That is still
                    // the owner's act. Not the patient of what is prevented
                    // or eased: sanctions eased on Russia («تخفيف العقوبات على
                    // روسيا») spare Russia.
                    let owner_of_prevented = prevented != Preventive::No
                        && target.is_some()
                        && (matches!(roles.rule, Rule::Owner | Rule::Subject)
                            || suffixed_at(doc, m.end - 1)
                            || (prevented == Preventive::Noun
                                && roles.rule != Rule::Patient
                                && !here
                                    .iter()
                                    .any(|x| Some(x.key) == target && x.tokens.end <= neg_token)));
                    // Undo the negation applied above.
                    if owner_of_prevented {
                        v /= NEGATION;
                        modifiers.retain(|s| !s.starts_with("negated:"));
                    }
                    // The names coordinated with the target take the same
                    // contribution (a row each, see below).
                    if let Some(t) = target {
                        shared = coordinated_with(doc, &here, t, &(m.start..m.end))
                            .into_iter()
                            .map(str::to_string)
                            .collect();
                    }
                    (target.map(str::to_string), v)
                }
            };
            let normalized: Vec<&str> =
                doc.tokens[m.start..m.end].iter().map(|t| doc.norm(t)).collect();
            let end_byte = doc.tokens[m.end - 1].end as usize;
            let hit = Hit {
                sentence: tok.sentence,
                start: tok.start as usize,
                end: end_byte,
                surface: surface(m.start, m.end).to_string(),
                normalized: normalized.join(" "),
                entry: e.term.clone(),
                category: e.category.clone(),
                weight: e.weight,
                modifiers,
                target,
                holder,
                object,
                voice,
                contribution,
                token_range: m.start..m.end,
            };
            // One row per coordinated name, saying whose row it copies;
            // the holder or object that was the target becomes that name.
            if shared.is_empty() {
                hits.push(hit);
                continue;
            }
            let main = hit.target.clone().unwrap_or_default();
            let copies: Vec<Hit> = shared
                .into_iter()
                .map(|other| {
                    let swap = |r: &Option<String>| {
                        if r.as_deref() == Some(main.as_str()) {
                            Some(other.clone())
                        } else {
                            r.clone()
                        }
                    };
                    let mut modifiers = hit.modifiers.clone();
                    modifiers.push(format!("{SHARED_FROM}{main}"));
                    Hit {
                        holder: swap(&hit.holder),
                        object: swap(&hit.object),
                        target: Some(other.clone()),
                        modifiers,
                        ..hit.clone()
                    }
                })
                .collect();
            hits.push(hit);
            hits.extend(copies);
        }
        aggregate(n, hits, &self.frames, &self.targets)
    }

    /// The matches that are cues, and for each its role class (`Other` for
    /// a non-polarity match) and trend (`score::trend`): an indicator
    /// without a word of rise or fall is no cue, and the trend word an
    /// indicator takes is no polarity cue of its own. A Latin polarity word
    /// written with a capital inside running text is part of a name ("all
    /// Friends fans", "said Human Rights Watch": `names::
    /// capitalised_in_running_text`) and no cue, unless its lexicon term is
    /// itself written with a capital (Nazi). Nor is the second half of a
    /// prefixed compound ("anti-corruption": `names::prefixed_compound`).
    fn trends(
        &self,
        text: &str,
        doc: &NormalizedDoc,
        matches: Vec<Match>,
    ) -> (Vec<Match>, Vec<(Class, Option<Trend>)>) {
        let polar = |m: &Match| self.matcher.patterns[m.pattern].family == Family::Polarity;
        let cues: Vec<(Class, Option<Trend>)> = matches
            .iter()
            .map(|m| {
                let class =
                    if polar(m) { class_of(doc, m.start, &self.words) } else { Class::Other };
                // Support for terrorism or militias («دعم الإرهاب», «تدعم
                // الميليشيات») is a charge, whose one blamed is named near
                // it as after any blame word; only support as help waits
                // for its giver (`roles::supporter`).
                let class = if class == Class::Support && self.matcher.entry(m).weight < 0.0 {
                    Class::Other
                } else {
                    class
                };
                let trend = (class == Class::Indicator)
                    .then(|| trend_of(doc, &(m.start..m.end), &self.words))
                    .flatten();
                (class, trend)
            })
            .collect();
        // An indicator without a trend is no cue; and a trend word that is
        // an indicator moved in its turn carries the news: in «تراجع معدل
        // نمو الاقتصاد» growth fell, and the economy's own "growth" is no
        // second, opposite cue.
        let moved: Vec<usize> = matches
            .iter()
            .zip(&cues)
            .filter(|(_, c)| c.1.is_some())
            .map(|(m, _)| m.start)
            .collect();
        let mut keep: Vec<bool> = cues
            .iter()
            .map(|&(class, trend)| match trend {
                Some(t) => !moved.contains(&t.token),
                None => class != Class::Indicator,
            })
            .collect();
        let capital_term = |m: &Match| {
            let term = &self.matcher.entry(m).term;
            term.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)
        };
        for (m, keep) in matches.iter().zip(keep.iter_mut()) {
            if polar(m)
                && (!capital_term(m) && capitalised_in_running_text(text, doc, m.start)
                    || prefixed_compound(text, doc, m.start))
            {
                *keep = false;
            }
        }
        // The trend words taken are no cues of their own.
        let used: Vec<usize> = cues
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .filter_map(|(c, _)| c.1.map(|t| t.token))
            .collect();
        for ((m, c), keep) in matches.iter().zip(&cues).zip(keep.iter_mut()) {
            if c.1.is_none() && polar(m) && used.iter().any(|t| (m.start..m.end).contains(t)) {
                *keep = false;
            }
        }
        matches.into_iter().zip(cues).zip(keep).filter(|(_, k)| *k).map(|(mc, _)| mc).unzip()
    }
}
