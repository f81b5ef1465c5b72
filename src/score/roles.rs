//! Who does what to whom: the holder and the object of an evaluative cue.
//!
//! Input: a polarity cue (its tokens), the target mentions of its sentence
//! in its voice, the clause of every token. Output: a [`Roles`]: the target
//! the cue's evaluation goes to, and the holder (whose act or state it is)
//! and object (at whom it is directed) when the rules find them.
//!
//! The rules, by the class of the cue's first word ([`class_of`], from the
//! lexicon's `role:<class>` rows: the default lexicon's last block lists
//! Arabic, French and English words, see `score::rolewords`):
//! - **speech and evaluative acts** (أدان، ندد، استنكر، انتقد، رحب، أشاد، ثمّن،
//!   رفض، حذّر; condemn, denounce, criticise, welcome, praise, reject, warn;
//!   condamner, dénoncer, critiquer, fustiger, saluer, féliciter, rejeter):
//!   the evaluation goes to the **object**, never to the holder. The holder
//!   is the subject: in Arabic the mention right after the verb or masdar
//!   (VSO, idafa: أدانت روسيا، إدانة موسكو; at most [`SUBJECT_GAP`] words
//!   between) unless a mention directly precedes the verb (SVO: روسيا تدين),
//!   never a mention right after a separate preposition (إلى الكرملين),
//!   in French and English the nearest mention before it in its clause (or
//!   the agent after `by`/`par` of a passive). The object is the first
//!   mention after the verb (and after the holder) in its clause that is not
//!   the complement of a patient preposition (على، ضد; on, against; contre,
//!   sur): "condemned the attack on the Russian embassy" does not condemn
//!   Russia. No object, no target: "Russia condemned the sanctions" says
//!   nothing for or against Russia;
//! - **accusations** (اتهم، اتهامات، تهمة; accuse, allegations; accuser) are
//!   speech acts, and the evaluative words of what is alleged
//!   (اتهامات بالفساد، accused of meddling) go to the accused (the
//!   accusation's object) or to no one, never to the nearest actor:
//!   see [`accusation_scopes`];
//! - **demands** (دعا، طالب، حث، يجب على; urged, demanded; exhorter): the
//!   addressee is found like a speech act's object (after على too), and a
//!   favourable word in what is asked of it credits no one (دعا إيران إلى
//!   احترام حقوق الإنسان: not yet done); unfavourable words keep their rules;
//! - **threats**: blame for whoever threatens, never the threatened (see
//!   [`assign`]);
//! - **state verbs** (تراجع، انسحب، انهار، فشل; retreat, withdraw, collapse,
//!   fail; reculer, se retirer, s'effondrer, échouer): the evaluation goes to
//!   the **subject**: in Arabic the mention right after (تراجع المتمردين،
//!   انسحاب القوات الروسية) or directly before, in French and English the
//!   mention before (at most [`SUBJECT_GAP`] words between) or after
//!   `of`/`de` (the retreat of Russian forces, le recul des forces russes). A retreat with no subject among the targets goes to no one;
//! - **acts aimed at a patient** (عقوبات، حصار; sanctions, embargo, blockade;
//!   blocus): the act belongs to its owner (العقوبات الأمريكية، American
//!   sanctions, les sanctions américaines, sanctions by Washington: the
//!   holder) and the evaluation goes to whoever they hit (the mention after
//!   على، ضد، on, against, contre, sur), else to no one;
//! - **harmful deeds** (قصف، غارات، هجوم، عدوان، احتلال، انتهاكات، مجزرة،
//!   تعذيب; bombing, airstrike, aggression, violation; bombardement,
//!   agression): blame for the **doer** only ([`doer_of`]: a nisba right
//!   after it, after a manner adjective or an actor head such as الجيش or
//!   القوات; the subject of a light verb شن، ارتكب، نفذ، قام ب; the one
//!   «وراء» it; the agent after «من قبل», by, par), else no one: the
//!   nearest mention is as often the victim or the place («اعتداء على
//!   السفارة السعودية»);
//! - **any other cue**: an owner named by a nisba adjective or an idafa
//!   right after it (الهيمنة الأمريكية، هيمنة واشنطن، l'hégémonie
//!   américaine) or by an adjective or genitive right before it (American
//!   hegemony, Washington's meddling), or by the subject of a relative
//!   clause after it whose verb carries its pronoun (الخطر الذي يمثله
//!   الحوثيون), takes it; otherwise the nearest target in the clause, then
//!   in the sentence (the `score::stance` rule).
//!
//! Invariant: the decision depends only on token positions and the sets of
//! role words, so it is deterministic and independent of lexicon order.

use std::ops::Range;

use super::modifiers::bare;
use super::rolewords::{
    RoleWords, ACCUSATION, DEED, DEMAND, EMOTION, ENVOY, INDICATOR, PATIENT, SPEECH, STATE,
    SUPPORT, THREAT,
};
use super::stance::{attach, Mention};
use crate::normalize::NormalizedDoc;

/// Most words allowed between a verb and its subject (أدانت وزارة الخارجية
/// الروسية: two), or between a state verb and the mention it is about.
pub(crate) const SUBJECT_GAP: usize = 2;
/// Most words between an Arabic economic indicator and the nisba or name
/// that owns it: one in «صادرات النفط الإيراني», two in «الناتج المحلي
/// الإجمالي المصري».
const INDICATOR_OWNER_GAP: usize = 2;
/// Most words between an Arabic speech verb and the target that ends its
/// subject (VSO): a title before the name (اتهمت متحدثة باسم الرئيس
/// الأمريكي روسيا: the spokeswoman of the American president accuses
/// Russia).
pub(crate) const VSO_SUBJECT_GAP: usize = 3;
/// Most words between a speech act (or its holder, when the holder follows
/// it) and its object. Measured on 1,500 ANT articles: a target further on
/// was inside another phrase (رفض مقترحات لرسوم جمركية على واردات صينية
/// rejects proposals, not China; اتهم تقرير الوكالة حول التدخل الروسي accuses
/// a report, not Russia), or after a long subject the rules did not see.
pub(crate) const OBJECT_REACH: usize = 3;
/// Most words an accusation's scope reaches after the accusation (or its
/// object): the allegation (بالتدخل في الشؤون الداخلية).
pub(crate) const ALLEGATION_REACH: usize = 6;
/// Most words between an act aimed at a patient and the preposition that
/// names the patient (العقوبات الأمريكية الجديدة على روسيا).
pub(crate) const PATIENT_REACH: usize = 4;

/// The role class of a cue, from its first word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A speech or evaluative act: the evaluation goes to the object.
    Speech,
    /// An accusation: a speech act whose complement is an allegation.
    Accusation,
    /// A state verb: the evaluation goes to the subject.
    State,
    /// An act aimed at a patient (sanctions): to whoever it hits.
    Patient,
    /// An emotion voiced about something (concern, anger): its owner feels
    /// it, the evaluation goes to what it is about.
    Emotion,
    /// A threat: blame for whoever threatens (the speaker of a speech act,
    /// the owner of a noun, a mention before it), never the threatened.
    Threat,
    /// A demand or call on someone (دعا، طالب، حث، يجب على; urged; exhorte):
    /// what it asks for is not yet done, so a favourable word in it credits
    /// no one.
    Demand,
    /// A harmful deed (bombing, raid, aggression, occupation, massacre):
    /// blame for whoever does it, found only as its doer, never the nearest
    /// mention (often the victim or the place).
    Deed,
    /// An economic indicator (unemployment, exports, inflation): a cue only
    /// with a word of rise or fall beside it (`score::trend`), whose sign it
    /// takes; it goes to the economy's owner, else the nearest target, a
    /// place included (unemployment in Egypt is Egypt's).
    Indicator,
    /// An envoy expelled or summoned (السفير، الدبلوماسيين; diplomats,
    /// ambassador): a protest against the state the envoy represents, named
    /// by the nisba or adjective beside it ([`envoy_state`]), never the
    /// expeller or the host.
    Envoy,
    /// Support given (دعم، يدعم; support, backing; soutien, appui): to the
    /// one who gives it or the one named in construct with it
    /// ([`supporter`]), never the nearest mention (often a place, a
    /// bystander or the side the supported fight).
    Support,
    /// Anything else: owner, else nearest.
    Other,
}

/// Which rule attached a cue (the `role:` modifier in `evidence.csv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    /// Object of a speech act.
    Object,
    /// Subject of a state verb.
    Subject,
    /// Patient of an act aimed at someone.
    Patient,
    /// Owner of a nominal act (nisba, idafa, genitive).
    Owner,
    /// Inside an allegation: to the accused.
    Accused,
    /// Inside what a demand asks of its addressee: a favourable word there
    /// credits no one (the scorer's rule; the addressee is the object).
    Addressee,
    /// The one named as giving the support a cue «بدعم» speaks of.
    Backer,
    /// Nearest target in the clause, then the sentence.
    Nearest,
}

impl Rule {
    /// The label written after `role:`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Rule::Object => "object",
            Rule::Subject => "subject",
            Rule::Patient => "patient",
            Rule::Owner => "owner",
            Rule::Accused => "accused",
            Rule::Addressee => "addressee",
            Rule::Backer => "backer",
            Rule::Nearest => "nearest",
        }
    }
}

/// Where a cue's evaluation goes, and who acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Roles<'k> {
    /// The target the contribution is counted for.
    pub(crate) target: Option<&'k str>,
    /// Whose act or state the cue is (a target key), when found.
    pub(crate) holder: Option<&'k str>,
    /// At whom it is directed, when found.
    pub(crate) object: Option<&'k str>,
    /// The rule that decided.
    pub(crate) rule: Rule,
}

/// Prepositions that mark the one an act hits.
const PATIENT_PREPS: &[&str] =
    &["علي", "ضد", "on", "against", "targeting", "upon", "contre", "sur", "visant"];
/// Words between an act and an owner named after it (hegemony of the US).
const OF_WORDS: &[&str] = &["of", "the", "de", "du", "des", "la", "le", "l'", "by", "par"];
/// The prepositions among [`OF_WORDS`].
const OF_PREPS: &[&str] = &["of", "de", "du", "des", "by", "par"];
/// Forms of "be" before a passive participle.
const BE_WORDS: &[&str] =
    &["was", "were", "is", "are", "been", "being", "be", "été", "est", "sont", "fut", "a"];

/// True when the French or English mention starting at token `s` is an
/// agent: right after by/par, or after by/par and an article ("by the
/// United States", «par la France»).
fn latin_agent_marked(doc: &NormalizedDoc, s: usize) -> bool {
    let by = |j: usize| matches!(norm_at(doc, j), "by" | "par");
    (s >= 1 && by(s - 1))
        || (s >= 2
            && by(s - 2)
            && matches!(norm_at(doc, s - 1), "the" | "la" | "le" | "les" | "l'" | "l’"))
}

/// True for a French or English word shaped like an adverb (sharply,
/// vivement): one may stand inside a passive.
fn adverb_form(w: &str) -> bool {
    w.ends_with("ly") || w.ends_with("ment")
}

/// True when the French or English speech verb at `cue` is a passive
/// participle after a form of "be" («est accusée», "has been criticised",
/// "was sharply criticised": one adverb may come between). The French
/// auxiliary «a» makes an active past («a accusé»), so it is no passive
/// here; nor is a noun after "is" ("is criticism") or a present participle.
fn agentless_passive(doc: &NormalizedDoc, cue: &Range<usize>) -> bool {
    let verb = norm_at(doc, cue.start);
    let participle =
        verb.ends_with("ed") || ["é", "ée", "és", "ées"].iter().any(|e| verb.ends_with(e));
    if !participle {
        return false;
    }
    let be = |j: usize| BE_WORDS.contains(&norm_at(doc, j)) && norm_at(doc, j) != "a";
    match cue.start {
        0 => false,
        1 => be(0),
        s => be(s - 1) || (adverb_form(norm_at(doc, s - 1)) && be(s - 2)),
    }
}

/// Auxiliaries, modals and the state's heads that may stand between the
/// subject of a passive and its verb.
const PASSIVE_FILLERS: &[&str] = &[
    "has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must",
    "also", "already", "now", "often", "again", "a", "ont", "aurait", "avait",
];
/// The heads of a state's name a passive's subject may end with: "the
/// Chinese government has been accused", «le gouvernement russe est
/// accusé» (there the mention is after the head, so nothing is between).
const PASSIVE_HEADS: &[&str] = &[
    "government",
    "regime",
    "authorities",
    "administration",
    "leadership",
    "army",
    "military",
    "forces",
    "officials",
    "gouvernement",
    "régime",
    "autorités",
    "armée",
];

/// True when the mention over `subject` is the subject of the passive at
/// `cue`: only auxiliaries, forms of "be", adverbs and, right after the
/// mention, one of [`PASSIVE_HEADS`] between them. A mention inside a
/// longer subject is not ("a committee to investigate Iraq intelligence
/// failures was rejected": the failures are the subject, not Iraq).
fn passive_subject(doc: &NormalizedDoc, subject: &Range<usize>, cue: &Range<usize>) -> bool {
    (subject.end..cue.start).all(|j| {
        let w = norm_at(doc, j);
        PASSIVE_FILLERS.contains(&w)
            || BE_WORDS.contains(&w)
            || adverb_form(w)
            || (j == subject.end && PASSIVE_HEADS.contains(&w))
    }) && !(subject.end..=cue.start).any(|j| doc.clause_break_before(j))
}

/// The normalised form of token `i` ("" past the end).
pub(crate) fn norm_at(doc: &NormalizedDoc, i: usize) -> &str {
    doc.tokens.get(i).map_or("", |t| doc.norm(t))
}

/// The key of token `i` ("" past the end).
pub(crate) fn key_at(doc: &NormalizedDoc, i: usize) -> &str {
    doc.tokens.get(i).map_or("", |t| doc.key(t))
}

/// True when the Arabic word at token `i` carries a pronoun suffix: what
/// its key lost at the end (قلقها → قلق, تتهمه → تتهم); a ة read as ه is
/// not one (الثقه → ثقه), nor the accusative alef of tanwin (هجومًا →
/// هجوم).
pub(crate) fn suffixed_at(doc: &NormalizedDoc, i: usize) -> bool {
    let (norm, key) = (norm_at(doc, i), key_at(doc, i));
    !norm.ends_with(key) && !norm.strip_suffix('ا').is_some_and(|n| n.ends_with(key))
}

/// True when token `i` is an Arabic word with the article ([`definite`]).
pub(crate) fn definite_at(doc: &NormalizedDoc, i: usize) -> bool {
    i < doc.len() && definite(norm_at(doc, i))
}

pub(crate) fn is_arabic(word: &str) -> bool {
    word.chars().find(|c| c.is_alphabetic()).is_some_and(|c| matches!(c, '\u{0600}'..='\u{06FF}'))
}

/// The role class of the word at token `i`, from the lexicon's role words
/// (`words`): an Arabic word by its form without a leading و/ف or by its key,
/// a French or English one by its key. A word in several classes takes the
/// first of accusation, demand, speech, emotion, state, patient, threat,
/// deed; an
/// Arabic speech word that is a homograph here ([`ar_speech_verb`]) is not a
/// speech act, and a definite demand word («الطالب», the student) not a
/// demand.
pub(crate) fn class_of(doc: &NormalizedDoc, i: usize, words: &RoleWords) -> Class {
    let norm = norm_at(doc, i);
    let arabic = is_arabic(norm);
    let bits = if arabic {
        // The forms a lexicon entry matches too: «هجوما» is «هجوم».
        // No allocation per token: an absent form is "", which no role word
        // is (a word that normalises to nothing is refused).
        let [key, accusative] = super::matcher::Matcher::keys_at(doc, i);
        words.arabic(&[bare(norm), key.unwrap_or(""), accusative.unwrap_or("")])
    } else {
        words.latin(key_at(doc, i))
    };
    if bits == 0 {
        Class::Other
    } else if bits & ACCUSATION != 0 {
        Class::Accusation
    } else if bits & DEMAND != 0 && !(arabic && definite(norm)) {
        // «الطالب» is a student, not "demanded".
        Class::Demand
    } else if bits & SPEECH != 0 && (!arabic || ar_speech_verb(doc, i)) {
        Class::Speech
    } else if bits & EMOTION != 0 {
        Class::Emotion
    } else if bits & STATE != 0 {
        Class::State
    } else if bits & PATIENT != 0 {
        Class::Patient
    } else if bits & THREAT != 0 {
        Class::Threat
    } else if bits & DEED != 0 {
        Class::Deed
    } else if bits & INDICATOR != 0 {
        Class::Indicator
    } else if bits & ENVOY != 0 {
        Class::Envoy
    } else if bits & SUPPORT != 0 {
        Class::Support
    } else {
        Class::Other
    }
}

/// Homographs among the Arabic speech words: حذر after the preposition ب
/// or ك is a noun in an adverbial phrase (بحذر "carefully", not "warned"),
/// and ثمن (or a form keyed ثمن, ثمنها "its price") is
/// "valued" only as a clause's verb (وثمن، كما ثمن، من جانبه ثمن); elsewhere
/// it is "price" (دفع ثمن) or "eighth" (الدور ثمن النهائي), far the more
/// frequent in news. Both read wrongly as a speech act on the news corpus.
fn ar_speech_verb(doc: &NormalizedDoc, i: usize) -> bool {
    const BEFORE_VERB: &[&str] = &["كما", "قد", "لقد", "جانبه", "جانبها", "جهته", "جهتها"];
    let norm = norm_at(doc, i);
    let b = bare(norm);
    if b == "ثمن" {
        let prefixed = b != norm;
        let after_verb_word =
            i.checked_sub(1).is_some_and(|j| BEFORE_VERB.contains(&bare(norm_at(doc, j))));
        return prefixed || after_verb_word;
    }
    // بحذر، كحذر: matched by the key حذر only.
    !(b.starts_with(['ب', 'ك']) && key_at(doc, i) == "حذر") && key_at(doc, i) != "ثمن"
}

/// The object of an act: the first of `rest` (the mentions after the cue,
/// in order) that `eligible` accepts, if it lies within [`OBJECT_REACH`]
/// words of the cue, or of the holder when the holder follows the cue
/// (VSO): objects follow closely.
fn object_after<'k>(
    cue: &Range<usize>,
    holder: Option<&Mention<'k>>,
    rest: &[&Mention<'k>],
    eligible: impl Fn(&Mention<'k>) -> bool,
) -> Option<&'k str> {
    let anchor = match holder {
        Some(h) if h.tokens.start >= cue.end => h.tokens.clone(),
        _ => cue.clone(),
    };
    rest.iter()
        .find(|m| eligible(m))
        .filter(|m| gap(&anchor, &m.tokens) <= OBJECT_REACH)
        .map(|m| m.key)
}

/// True when the Arabic verb at `cue` has its subject before it, so a
/// mention after it is its object: the mention right before it («روسيا
/// تدين»), or before the particle قد («الحرس الثوري الإيراني قد اتهم
/// واشنطن»), or a relative pronoun right before a verb without an object
/// pronoun, whose antecedent is the subject («إسرائيل التي تتهم الاتحاد
/// الأوروبي»); with one, the antecedent is the object and the subject
/// follows («غولن الذي تتهمه أنقرة»).
fn subject_before(doc: &NormalizedDoc, cue: &Range<usize>, before: Option<&Mention>) -> bool {
    const PARTICLE: &[&str] = &["قد", "لقد"];
    let prev = cue.start.checked_sub(1).map(|j| unprefixed(norm_at(doc, j)));
    let suffixed = suffixed_at(doc, cue.start);
    (prev.is_some_and(|w| RELATIVE.contains(&w)) && !suffixed)
        || before.is_some_and(|b| match gap(&b.tokens, cue) {
            0 => true,
            1 => prev.is_some_and(|w| PARTICLE.contains(&w)),
            _ => false,
        })
}

/// True when mention `m` follows `prev` directly and opens with a
/// conjunction و ([`conjoined`]): «روسيا وسوريا» is one coordinated phrase.
pub(crate) fn joined(doc: &NormalizedDoc, prev: &Range<usize>, m: &Mention) -> bool {
    gap(prev, &m.tokens) == 0 && conjoined(doc, m.tokens.start)
}

/// Arabic relative pronouns (normalised): they look definite but are not,
/// and one right before a verb stands for its subject or its object.
pub(crate) const RELATIVE: &[&str] =
    &["التي", "الذي", "الذين", "اللتين", "اللذين", "اللواتي", "اللاتي"];

/// True for an Arabic word with the article (الحكومة، والخارجية، للحكومة),
/// not a relative pronoun or a preposition that starts like one.
pub(crate) fn definite(word: &str) -> bool {
    let w = unprefixed(word);
    let w = w.strip_prefix(['ب', 'ك']).unwrap_or(w);
    (w.starts_with("ال") || w.starts_with("لل"))
        && w.chars().count() >= 4
        && !RELATIVE.contains(&w)
        && !matches!(w, "الي" | "الى")
}

/// True when the Arabic mention `m`, after the VSO verb `cue`, starts after
/// a complete definite subject: «أدانت الحكومة مجموعة فاغنر», «أدانت الحكومة
/// بشدة موسكو» (the government condemned the Wagner group, Moscow). A
/// definite noun cannot head a construct (idafa), so a definite word followed
/// by an indefinite one ends its phrase; an adjective is definite like its
/// noun («الحكومة الروسية», «الرئيس الأمريكي»), and then the mention belongs
/// to the subject; so does a name joined to it by و («ندد الأردن ومصر
/// والسعودية»: Jordan, Egypt and Saudi Arabia condemned).
fn after_definite_subject(doc: &NormalizedDoc, cue: &Range<usize>, m: &Mention) -> bool {
    (cue.end..m.tokens.start).any(|j| {
        let w = norm_at(doc, j);
        let joined_to_it = j + 1 == m.tokens.start && conjoined(doc, j + 1);
        definite(w)
            && !TITLES.contains(&unprefixed(w))
            && !definite(norm_at(doc, j + 1))
            && !joined_to_it
    })
}

/// True when the Arabic word at token `i` opens with the conjunction و
/// (before the article, or lost by the key: ومصر → مصر, while واشنطن
/// keeps its و).
pub(crate) fn conjoined(doc: &NormalizedDoc, i: usize) -> bool {
    let norm = norm_at(doc, i);
    norm.starts_with("وال") || norm.starts_with('و') && !key_at(doc, i).starts_with('و')
}

/// True when the Arabic mention `m` follows a preposition written as its
/// own word: it is a complement, never the subject («توجيه أصابع الاتهام
/// مباشرة إلى الكرملين» points the accusation at the Kremlin, which is its
/// object, not its author).
fn after_preposition(doc: &NormalizedDoc, m: &Mention) -> bool {
    const PREPS: &[&str] = &[
        "الي", "الى", "علي", "على", "ضد", "من", "عن", "في", "مع", "حول", "لدي", "لدى", "نحو",
        "بين", "عبر", "تجاه", "ازاء",
    ];
    let Some(j) = m.tokens.start.checked_sub(1) else { return false };
    // «كل من فرنسا وألمانيا» (both France and Germany) names the subject.
    let both = bare(norm_at(doc, j)) == "من" && j >= 1 && bare(norm_at(doc, j - 1)) == "كل";
    PREPS.contains(&bare(norm_at(doc, j))) && !both
}

/// True when a word between the Arabic cue and the mention `m` carries an
/// attached ب («تندد بسجل السعودية», «نددت بالإجراءات الأمريكية»): the
/// mention is inside the verb's complement, its object, not its subject.
/// The key has lost the clitic («بسجل» → سجل); a word that begins with the
/// letter keeps it (بيان). Only ب: a genitive ل is part of a subject's
/// title («الأمين العام للأمم المتحدة»), and so is «باسم» («المتحدث باسم
/// الخارجية الإيرانية»); the mention's own word is left alone (the key of
/// the name «بوتن» loses its ب too). For speech verbs only: after an
/// accusation the ب-phrase is the charge («اتهم بمخالفة الحظر الأمريكي»),
/// which names no accused.
fn in_complement(doc: &NormalizedDoc, cue: &Range<usize>, m: &Mention) -> bool {
    (cue.end..m.tokens.start).any(|j| {
        let b = bare(norm_at(doc, j));
        clitic_at(doc, j, 'ب') && b.contains(key_at(doc, j)) && b != "باسم"
    })
}

/// Definite titles a name follows in apposition («الرئيس دونالد ترامب»,
/// «المستشارة أنغيلا ميركل»): the name is still the subject. Normalised
/// forms (ة as ه, hamza-less alifs).
const TITLES: &[&str] = &[
    "الرئيس",
    "الرئيسه",
    "الملك",
    "الملكه",
    "الامير",
    "الاميره",
    "الشيخ",
    "الشيخه",
    "الوزير",
    "الوزيره",
    "الزعيم",
    "السيد",
    "السيده",
    "المستشار",
    "المستشاره",
    "الجنرال",
    "العقيد",
    "اللواء",
    "المشير",
    "الدكتور",
    "الامين",
    "البابا",
    "الامام",
    "المرشد",
    "النائب",
    "النائبه",
    "السفير",
    "السفيره",
    "المبعوث",
    "المبعوثه",
    "المتحدث",
    "المتحدثه",
    "الناطق",
    "الناطقه",
    "القاضي",
];

/// `word` without a leading و or ف.
pub(crate) fn unprefixed(word: &str) -> &str {
    word.strip_prefix(['و', 'ف']).unwrap_or(word)
}

/// `word` without a leading و (a ف kept: «فإن» is not «إن»).
pub(crate) fn unprefixed_waw(word: &str) -> &str {
    word.strip_prefix('و').unwrap_or(word)
}

/// Words strictly between two token ranges (0 when adjacent).
fn gap(left: &Range<usize>, right: &Range<usize>) -> usize {
    right.start.saturating_sub(left.end)
}

/// True when mention `m` is the complement of a patient preposition (the
/// one an act hits, not its object): the word before it is على، ضد، on ...
/// or the article/determiner after one (against the US, contre la Russie).
fn in_patient_pp(doc: &NormalizedDoc, m: &Mention) -> bool {
    let before = |k: usize| m.tokens.start.checked_sub(k).map(|j| norm_at(doc, j));
    let is_prep = |w: Option<&str>| w.is_some_and(|w| PATIENT_PREPS.contains(&bare(w)));
    is_prep(before(1))
        || (matches!(before(1), Some("the" | "la" | "le" | "les")) && is_prep(before(2)))
}

/// Words after the «من» of «بدعم من» that may come before the giver's
/// name: «بدعم من ضربات جوية روسية», «بدعم من التحالف العربي بقيادة المملكة
/// العربية السعودية».
const REACH_AFTER_FROM: usize = 4;

/// Normalised forms of "with the support (help, backing) of", with or
/// without و: the words after them name who gives it.
const BACKED_BY: &[&str] = &["بدعم", "وبدعم", "بمساعده", "وبمساعده", "بمسانده", "وبمسانده"];

/// For a cue «بدعم» (with the support of), the one who gives the support:
/// the first target named within four words after the «من» that follows it
/// («بدعم من روسيا», «بدعم كامل من الحكومة الليبية», «بدعم من قبل السلطات
/// السعودية»), or, in a phrase set off by a comma, right after it («،
/// بدعم إيراني»). `Some(None)` when no target is named there («، بدعم
/// التحالف العربي،»: the coalition gives it, not the Houthis named further
/// on); `None` when the cue is no such phrase. On the news corpus the nearest target of
/// «بدعم» was most often the side the supported forces fight.
pub(crate) fn backer<'k>(
    doc: &NormalizedDoc,
    cue: &Range<usize>,
    mentions: &[Mention<'k>],
) -> Option<Option<&'k str>> {
    if cue.len() != 1 || !BACKED_BY.contains(&norm_at(doc, cue.start)) {
        return None;
    }
    let at = |j: usize| mentions.iter().find(|m| m.tokens.start == j).map(|m| m.key);
    let open = |j: usize| j < doc.len() && !doc.clause_break_before(j);
    // The giver's «من» within three words («بدعم جوي من التحالف», «بدعم
    // وإسناد من»), «من قبل» counting as one.
    let from = (cue.end..cue.end + 3).take_while(|&j| open(j)).find(|&j| key_at(doc, j) == "من");
    if let Some(j) = from {
        let first = if key_at(doc, j + 1) == "قبل" { j + 2 } else { j + 1 };
        return Some((first..first + REACH_AFTER_FROM).take_while(|&i| open(i)).find_map(at));
    }
    // Without «من», only a phrase set off before it is circumstantial
    // («، بدعم التحالف العربي،»); after a verb or a noun that takes ب
    // («التزام الولايات المتحدة بدعم المؤسسات», «تعهدت بدعم») it is the
    // act of supporting, which the other rules attach.
    if !doc.clause_break_before(cue.start) {
        return None;
    }
    Some((cue.end..cue.end + 2).take_while(|&j| open(j)).find_map(at))
}

/// The roles of the cue at `cue` of class `class`; `mentions` are the
/// sentence's mentions in the cue's voice, in text order.
pub(crate) fn assign<'k>(
    cue: &Range<usize>,
    class: Class,
    mentions: &[Mention<'k>],
    clause: &[u32],
    doc: &NormalizedDoc,
) -> Roles<'k> {
    let c = clause.get(cue.start).copied();
    let same_clause = |m: &&Mention| clause.get(m.tokens.start).copied() == c;
    let before: Option<&Mention> =
        mentions.iter().filter(same_clause).rfind(|m| m.tokens.end <= cue.start);
    let after: Vec<&Mention> =
        mentions.iter().filter(same_clause).filter(|m| m.tokens.start >= cue.end).collect();
    let arabic = is_arabic(norm_at(doc, cue.start));
    let none = |rule| Roles { target: None, holder: None, object: None, rule };
    match class {
        Class::Speech | Class::Accusation | Class::Demand => {
            // `anchor`: where the object's reach starts counting, the last
            // of the holder's coordinated mentions.
            let (holder, anchor, rest): (Option<&Mention>, Option<&Mention>, &[&Mention]) =
                if arabic {
                    let svo = subject_before(doc, cue, before);
                    match after.first() {
                        Some(a)
                            if !svo
                                && gap(cue, &a.tokens) <= VSO_SUBJECT_GAP
                                && !after_definite_subject(doc, cue, a)
                                && !after_preposition(doc, a)
                                && (class != Class::Speech || !in_complement(doc, cue, a)) =>
                        {
                            // Co-holders joined by و right after the holder
                            // («اتهمت روسيا وسوريا إسرائيل»): the object is the
                            // one after them, not the second speaker.
                            let k = 1 + after[1..]
                                .iter()
                                .zip(&after)
                                .take_while(|(m, prev)| joined(doc, &prev.tokens, m))
                                .count();
                            (Some(*a), Some(after[k - 1]), &after[k..])
                        }
                        _ => (before, before, &after[..]),
                    }
                } else {
                    let passive = cue
                        .start
                        .checked_sub(1)
                        .is_some_and(|j| BE_WORDS.contains(&norm_at(doc, j)))
                        || norm_at(doc, cue.start).ends_with("ed") && norm_at(doc, cue.end) == "by";
                    // The agent after by/par ("rejected by the U.S. Supreme
                    // Court", «par la France»).
                    let agent = after.iter().position(|a| {
                        latin_agent_marked(doc, a.tokens.start)
                            && gap(cue, &a.tokens) <= SUBJECT_GAP + 1
                    });
                    match (passive, agent) {
                        (true, Some(k)) => {
                            // The object of a passive is its subject, before it.
                            let object = before.map(|b| b.key);
                            let holder = Some(after[k].key);
                            return Roles { target: object, holder, object, rule: Rule::Object };
                        }
                        // With no agent named ("China has been accused of
                        // abuses", «la Russie est accusée d'ingérence») the
                        // subject is still the object, and no one holds it.
                        _ if agentless_passive(doc, cue) => {
                            let object = before
                                .filter(|b| passive_subject(doc, &b.tokens, cue))
                                .map(|b| b.key);
                            return Roles {
                                target: object,
                                holder: None,
                                object,
                                rule: Rule::Object,
                            };
                        }
                        _ => (before, before, &after[..]),
                    }
                };
            // «يجب على إيران»: a demand's addressee may follow على.
            // «السفيرة الأميركية لدى الأمم المتحدة»: a name after «لدى»
            // is the host in a title, never what is said of.
            let hosted = |m: &Mention| {
                m.tokens.start >= 1
                    && matches!(bare(norm_at(doc, m.tokens.start - 1)), "لدى" | "لدي")
            };
            // The title ends with its host: the object's reach counts from
            // there («اتهمت السفارة الروسية لدى لندن، الأحد، بريطانيا»).
            let anchor = rest.iter().take_while(|m| hosted(m)).last().copied().or(anchor);
            // An Arabic verb with an object pronoun has its object
            // («وتتهمهم بالارتباط مع إيران»): a name after a separate
            // preposition is then in its complement, not accused or judged.
            let pronoun_object = arabic && suffixed_at(doc, cue.start);
            let complement = |m: &Mention| pronoun_object && after_preposition(doc, m);
            let aimed = |m: &Mention| class != Class::Demand && in_patient_pp(doc, m);
            let object =
                object_after(cue, anchor, rest, |m| !(aimed(m) || hosted(m) || complement(m)));
            Roles { target: object, holder: holder.map(|m| m.key), object, rule: Rule::Object }
        }
        Class::Emotion => {
            // The owner: right after the noun («الغضب التركي», «غضب الرئيس
            // أردوغان», «قلق واشنطن») unless a pronoun already owns it
            // («قلقها»); else the subject before it («أعربت الأمم المتحدة عن
            // قلقها»). What it is about: the next target within reach
            // («إزاء قرار واشنطن»), else no one — never the owner.
            let owned = suffixed_at(doc, cue.start);
            let (holder, rest): (Option<&Mention>, &[&Mention]) = match after.first() {
                Some(a) if !owned && gap(cue, &a.tokens) <= 1 && !after_preposition(doc, a) => {
                    (Some(*a), &after[1..])
                }
                _ => (before, &after[..]),
            };
            let object = object_after(cue, holder, rest, |_| true)
                .filter(|&k| Some(k) != holder.map(|h| h.key));
            Roles { target: object, holder: holder.map(|m| m.key), object, rule: Rule::Object }
        }
        Class::State => {
            let after_ok = after.first().filter(|a| {
                let g = gap(cue, &a.tokens);
                if arabic {
                    g <= SUBJECT_GAP
                } else {
                    // the retreat of Russian forces, le recul des forces russes
                    OF_WORDS.contains(&norm_at(doc, cue.end)) && (1..=SUBJECT_GAP).contains(&g)
                }
            });
            let before_ok = before.filter(|b| {
                let g = gap(&b.tokens, cue);
                if arabic {
                    g == 0
                } else {
                    g <= SUBJECT_GAP
                }
            });
            let subject = if arabic {
                after_ok.copied().or(before_ok)
            } else {
                before_ok.or(after_ok.copied())
            };
            match subject {
                Some(s) => Roles {
                    target: Some(s.key),
                    holder: Some(s.key),
                    object: None,
                    rule: Rule::Subject,
                },
                None => none(Rule::Subject),
            }
        }
        Class::Patient => {
            let owner = owner_of(cue, before, &after, arabic, doc);
            let patient = after
                .iter()
                .find(|m| gap(cue, &m.tokens) <= PATIENT_REACH + 1 && in_patient_pp(doc, m))
                .map(|m| m.key);
            Roles { target: patient, holder: owner, object: patient, rule: Rule::Patient }
        }
        Class::Threat => {
            // Who threatens is found as a speech act's speaker («هدد ترامب
            // إيران», «إيران تهدد»), a noun's owner («التهديدات الإيرانية»),
            // or the mention before it in its clause; the threatened,
            // after it, is never blamed. (The nearest mention before it in
            // the sentence was tried: on the news corpus it was mostly the
            // threatened or a bystander, 4 of 20 read right.)
            let speech = assign(cue, Class::Speech, mentions, clause, doc);
            // A definite word right before the verb, in its clause, is its
            // subject («الصواريخ تهدد السعودية»): the target after it is
            // threatened. Not before a noun («الأربعاء التهديدات الأمريكية»).
            let verb = !bare(norm_at(doc, cue.start)).contains("تهديد");
            let prev = cue.start.checked_sub(1).map(|j| norm_at(doc, j));
            let svo =
                arabic && verb && !doc.clause_break_before(cue.start) && prev.is_some_and(definite);
            let holder = if svo {
                before.filter(|b| gap(&b.tokens, cue) == 0).map(|b| b.key)
            } else {
                // "the danger posed by Iran": the agent after by/par.
                let agent = (!arabic).then(|| doer_of(cue, None, &after, arabic, doc)).flatten();
                speech
                    .holder
                    .or(agent)
                    .or_else(|| owner_of(cue, before, &after, arabic, doc))
                    .or(before.map(|b| b.key))
            };
            Roles { target: holder, holder, object: speech.object, rule: Rule::Subject }
        }
        Class::Deed => match doer_of(cue, before, &after, arabic, doc) {
            Some(d) => Roles { target: Some(d), holder: Some(d), object: None, rule: Rule::Owner },
            None => none(Rule::Owner),
        },
        // An Arabic indicator's owner may follow its noun complement or
        // adjective («صادرات النفط الإيراني», «العجز التجاري التركي»),
        // unless a pronoun already owns it («روسيا تسعى لزيادة صادراتها»).
        Class::Indicator
            if arabic
                && !suffixed_at(doc, cue.end - 1)
                && after.first().is_some_and(|a| gap(cue, &a.tokens) <= INDICATOR_OWNER_GAP) =>
        {
            let o = after.first().map(|a| a.key);
            Roles { target: o, holder: o, object: None, rule: Rule::Owner }
        }
        Class::Envoy => match envoy_state(cue, before, &after, arabic, doc) {
            Some(d) => Roles { target: Some(d), holder: Some(d), object: None, rule: Rule::Owner },
            None => none(Rule::Owner),
        },
        Class::Support => match supporter(cue, before, &after, arabic, doc) {
            Some(s) => Roles { target: Some(s), holder: Some(s), object: None, rule: Rule::Owner },
            None => none(Rule::Owner),
        },
        Class::Indicator | Class::Other => match owner_of(cue, before, &after, arabic, doc) {
            Some(o) => Roles { target: Some(o), holder: Some(o), object: None, rule: Rule::Owner },
            None => {
                let t = attach(cue, mentions, clause, doc);
                Roles { target: t, holder: None, object: t, rule: Rule::Nearest }
            }
        },
    }
}

/// The state an envoy represents: in Arabic a nisba right after it that
/// agrees with it in definiteness («السفير السعودي»), a plural one after a
/// sound plural («الدبلوماسيين الأمريكيين»), an accusative one after an
/// accusative («طرد 23 دبلوماسيا روسيا»); in French and English its owner
/// ([`owner_of`]: «diplomates russes», «l'ambassadeur de France», "Russian
/// diplomats", "the U.S. ambassador"). Nothing else: the one who expels or
/// summons is named in the same clause as often («طردت بريطانيا 23
/// دبلوماسيا»).
fn envoy_state<'k>(
    cue: &Range<usize>,
    before: Option<&Mention<'k>>,
    after: &[&Mention<'k>],
    arabic: bool,
    doc: &NormalizedDoc,
) -> Option<&'k str> {
    if arabic {
        let q = norm_at(doc, cue.end - 1);
        let plural = q.ends_with("ين") || q.ends_with("ون");
        let agrees = |a: &&&Mention| {
            let w = norm_at(doc, a.tokens.start);
            a.tokens.len() == 1
                && gap(cue, &a.tokens) == 0
                && ((super::stance::nisba(w, plural) && definite(w) == definite(q))
                    || (q.ends_with("يا") && w.ends_with("يا")))
        };
        return after.first().filter(agrees).map(|a| a.key);
    }
    owner_of(cue, before, after, false, doc)
}

/// The party a cue of support is about: who gives it, or the one named in
/// construct with it; else no one, never the nearest name. A mention after
/// a preposition written as its own word («من سوريا») or carrying ل
/// («للحوثيين») is a complement, never either.
/// - An Arabic verb (يدعم، تدعم، دعمت): its subject right before it («روسيا
///   تدعم») or right after it («تدعمه إيران», «ودعمته الولايات المتحدة»:
///   a verb with و or an object pronoun takes the one after it; at most
///   [`SUBJECT_GAP`] words between); after a relative pronoun with no
///   object pronoun the subject is the antecedent («الدول التي تدعم الملف
///   المغربي»), named right there or no one.
/// - An Arabic noun, in order: its doer ([`doer_of`]: «من قبل», the
///   mention its pronoun points back to, «تواصل إيران دعمها», a nisba after
///   it, «الدعم الإيراني»); the subject of a verb of giving or declaring
///   before it ([`SUPPORT_VERBS`]: «قدمت السعودية دعما», «أعلنت قطر دعم
///   الحكومة»); the one committed to it («التزام الولايات المتحدة بدعم»,
///   [`COMMITTED`]); its owner ([`owner_of`]: a name in idafa right after
///   it, «دعم الأمم المتحدة», the giver or the one supported); the name
///   after one bare indefinite noun in idafa («دعم جهود الأمم المتحدة»).
/// - French and English: its doer or owner (American support, the support
///   of France, support by Russia), the mention a possessive points back to
///   ("Russia did not stop its support", «la Russie renforce son soutien»),
///   or the subject before its verb ("Russia did not quite support": at
///   most [`SUBJECT_GAP`] + 1 words between, for the auxiliaries).
///
/// On the news corpus «دعم» was the most frequent targeted cue (6,839 of
/// 90,188); of 30 read, 15 of the 18 wrong ones had gone to the nearest
/// name: a gold price's support levels beside the Federal Reserve, calls to
/// support hospitals after the US embassy, the coalition's support for the
/// resistance counted for the Houthis it fights.
fn supporter<'k>(
    cue: &Range<usize>,
    before: Option<&Mention<'k>>,
    after: &[&Mention<'k>],
    arabic: bool,
    doc: &NormalizedDoc,
) -> Option<&'k str> {
    let complement = |m: &Mention| arabic && (after_preposition(doc, m) || with_lam(doc, m));
    let before = before.filter(|b| !complement(b));
    let after: Vec<&Mention<'k>> = after.iter().copied().filter(|a| !complement(a)).collect();
    let norm = norm_at(doc, cue.start);
    if arabic && arabic_verb(norm) {
        let vso = after.first().filter(|a| gap(cue, &a.tokens) <= SUBJECT_GAP).map(|a| a.key);
        // «ودعمته الولايات المتحدة» opens a clause of its own, and «قوات
        // كردية سورية تدعمها الولايات المتحدة» has its object pronoun:
        // the subject follows either way.
        let opens = unprefixed(norm) != norm || suffixed_at(doc, cue.start);
        if !(opens && vso.is_some()) && subject_before(doc, cue, before) {
            return before.filter(|b| gap(&b.tokens, cue) <= 1).map(|b| b.key);
        }
        return vso;
    }
    // «دعم جهود الأمم المتحدة»: the support of its efforts is of it. The
    // noun between carries no clitic: «بدعم وتدريب جبهة البوليساريو» is two
    // acts, «دعمها لأعداء المغرب» is for Morocco's enemies.
    let bare_noun = |j: usize| {
        let n = norm_at(doc, j);
        unprefixed(n) == n && !clitic_at(doc, j, 'ل') && !clitic_at(doc, j, 'ب')
    };
    let chain = after.first().filter(|a| {
        let j = cue.end;
        arabic
            && a.tokens.start == j + 1
            && bare_noun(j)
            && !definite(norm_at(doc, j))
            && !suffixed_at(doc, j)
            && !doc.clause_break_before(j)
            && !doc.clause_break_before(j + 1)
    });
    // «التزام الولايات المتحدة بدعم»: the one committed gives it; not the
    // complement of any noun («طرد الحوثيين بدعم التحالف»).
    let committed = before.filter(|b| {
        let head = b.tokens.start.checked_sub(1).map(|j| key_at(doc, j));
        arabic
            && gap(&b.tokens, cue) == 0
            && (clitic_at(doc, cue.start, 'ب') || clitic_at(doc, cue.start, 'ل'))
            && head.is_some_and(|h| COMMITTED.contains(&h))
    });
    // "Russia did not stop its support", «la Russie renforce son soutien»:
    // the possessive points back to the mention before it in its clause.
    let possessive = before.filter(|b| {
        !arabic
            && gap(&b.tokens, cue) <= POSSESSIVE_REACH
            && cue.start >= 1
            && POSSESSIVES.contains(&norm_at(doc, cue.start - 1))
    });
    doer_of(cue, before, &after, arabic, doc)
        .or_else(|| arabic.then(|| verb_subject(SUPPORT_VERBS, cue, before, doc)).flatten())
        .or_else(|| committed.or(possessive).map(|b| b.key))
        .or_else(|| owner_of(cue, before, &after, arabic, doc))
        .or_else(|| chain.map(|a| a.key))
        .or_else(|| {
            let b = before.filter(|_| !arabic)?;
            // "Russia received support", "are seeking backing": the subject
            // of a verb of receiving or asking gets the support.
            let receives = (b.tokens.end..cue.start).any(|j| {
                let w = norm_at(doc, j);
                RECEIVING.iter().any(|p| w.starts_with(p))
            });
            (gap(&b.tokens, cue) <= SUBJECT_GAP + 1 && !receives).then_some(b.key)
        })
}

/// Prefixes of the French and English verbs whose subject receives, seeks
/// or lacks the support after them: received, seeking, sought, asked,
/// requested, won, gained, got, needs, lacks, enjoys; reçu, demande,
/// sollicite, obtenu, bénéficie.
const RECEIVING: &[&str] = &[
    "receiv",
    "seek",
    "sought",
    "ask",
    "request",
    "won",
    "win",
    "gain",
    "got",
    "get",
    "need",
    "lack",
    "enjoy",
    "obtain",
    "want",
    "reçu",
    "reçoi",
    "recev",
    "demand",
    "sollicit",
    "obten",
    "obtien",
    "bénéfici",
];

/// Arabic verbs whose subject gives the support or aid they govern («قدمت
/// السعودية دعما», «أعلنت قطر دعم الحكومة», «جددت روسيا دعمها», «أرسلت
/// الإمارات مساعدات»), without a leading و/ف: provide, grant, announce,
/// affirm, renew, express, send, distribute (its past tense starts with و and
/// is read as a conjunction: not listed).
const SUPPORT_VERBS: &[&str] = &[
    "قدم",
    "قدمت",
    "قدموا",
    "يقدم",
    "تقدم",
    "يقدمون",
    "منح",
    "منحت",
    "يمنح",
    "تمنح",
    "اعلن",
    "اعلنت",
    "يعلن",
    "تعلن",
    "اكد",
    "اكدت",
    "يؤكد",
    "تؤكد",
    "جدد",
    "جددت",
    "يجدد",
    "تجدد",
    "ابدي",
    "ابدت",
    "يبدي",
    "تبدي",
    "ارسل",
    "ارسلت",
    "يرسل",
    "ترسل",
    "يوزع",
    "توزع",
];

/// Keys of the Arabic nouns of commitment or effort whose complement in
/// idafa gives the support after them («التزام الولايات المتحدة بدعم»,
/// «سعي روسيا لدعم»).
const COMMITTED: &[&str] =
    &["التزام", "تعهد", "سعي", "حرص", "استعداد", "عزم", "قرار", "رغبه", "جهود", "مواصله"];

/// French and English possessives before a noun of support ("its support",
/// «son soutien»).
const POSSESSIVES: &[&str] = &["its", "their", "his", "her", "son", "sa", "ses", "leur", "leurs"];
/// Most words between a possessive's noun of support and the mention it
/// points back to («La Russie n'hésitera pas à renforcer son soutien»: six).
const POSSESSIVE_REACH: usize = 6;

/// True when the Arabic mention `m` carries the preposition ل («للحوثيين»,
/// «لإسرائيل»): the one something is for, not who does it.
fn with_lam(doc: &NormalizedDoc, m: &Mention) -> bool {
    clitic_at(doc, m.tokens.start, 'ل')
}

/// True when the Arabic word at token `i` (without a leading و/ف) carries
/// the one-letter clitic `c` (ب or ل): its key has lost the letter, while a
/// word that begins with it keeps it (لبنان، بريطانيا).
fn clitic_at(doc: &NormalizedDoc, i: usize, c: char) -> bool {
    bare(norm_at(doc, i)).starts_with(c) && !key_at(doc, i).starts_with(c)
}

/// True when the Arabic word (normalised) is a verb of support rather than
/// the noun: an imperfect (يدعم، تدعم، ندعم، يساند، تساند) or a past with its subject
/// ending (دعمت، دعموا), with or without و/ف and an object pronoun.
fn arabic_verb(norm: &str) -> bool {
    let w = unprefixed(norm);
    ["يدعم", "تدعم", "ندعم", "دعمت", "دعموا", "يساند", "تساند", "نساند", "ساند"]
        .iter()
        .any(|v| w.starts_with(v))
}

/// The owner of a nominal act: in Arabic a mention right after it (nisba
/// adjective or idafa: العقوبات الأمريكية، هيمنة واشنطن); in French and
/// English a mention right after it (sanctions américaines) or after
/// `of`/`de`/`by` (the hegemony of the United States), or right before it
/// (American hegemony, Washington's meddling).
fn owner_of<'k>(
    cue: &Range<usize>,
    before: Option<&Mention<'k>>,
    after: &[&Mention<'k>],
    arabic: bool,
    doc: &NormalizedDoc,
) -> Option<&'k str> {
    // Right after the cue in Arabic (idafa, nisba) and for a French
    // adjective («les sanctions américaines»); a French or English name or
    // an English adjective right after a cue is its object or modifies the
    // next noun ("violating U.S. laws"). Further on, an owner needs its
    // preposition, not only an article ("the hegemony of the United
    // States", not "violates the U.S. Constitution").
    let next = after.first().filter(|a| {
        let g = gap(cue, &a.tokens);
        let between = cue.end..a.tokens.start;
        if arabic {
            g == 0
        } else {
            (g == 0 && !a.capital)
                || (g <= 2
                    && between.clone().all(|j| OF_WORDS.contains(&norm_at(doc, j)))
                    && between.into_iter().any(|j| OF_PREPS.contains(&norm_at(doc, j))))
        }
    });
    if let Some(a) = next {
        return Some(a.key);
    }
    if arabic {
        return relative_subject(cue, after, doc).map(|a| a.key);
    }
    before.filter(|b| gap(&b.tokens, cue) == 0).map(|b| b.key)
}

/// Keys of the Arabic deeds done to a person or a vehicle: the noun in
/// idafa after them is the victim even when it could be an actor head
/// («اختطاف طائرة مصرية» is a hijacked Egyptian plane, not Egypt's deed).
const VICTIM_DEEDS: &[&str] = &["اختطاف", "اغتيال", "تسميم", "تهجير", "تجويع"];

/// Keys of the manner adjectives that may stand between an Arabic deed and
/// the nisba of its doer («قصف جوي روسي», «الغارات الجوية الإسرائيلية»,
/// «القصف المدفعي التركي», «العدوان العسكري التركي»), or between a crisis
/// and the nisba of the one it is of («الأزمة الاقتصادية التركية»).
const DEED_MANNER: &[&str] = &[
    "اقتصادي",
    "اقتصاديه",
    "مالي",
    "ماليه",
    "نقدي",
    "نقديه",
    "سياسي",
    "سياسيه",
    "دبلوماسي",
    "دبلوماسيه",
    "جوي",
    "جويه",
    "مدفعي",
    "مدفعيه",
    "صاروخي",
    "صاروخيه",
    "عسكري",
    "عسكريه",
    "بري",
    "بريه",
    "كيماوي",
    "كيماويه",
    "كيميائي",
    "كيميائيه",
    "اخير",
    "اخيره",
    "جديد",
    "جديده",
    "متواصل",
    "متواصله",
    "مستمر",
    "مستمره",
    "متكرر",
    "متكرره",
    "وحشي",
    "وحشيه",
    "غاشم",
    "غاشمه",
    "سافر",
    "سافره",
    "همجي",
    "همجيه",
    "عنيف",
    "عنيفه",
    "دامي",
    "داميه",
];

/// Keys of the Arabic nouns that name the armed or ruling arm of a state,
/// which may stand between a deed and the nisba of its doer in idafa
/// («انتهاكات النظام السوري», «قصف الطيران الروسي», «هجوم القوات
/// التركية»); a noun not on the list is the deed's victim or place there
/// («احتلال الأراضي الفلسطينية»).
const ACTOR_HEADS: &[&str] = &[
    "نظام",
    "حكومه",
    "جيش",
    "جيوش",
    "قوات",
    "طيران",
    "طائرات",
    "طائره",
    "مقاتلات",
    "ميليشيات",
    "ميليشيا",
    "مليشيات",
    "مليشيا",
    "سلطات",
    "شرطه",
    "بحريه",
    "بوارج",
];

/// Forms of وقف (to stand) between a subject and «وراء»: «روسيا تقف وراء
/// الهجوم» is the one behind it, as «روسيا وراء الهجوم» (VSO, «يقف الحوثيون
/// وراء», needs none: the subject is right before «وراء»).
const STANDS: &[&str] = &["يقف", "تقف", "يقفون", "يقفان", "تقفان", "وقف", "وقفت", "وقفوا"];

/// Arabic light verbs whose subject does the deed they govern («ارتكبت
/// ميليشيات الحوثي مجزرة», «إسرائيل تشن غارات», «قام زورق إسرائيلي بخرق»),
/// without a leading و/ف.
const LIGHT_VERBS: &[&str] = &[
    "ارتكب",
    "ارتكبت",
    "ارتكبوا",
    "يرتكب",
    "ترتكب",
    "يرتكبون",
    "شن",
    "شنت",
    "شنوا",
    "يشن",
    "تشن",
    "يشنون",
    "نفذ",
    "نفذت",
    "نفذوا",
    "ينفذ",
    "تنفذ",
    "ينفذون",
    "قام",
    "قامت",
    "قاموا",
    "يقوم",
    "تقوم",
    "يقومون",
    "مارس",
    "مارست",
    "يمارس",
    "تمارس",
];

/// Most words between a light verb and the deed it governs («شنت الطائرات
/// الحربية الإسرائيلية غارات»: three).
const LIGHT_REACH: usize = 4;

/// Most words between a deed and the doer named after «من قبل», «على يد»,
/// «على أيدي», by or par («الغارات التي شنت من قبل الطيران الروسي»).
const AGENT_REACH: usize = 4;

/// The doer of a harmful deed, or no one. In every language, the agent
/// after a marker: «من قبل», «على يد», «على أيدي», by, par («الغارات التي
/// شنت من قبل الطيران الروسي», airstrikes by Russia). In Arabic, then
/// [`arabic_doer`]. In French and English: a mention right before it
/// (Russian airstrikes, Russia's aggression) or an adjective right after
/// it (les frappes russes); not after of or de (the occupation of
/// Palestine names the victim).
fn doer_of<'k>(
    cue: &Range<usize>,
    before: Option<&Mention<'k>>,
    after: &[&Mention<'k>],
    arabic: bool,
    doc: &NormalizedDoc,
) -> Option<&'k str> {
    let agent = after.iter().find(|a| {
        let s = a.tokens.start;
        // The marker right before the mention, or before its head noun
        // («من قبل القوات التركية»).
        let marked = if arabic {
            (2..=3).any(|k| {
                s >= k
                    && matches!(
                        (bare(norm_at(doc, s - k)), bare(norm_at(doc, s - k + 1))),
                        ("من", "قبل") | ("علي" | "على", "يد" | "ايدي")
                    )
            })
        } else {
            latin_agent_marked(doc, s)
        };
        marked
            && gap(cue, &a.tokens) <= AGENT_REACH
            && !(cue.end..=s).any(|j| doc.clause_break_before(j))
    });
    if let Some(a) = agent {
        return Some(a.key);
    }
    if arabic {
        return arabic_doer(cue, before, after, doc);
    }
    // A French adjective («les violations israéliennes»); a capitalised
    // name right after a deed is what it is done to ("violating U.S. laws").
    let adjective_after = after.first().copied().filter(|a| gap(cue, &a.tokens) == 0 && !a.capital);
    adjective_after.or(before.filter(|b| gap(&b.tokens, cue) == 0)).map(|m| m.key)
}

/// The doer of an Arabic deed when no agent marker names it, in order: the
/// one «وراء» it («روسيا وراء الاعتداء»); the subject of a light verb
/// before it ([`verb_subject`]); the mention its pronoun points back
/// to («تواصل ميليشيات الحوثي انتهاكاتها»); the subject after a light verb
/// carrying its pronoun («هجوم تشنه أنقرة»); a nisba right after it that
/// agrees with it in definiteness, after at most one manner adjective or
/// an actor head in idafa (القصف الروسي، غارات إسرائيلية، الغارات الجوية
/// الإسرائيلية، قصف الطيران الروسي، انتهاكات النظام السوري); the subject of a
/// relative clause whose verb carries the deed's pronoun ([`relative_subject`]).
/// A name in idafa is left out: «احتلال فلسطين», «قصف دمشق» name the victim
/// as often as the doer, and so does a nisba after another noun («احتلال
/// الأراضي الفلسطينية»).
fn arabic_doer<'k>(
    cue: &Range<usize>,
    before: Option<&Mention<'k>>,
    after: &[&Mention<'k>],
    doc: &NormalizedDoc,
) -> Option<&'k str> {
    // «روسيا وراء الاعتداء», «روسيا تقف وراء الهجوم»: the one behind it.
    let behind = before.filter(|b| {
        // «وقف» is itself a form: try the word before stripping و.
        let stands = |j: usize| {
            let n = norm_at(doc, j);
            STANDS.contains(&n) || STANDS.contains(&bare(n))
        };
        cue.start >= 1
            && norm_at(doc, cue.start - 1) == "وراء"
            && (gap(&b.tokens, cue) == 1
                || (gap(&b.tokens, cue) == 2
                    && b.tokens.end == cue.start - 2
                    && stands(b.tokens.end)))
    });
    if let Some(b) = behind {
        return Some(b.key);
    }
    if let Some(s) = verb_subject(LIGHT_VERBS, cue, before, doc) {
        return Some(s);
    }
    // «تواصل ميليشيات الحوثي انتهاكاتها», «واصلت قوات النظام السوري
    // الجمعة قصفها», «التنديد بإيران لانتهاكها»: the pronoun points back
    // to the mention before it in its clause (a complement as often as
    // a subject; «التصدي لداعش وكثفوا هجماتهم» is still misread).
    let pronoun_owner = before.filter(|b| {
        suffixed_at(doc, cue.end - 1)
            && gap(&b.tokens, cue) <= SUBJECT_GAP
            && !(b.tokens.end..=cue.start).any(|j| doc.clause_break_before(j))
    });
    if let Some(b) = pronoun_owner {
        return Some(b.key);
    }
    // «لهجوم تشنه أنقرة», «الغارات التي شنتها الطائرات الإسرائيلية»:
    // a light verb carrying the deed's pronoun, its subject after it.
    let mut v = cue.end;
    if RELATIVE.contains(&unprefixed(norm_at(doc, v))) {
        v += 1;
    }
    let relative_light = after.first().copied().filter(|a| {
        LIGHT_VERBS.contains(&key_at(doc, v))
            && suffixed_at(doc, v)
            && a.tokens.start > v
            && a.tokens.start <= v + 1 + SUBJECT_GAP
            && !after_preposition(doc, a)
            && !in_patient_pp(doc, a)
            && !(cue.end..=a.tokens.start).any(|j| doc.clause_break_before(j))
    });
    if let Some(a) = relative_light {
        return Some(a.key);
    }
    // The nisba agrees with the word it qualifies: the deed, or the
    // actor head in idafa after it.
    let nisba_after = after.first().copied().filter(|a| {
        let (s, w) = (a.tokens.start, norm_at(doc, a.tokens.start));
        let head = s > cue.end
            && ACTOR_HEADS.contains(&key_at(doc, s - 1))
            && !VICTIM_DEEDS.contains(&key_at(doc, cue.start));
        let qualified = if head { s - 1 } else { cue.end - 1 };
        // At most one manner adjective after the deed.
        let mut between = cue.end..if head { s - 1 } else { s };
        between.len() <= 1
            && between.all(|j| DEED_MANNER.contains(&key_at(doc, j)))
            && a.tokens.len() == 1
            && super::stance::nisba(w, false)
            && definite(w) == definite(norm_at(doc, qualified))
    });
    nisba_after.or_else(|| relative_subject(cue, after, doc)).map(|a| a.key)
}

/// The subject of the Arabic verb of `verbs` governing the act at `cue`
/// (a light verb of a deed, [`LIGHT_VERBS`]: شن، ارتكب; a verb of giving
/// support, [`SUPPORT_VERBS`]: قدم، أعلن), at most [`LIGHT_REACH`] words
/// before it in its clause: the mention between them, at most
/// [`VSO_SUBJECT_GAP`] words after the verb («شنت إسرائيل غارات»), or the
/// mention right before the verb («إسرائيل تشن غارات»). `before` is the
/// nearest mention before the act in its clause.
fn verb_subject<'k>(
    verbs: &[&str],
    cue: &Range<usize>,
    before: Option<&Mention<'k>>,
    doc: &NormalizedDoc,
) -> Option<&'k str> {
    let from = cue.start.saturating_sub(LIGHT_REACH + 1);
    let v = (from..cue.start)
        .rev()
        .take_while(|&j| !doc.clause_break_before(j + 1))
        .find(|&j| verbs.contains(&bare(norm_at(doc, j))))?;
    // A place is not among the mentions («ارتكب النظام في سوريا مجازر»
    // keeps the regime in Syria).
    let b = before?;
    let vso = b.tokens.start > v && gap(&(v..v + 1), &b.tokens) <= VSO_SUBJECT_GAP;
    let svo = b.tokens.end == v && !doc.clause_break_before(v);
    (vso || svo).then_some(b.key)
}

/// The subject of a relative clause right after an Arabic nominal act,
/// whose verb carries the pronoun of that act: «الخطر الذي يمثله
/// الحوثيون» (the danger the Houthis pose), «الانتهاكات التي ترتكبها
/// إسرائيل», «الدعم العسكري الذي تقدمه إيران» (up to three definite
/// adjectives may come between). The act is the subject's. Without the pronoun the act is
/// the verb's subject and the mention its object («الخطر الذي يهدد إيران»).
fn relative_subject<'m, 'k>(
    cue: &Range<usize>,
    after: &[&'m Mention<'k>],
    doc: &NormalizedDoc,
) -> Option<&'m Mention<'k>> {
    let relative = |j: usize| RELATIVE.contains(&unprefixed(norm_at(doc, j)));
    // Only a definite noun takes a relative clause; a verb cue does not
    // («انتهكت الحظر الذي فرضته الأمم المتحدة»).
    if !definite(norm_at(doc, cue.end - 1)) {
        return None;
    }
    // Up to three definite adjectives may come between («الضغوط السياسية
    // والاقتصادية التي تمارسها واشنطن»), in the cue's clause (the mentions
    // of another clause are not in `after`: «الدعم السياسي والعسكري
    // والإعلامي، الذي يقدمه حزب الله» is not reached).
    let mut r = cue.end;
    while !relative(r) && r < cue.end + 3 && definite(norm_at(doc, r)) {
        r += 1;
    }
    if !relative(r) {
        return None;
    }
    let verb = r + 1;
    let suffixed = suffixed_at(doc, verb);
    // «المخاطر التي تواجهها تركيا»: who faces, suffers or undergoes the act
    // is its victim, not its owner.
    if super::stance::undergoes(key_at(doc, verb)) {
        return None;
    }
    let a = after.first()?;
    (suffixed
        && a.tokens.start == verb + 1
        && !(cue.end..=verb + 1).any(|j| doc.clause_break_before(j)))
    .then_some(*a)
}

/// For each token, the allegation it belongs to, if any: the words after an
/// accusation (and after its object) up to the end of its clause, at most
/// [`ALLEGATION_REACH`]. The value is the accusation's roles: its object is
/// the accused (or `None`), its holder the accuser. Accusation words are
/// found by the `role:accusation` words whether or not the lexicon scores
/// them (بتهمة، allegations). A demand (`role:demand`: «دعا إيران إلى
/// احترام», "urged Iran to cooperate") has a scope the same way, with its
/// addressee in the accused's place (the scorer uses it for favourable
/// words only: what a demand asks for is not yet done).
pub(crate) fn accusation_scopes<'k>(
    mentions: &[Mention<'k>],
    clause: &[u32],
    doc: &NormalizedDoc,
    words: &RoleWords,
    voice_of: impl Fn(usize) -> super::evidence::Voice,
) -> Vec<Option<Roles<'k>>> {
    let n = doc.len();
    let mut out: Vec<Option<Roles<'k>>> = vec![None; n];
    for i in 0..n {
        let class = class_of(doc, i, words);
        let rule = match class {
            Class::Accusation => Rule::Accused,
            Class::Demand => Rule::Addressee,
            _ => continue,
        };
        let sent = doc.tokens[i].sentence;
        let voice = voice_of(i);
        let here: Vec<Mention<'k>> = mentions
            .iter()
            .filter(|m| doc.tokens[m.tokens.start].sentence == sent && m.voice == voice)
            .cloned()
            .collect();
        let roles = assign(&(i..i + 1), class, &here, clause, doc);
        // A call on no one named («باريس تدعو إلى تجنب التصعيد»), or whose
        // "addressee" is its caller named twice («دعت الولايات المتحدة
        // الأمريكية باكستان»), leaves its words to the other rules.
        if class == Class::Demand && (roles.object.is_none() || roles.object == roles.holder) {
            continue;
        }
        let roles = Roles { target: roles.object, rule, ..roles };
        // The allegation starts after the accused when it follows the verb.
        let accused_end = here
            .iter()
            .filter(|m| m.tokens.start > i && Some(m.key) == roles.object)
            .map(|m| m.tokens.end)
            .next();
        let from = accused_end.unwrap_or(i + 1);
        let c = clause.get(i).copied();
        let mut j = from;
        while j < n && j <= from + ALLEGATION_REACH && clause.get(j).copied() == c {
            out[j].get_or_insert(roles);
            j += 1;
        }
    }
    out
}
