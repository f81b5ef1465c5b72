//! Built-in cue tables (Arabic, French, English) and the scope rules of the
//! modifiers: negation, intensifiers/dampeners, contrast, attribution.
//!
//! Input: a [`NormalizedDoc`] and the original text. Output: per-token facts
//! (is this a negator and what is its scope, a contrast marker, an
//! attribution cue, an intensifier) and clause boundaries.
//!
//! Invariant: cues are recognised on the normalised form (`norm`, with a
//! leading conjunction و/ف removed), never on the clitic-stripped key, so a
//! word that merely *contains* a cue (كما، عندما، مما) is never a cue; the
//! fixed expressions that start with a negator but do not negate (لا سيما،
//! لا بد، لا يزال، غير أن ...) are listed as exceptions.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::roles::{key_at, norm_at};
use crate::normalize::NormalizedDoc;

/// How far a negator reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Up to `n` tokens after the cue, stopping at a clause boundary.
    /// Verbal negators (لم، لن، لا، ليس، ما; not, never; ne…pas).
    Clause(usize),
    /// The next `n` tokens (a noun phrase): عدم، غير، دون، بلا; sans, non.
    Phrase(usize),
}

/// The normalised form with one leading conjunction و/ف removed, when a
/// word of at least two letters remains (ولم → لم, فلا → لا).
pub(crate) fn bare(norm: &str) -> &str {
    for p in ['و', 'ف'] {
        if let Some(rest) = norm.strip_prefix(p) {
            if rest.chars().nth(1).is_some() {
                return rest;
            }
        }
    }
    norm
}

/// Arabic verbal negators (whole word, after [`bare`]). Not ما: in news
/// prose it is nearly always the relative or indefinite "what" (وهو ما أثار،
/// وفق ما أعلن، ما يشكل تهديدا، إذا ما), and as a negator it is rare beside
/// لم/لا; on 1,500 ANT articles every one of 15 sampled ما negations
/// (of 103) was a relative ما that flipped the cue after it.
const AR_CLAUSE_NEG: &[&str] =
    &["لا", "لم", "لن", "ليس", "ليست", "لست", "لسنا", "لستم", "ليسوا", "ليسا", "لسن"];
/// Arabic nominal negators: negate the phrase that follows.
const AR_PHRASE_NEG: &[&str] = &["غير", "عدم", "دون", "بدون", "بلا"];
/// Words after لا / ما / ليس / غير that make a fixed expression, not a negation.
const AR_NEG_EXCEPTIONS: &[(&str, &[&str])] = &[
    ("لا", &["سيما", "بد", "يزال", "تزال", "زال", "زالت", "يزالون", "تزالان", "شك", "ريب"]),
    ("ليس", &["فقط"]),
    ("غير", &["ان"]),
];
const FR_CLAUSE_NEG: &[&str] = &["ne", "pas", "jamais", "guère", "ni", "aucun", "aucune", "rien"];
const FR_PHRASE_NEG: &[&str] = &["sans", "non"];
const EN_CLAUSE_NEG: &[&str] =
    &["not", "no", "never", "nor", "neither", "hardly", "cannot", "barely", "scarcely"];
const EN_PHRASE_NEG: &[&str] = &["without"];
/// Latin exceptions: `not only`, `non seulement`, `no doubt`, `ne ... que`
/// is left as negation (rare in news cues).
const LATIN_NEG_EXCEPTIONS: &[(&str, &[&str])] = &[
    ("not", &["only", "just"]),
    ("non", &["seulement"]),
    ("no", &["doubt"]),
    ("pas", &["seulement"]),
];

/// Privative nouns: a lack or absence of what they govern (غياب الثقة،
/// انعدام الأمن، افتقار إلى، نقص، فقدان). They negate the phrase that follows,
/// like عدم. Matched after a proclitic chain (لغياب، بانعدام، وللافتقار).
const AR_PRIVATIVE: &[&str] = &["غياب", "انعدام", "افتقار", "نقص", "فقدان"];
/// French and English privatives: negate the phrase after `of`/`to`/`de`
/// (a lack of trust, failure to act, manque de confiance, faute de moyens).
const LATIN_PRIVATIVE: &[&str] = &[
    "lack", "lacks", "lacking", "absence", "failure", "loss", "manque", "faute", "perte", "défaut",
];
/// The words after a Latin privative that make it govern a phrase.
const LATIN_PRIVATIVE_LINKS: &[&str] = &["of", "to", "de", "du", "des"];

/// Harm to a good: undermining or shaking what they govern undoes it like
/// a lack does, so they negate the phrase that follows («زعزعة الاستقرار»,
/// «تقويض جهود السلام», «المساس بأمن», "undermine stability", «saper la
/// paix»): the underminer is blamed by the harm word itself, not praised
/// by the good it harms. Arabic, after a proclitic chain. Not «تهديد»
/// (a threat *of* sanctions is no threat to them).
const AR_HARM: &[&str] = &[
    "زعزعه",
    "زعزع",
    "زعزعت",
    "يزعزع",
    "تزعزع",
    "تقويض",
    "قوض",
    "قوضت",
    "يقوض",
    "تقوض",
    "اخلال",
    "مساس",
];
/// French and English harm words (see [`AR_HARM`]).
const LATIN_HARM: &[&str] = &[
    "undermine",
    "undermines",
    "undermined",
    "undermining",
    "destabilise",
    "destabilises",
    "destabilising",
    "destabilize",
    "destabilizes",
    "destabilizing",
    "saper",
    "sape",
    "sapent",
    "déstabiliser",
    "déstabilise",
    "déstabilisent",
];

/// Preventives: to prevent, stop short, fight or end what they govern
/// undoes it like a lack does, so they negate the phrase that follows
/// («لمنع أي عدوان», «التصدي للعدوان», «مكافحة الفساد», «إنهاء الأزمة»,
/// "to prevent aggression", «empêcher la violence»): the one who prevents
/// an aggression is not its author, and the one who blocks aid
/// («منع دخول المساعدات») is no helper. Arabic, after a proclitic chain.
/// Not «مواجهة» (also a match or a hardship faced), nor «وقف» (also "stood":
/// «وقف إلى جانب», «وقف وراء» are cues of their own).
/// Easing is an ending in degree: «تخفيف التوتر», «تهدئة الأوضاع», "ease
/// tensions", «apaiser les tensions» ask for less of what they govern. Not
/// «خفض» (cut): an indicator's word of fall («خفض العجز» is good news by the
/// trend rule already).
const AR_PREVENTIVE: &[&str] = &[
    "منع",
    "تصدي",
    "مكافحه",
    "محاربه",
    "ردع",
    "انهاء",
    "تجنب",
    "تفادي",
    "احتواء",
    "تخفيف",
    "تهدئه",
];
/// Arabic preventive verbs: their subject may come between them and what
/// they prevent («منعت إسرائيل دخول المساعدات»), so they reach one word
/// further, and a target right after them is the one who prevents.
const AR_PREVENTIVE_VERBS: &[&str] = &["منعت", "يمنع", "تمنع", "يمنعون", "منعوا"];
/// Arabic preventives that need their preposition: «القضاء على» (to
/// eliminate; القضاء alone is the judiciary), «الحد من» (to curb; الحد alone
/// is a limit or a border), «نزع فتيل» (to defuse; نزع alone is any removal).
/// «حد» keeps its article (الحد، للحد → لحد): proclitics are stripped only
/// while three letters remain.
const AR_PREVENTIVE_LINKED: &[(&str, &[&str])] =
    &[("قضاء", &["على", "علي"]), ("الحد", &["من"]), ("لحد", &["من"]), ("نزع", &["فتيل"])];
/// French and English preventive verbs (the phrase right after them).
const LATIN_PREVENTIVE: &[&str] = &[
    "prevent",
    "prevents",
    "prevented",
    "preventing",
    "avert",
    "averted",
    "averting",
    "curb",
    "curbing",
    "combat",
    "combating",
    "combatting",
    "counter",
    "countering",
    "thwart",
    "thwarted",
    "thwarting",
    "empêcher",
    "prévenir",
    "combattre",
    "enrayer",
    "ease",
    "eased",
    "eases",
    "easing",
    "defuse",
    "defused",
    "defusing",
    "apaiser",
    "apaisement",
    "désamorcer",
];
/// French and English preventive nouns with the word that links them to
/// what they govern ("the fight against terrorism", «la lutte contre»).
const LATIN_PREVENTIVE_LINKED: &[(&str, &[&str])] = &[
    ("prevention", &["of"]),
    ("fight", &["against"]),
    ("fighting", &["against"]),
    ("lutte", &["contre"]),
    ("lutter", &["contre"]),
];

/// The forms of an Arabic word with none, one, two or three proclitics
/// (و ف ب ل ك ال) removed, as long as three letters remain.
fn proclitic_forms(norm: &str) -> impl Iterator<Item = &str> {
    let mut cur = Some(norm);
    std::iter::from_fn(move || {
        let out = cur?;
        cur = ["ال", "و", "ف", "ب", "ل", "ك"]
            .iter()
            .find_map(|p| out.strip_prefix(p))
            .filter(|rest| rest.chars().nth(2).is_some());
        Some(out)
    })
    .take(4)
}

/// `norm` without an elided French article (l'absence → absence).
fn unelided(norm: &str) -> &str {
    norm.strip_prefix("l'").or_else(|| norm.strip_prefix("l’")).unwrap_or(norm)
}

/// True when `norm` is a harm word ([`AR_HARM`], [`LATIN_HARM`]): a
/// negator even where it is a lexicon cue of its own.
pub(crate) fn harm_word(norm: &str) -> bool {
    HARM_SET.contains(unelided(norm)) || proclitic_forms(norm).any(|f| HARM_SET.contains(f))
}

/// True when `norm` is a privative noun some rule can accept (the word
/// alone; [`privative_at`] also asks the next word for French and English).
fn privative_word(norm: &str) -> bool {
    let latin = unelided(norm);
    LATIN_PRIVATIVE.contains(&latin)
        || harm_word(norm)
        || LATIN_PREVENTIVE.contains(&latin)
        || listed(LATIN_PREVENTIVE_LINKED, latin)
        || proclitic_forms(norm).any(|f| {
            AR_PRIVATIVE.contains(&f)
                || AR_PREVENTIVE.contains(&f)
                || AR_PREVENTIVE_VERBS.contains(&f)
                || listed(AR_PREVENTIVE_LINKED, f)
        })
}

/// What kind of preventive the negator at token `i` is (see
/// [`AR_PREVENTIVE`]), if it is one: the scorer flips its cue only for
/// the one who prevents, not for the owner of what is prevented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Preventive {
    /// Not a preventive (a negator, a privative).
    No,
    /// A noun, or a Latin verb: the one who prevents is named before it.
    Noun,
    /// An Arabic verb: its subject may follow it (VSO).
    Verb,
}

/// The [`Preventive`] kind of the word at token `i`.
pub(crate) fn preventive_at(doc: &NormalizedDoc, i: usize) -> Preventive {
    preventive(doc, i).map_or(Preventive::No, |(kind, _)| kind)
}

/// If token `i` is a preventive governing a phrase, its kind and scope:
/// the next [`PHRASE_REACH`] words, one more after an Arabic verb (its
/// subject may come first) or after a preventive's link («القضاء على», the
/// fight against).
fn preventive(doc: &NormalizedDoc, i: usize) -> Option<(Preventive, Scope)> {
    let n = norm_at(doc, i);
    let latin = unelided(n);
    if proclitic_forms(n).any(|f| AR_PREVENTIVE_VERBS.contains(&f)) {
        return Some((Preventive::Verb, Scope::Phrase(PHRASE_REACH + 1)));
    }
    if proclitic_forms(n).any(|f| AR_PREVENTIVE.contains(&f)) || LATIN_PREVENTIVE.contains(&latin) {
        return Some((Preventive::Noun, Scope::Phrase(PHRASE_REACH)));
    }
    let next = norm_at(doc, i + 1);
    // The link as written or after a leading و/ف («وعلى»), which a word
    // that starts with ف itself («فتيل») must not lose.
    let linked = proclitic_forms(n).any(|f| {
        linked_to(AR_PREVENTIVE_LINKED, f, next) || linked_to(AR_PREVENTIVE_LINKED, f, bare(next))
    }) || linked_to(LATIN_PREVENTIVE_LINKED, latin, next);
    linked.then_some((Preventive::Noun, Scope::Phrase(PHRASE_REACH + 1)))
}

/// True when the word `w` is in `table`, whatever its links.
fn listed(table: &[(&str, &[&str])], w: &str) -> bool {
    table.iter().any(|(c, _)| *c == w)
}

/// True when the word `w` is in `table` with `next` among its links.
fn linked_to(table: &[(&str, &[&str])], w: &str, next: &str) -> bool {
    table.iter().any(|(c, links)| *c == w && links.contains(&next))
}

/// If token `i` is a privative noun (or a preventive, [`preventive`])
/// governing a phrase, its scope: the next [`PHRASE_REACH`] words in Arabic
/// (غياب الثقة في روسيا → الثقة، في), the link and the next [`PHRASE_REACH`]
/// words in French and English (a lack of trust in, manque de confiance).
fn privative_at(doc: &NormalizedDoc, i: usize) -> Option<Scope> {
    let n = norm_at(doc, i);
    if !privative_word(n) {
        return None;
    }
    if proclitic_forms(n).any(|f| AR_PRIVATIVE.contains(&f)) || harm_word(n) {
        return Some(Scope::Phrase(PHRASE_REACH));
    }
    if let Some((_, scope)) = preventive(doc, i) {
        return Some(scope);
    }
    // Only a privative's own links: "the fight to win" or «la lutte des
    // classes» govern nothing.
    if !LATIN_PRIVATIVE.contains(&unelided(n)) {
        return None;
    }
    let next = norm_at(doc, i + 1);
    let linked =
        LATIN_PRIVATIVE_LINKS.contains(&next) || next.starts_with("d'") || next.starts_with("d’");
    linked.then_some(Scope::Phrase(PHRASE_REACH + 1))
}

/// Token distance a clause negator reaches.
const CLAUSE_REACH: usize = 6;
/// Token distance a phrase negator reaches.
const PHRASE_REACH: usize = 2;

/// If token `i` is a negation cue, its scope.
pub(crate) fn negator_at(doc: &NormalizedDoc, i: usize) -> Option<Scope> {
    let n = bare(norm_at(doc, i));
    let next = norm_at(doc, i + 1);
    let excepted = |table: &[(&str, &[&str])], cue: &str| {
        table.iter().any(|(c, nexts)| *c == cue && nexts.contains(&next))
    };
    if AR_CLAUSE_NEG.contains(&n) {
        // ليست/لست share ليس's exceptions.
        let head = if n.starts_with("لس") || n.starts_with("ليس") { "ليس" } else { n };
        return (!excepted(AR_NEG_EXCEPTIONS, head)).then_some(Scope::Clause(CLAUSE_REACH));
    }
    if AR_PHRASE_NEG.contains(&n) {
        return (!excepted(AR_NEG_EXCEPTIONS, n)).then_some(Scope::Phrase(PHRASE_REACH));
    }
    // Privatives with a proclitic (لعدم، بغياب) and the other privative nouns.
    if proclitic_forms(n).any(|f| f == "عدم") {
        return Some(Scope::Phrase(PHRASE_REACH));
    }
    let n = norm_at(doc, i);
    if excepted(LATIN_NEG_EXCEPTIONS, n) {
        return None;
    }
    if FR_CLAUSE_NEG.contains(&n) || EN_CLAUSE_NEG.contains(&n) {
        return Some(Scope::Clause(CLAUSE_REACH));
    }
    if FR_PHRASE_NEG.contains(&n) || EN_PHRASE_NEG.contains(&n) {
        return Some(Scope::Phrase(PHRASE_REACH + 1));
    }
    if let Some(scope) = privative_at(doc, i) {
        return Some(scope);
    }
    // Elided French `n'est`, English `don't`, `isn’t`.
    if n.starts_with("n'") || n.starts_with("n’") || n.ends_with("n't") || n.ends_with("n’t") {
        return Some(Scope::Clause(CLAUSE_REACH));
    }
    None
}

/// True when a clause boundary lies between tokens `i - 1` and `i`: the
/// normaliser's boundary ([`NormalizedDoc::clause_break_before`]: , ، ; ؛ :
/// — ( ) [ ] or a sentence end), or a quotation mark or en dash, which the
/// normaliser does not count. Quotes bound a change of voice (the quoted
/// words are someone else's), and Maghrebi news uses ` – ` as a dash.
///
/// A scare quote inside a phrase is no boundary: «نددت بـ"الاحتلال" التركي»
/// (quoted words right after a detached ب، ل or ك, at most
/// [`SCARE_QUOTE_WORDS`] of them) is still the verb's complement, and the
/// nisba after it still its owner.
pub(crate) fn clause_break_before(text: &str, doc: &NormalizedDoc, i: usize) -> bool {
    if doc.clause_break_before(i) {
        return true;
    }
    // A missing gap (the document's first token) is a boundary.
    let Some(gap) = gap_before(text, doc, i) else { return true };
    if gap.chars().any(is_quote) {
        return !scare_quote_edge(text, doc, i);
    }
    gap.contains('–')
}

/// Most words between the quotation marks of a scare quote.
pub const SCARE_QUOTE_WORDS: usize = 3;

/// The text between tokens `i - 1` and `i` (none at the document's edges).
fn gap_before<'t>(text: &'t str, doc: &NormalizedDoc, i: usize) -> Option<&'t str> {
    let a = doc.tokens.get(i.checked_sub(1)?)?;
    let b = doc.tokens.get(i)?;
    text.get(a.end as usize..b.start as usize)
}

fn is_quote(c: char) -> bool {
    matches!(c, '«' | '»' | '"' | '“' | '”')
}

fn quote_in_gap(text: &str, doc: &NormalizedDoc, i: usize) -> bool {
    gap_before(text, doc, i).is_some_and(|g| g.chars().any(is_quote))
}

/// True when the quotation mark before token `i` opens or closes a scare
/// quote: a quote that opens right after a detached preposition (بـ"، لـ")
/// and closes within [`SCARE_QUOTE_WORDS`] words.
fn scare_quote_edge(text: &str, doc: &NormalizedDoc, i: usize) -> bool {
    let clitic = |j: usize| matches!(norm_at(doc, j), "ب" | "ل" | "ك");
    let opens_at = |k: usize| k >= 1 && clitic(k - 1) && quote_in_gap(text, doc, k);
    let closes_within =
        |k: usize| (k + 1..=k + SCARE_QUOTE_WORDS).find(|&j| quote_in_gap(text, doc, j));
    // Opening: the quote before `i` follows a clitic and closes soon.
    if opens_at(i) && closes_within(i).is_some() {
        return true;
    }
    // Closing: an opening within the words before `i`, and no other quote
    // between it and `i`.
    (i.saturating_sub(SCARE_QUOTE_WORDS)..i)
        .rev()
        .find(|&k| quote_in_gap(text, doc, k))
        .is_some_and(|k| opens_at(k) && closes_within(k) == Some(i))
}

/// A crude shape of a word: definite (starts with ال), else its last letter
/// (the accusative tanween alef of دعما قويا). Two words joined by و with the
/// same shape belong to one phrase (دعما قويا وواضحا، الاستقرار والأمن); a
/// و-word of another shape (وأعلن after الوزير) starts a new clause.
fn shape(norm: &str) -> (bool, Option<char>) {
    if norm.starts_with("ال") {
        (true, None)
    } else {
        (false, norm.chars().last())
    }
}

/// True when token `j` (starting with و) continues the phrase of `j - 1`.
fn joined_by_waw(doc: &NormalizedDoc, j: usize) -> bool {
    let n = norm_at(doc, j);
    match n.strip_prefix('و') {
        Some(rest) if rest.chars().nth(1).is_some() => shape(rest) == shape(norm_at(doc, j - 1)),
        _ => true,
    }
}

/// The tokens a negator at `i` covers (exclusive of the cue).
pub(crate) fn negation_scope(
    text: &str,
    doc: &NormalizedDoc,
    i: usize,
    scope: Scope,
) -> std::ops::Range<usize> {
    let reach = match scope {
        Scope::Clause(n) | Scope::Phrase(n) => n,
    };
    let mut end = i + 1;
    while end < doc.len() && end <= i + reach {
        if clause_break_before(text, doc, end) {
            break;
        }
        // A و-word of a different shape starts a new clause or phrase; the
        // first token after the cue is always in scope.
        if end > i + 1 && norm_at(doc, end).starts_with('و') && !joined_by_waw(doc, end) {
            break;
        }
        // So does a ف-particle: «إذا لم تتصرف الإدارة بحذر فقد يتصاعد التوتر»
        // (if it does not act carefully, tension may rise: the tension is
        // not denied).
        if end > i + 1 && fa_clause(norm_at(doc, end)) {
            break;
        }
        // A relative clause has its own verb: «لم تتبن أي جهة الهجوم الذي
        // يحمل بصمات طالبان» does not deny the fingerprints, nor "did not
        // condemn the attack, which killed ten" the killing.
        if matches!(scope, Scope::Clause(_))
            && end > i + 1
            && RELATIVES.contains(&norm_at(doc, end))
        {
            break;
        }
        end += 1;
    }
    // A phrase negator reaches further only along و-joined words.
    if let Scope::Phrase(_) = scope {
        while end < doc.len()
            && norm_at(doc, end).starts_with('و')
            && joined_by_waw(doc, end)
            && !clause_break_before(text, doc, end)
        {
            end += 1;
        }
    }
    i + 1..end
}

/// Relative pronouns: a clause negator's scope ends before them.
const RELATIVES: &[&str] = &[
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "اللذان",
    "اللتين",
    "اللتان",
    "اللواتي",
    "اللاتي",
    "which",
    "who",
    "qui",
    "dont",
    "lequel",
    "laquelle",
];

/// True for ف joined to a particle or pronoun that opens a clause (فقد،
/// فإن، فسوف، فلن، فهو ...; normalised: إ→ا). Not a word that merely starts
/// with ف (فرنسا، فشل).
fn fa_clause(norm: &str) -> bool {
    const OPENERS: &[&str] = &[
        "قد", "ان", "انه", "انها", "انهم", "سوف", "لن", "لم", "هو", "هي", "هم", "هذا", "هذه",
        "ذلك", "لا", "ليس", "ما", "اذا", "ثم",
    ];
    norm.strip_prefix('ف').is_some_and(|rest| OPENERS.contains(&rest))
}

/// Verbs of stopping, refraining and hesitating: negated, they affirm what
/// follows («لن تتوقف عن دعم الإرهاب», will not stop supporting terrorism;
/// «لن تتردد في توطيد علاقتها», will not hesitate to strengthen; "did not
/// stop", "n'a pas cessé"). Arabic by key, Latin by prefix.
const AR_CESSATION: &[&str] = &[
    "تردد",
    "يتردد",
    "تتردد",
    "يترددون",
    "توقف",
    "يتوقف",
    "تتوقف",
    "كف",
    "يكف",
    "تكف",
    "امتنع",
    "يمتنع",
    "تمتنع",
    "تتخلي",
    "يتخلي",
    "تخلي",
];
/// Latin prefixes of those verbs, and whole words where a prefix would
/// catch others ("quit" would catch "quite": not quite good is negated).
const LATIN_CESSATION: &[&str] = &["stop", "ceas", "cess", "arrêt", "renonc", "hesitat", "hésit"];
const LATIN_CESSATION_WORDS: &[&str] = &["quit", "quits", "quitting"];

/// Arabic verbs of backing away, a cessation only with «عن» after them
/// («لم يتراجع يوما عن دعمه»: never backed away from its support); alone
/// they are a fall or a retreat («لم يتراجع الاقتصاد» denies a fall).
const AR_WITHDRAW: &[&str] = &["تراجع", "يتراجع", "تتراجع", "يتراجعون", "تراجعت", "تراجعوا"];
/// Most words between a verb of backing away and its «عن».
const WITHDRAW_REACH: usize = 2;

/// True when the negator ending at token `i` negates a verb of stopping
/// right after it: the negation then affirms what the verb governs, so it
/// flips nothing.
pub(crate) fn negated_cessation(doc: &NormalizedDoc, i: usize) -> bool {
    let latin = |j: usize| {
        let k = key_at(doc, j).to_lowercase();
        LATIN_CESSATION.iter().any(|p| k.starts_with(p))
            || LATIN_CESSATION_WORDS.contains(&k.as_str())
    };
    // French brackets a simple tense's verb: the negator found is the
    // elided verb itself («n'hésitera pas», key hésitera) or the word after
    // it («ne cesse jamais»).
    let n = norm_at(doc, i);
    if (n.starts_with("n'") || n.starts_with("n’")) && latin(i) {
        return true;
    }
    let french_after_verb = i > 0 && matches!(key_at(doc, i), "pas" | "jamais" | "plus" | "point");
    if french_after_verb && latin(i - 1) {
        return true;
    }
    let backs_away = AR_WITHDRAW.contains(&bare(norm_at(doc, i + 1)))
        && (i + 2..=i + 2 + WITHDRAW_REACH).any(|j| norm_at(doc, j) == "عن");
    AR_CESSATION.contains(&key_at(doc, i + 1)) || backs_away || latin(i + 1)
}

/// True when the negator ending at token `i` opens "not only ... but":
/// what it governs is affirmed, not denied. Latin script: the next word is
/// `only`, `merely`, `just`, `solely` or `seulement` (not only, non
/// seulement, pas seulement). Arabic: فحسب or فقط within
/// [`NOT_ONLY_REACH`] words of the negator, then بل, وإنما or إنما later in
/// the sentence («لا يندد بتورط إيران في سوريا فحسب وإنما ينتقد
/// الاتفاق»); فقط alone is left to the negation («لم يسجل سوى هدف واحد
/// فقط» is another construction).
pub(crate) fn not_only(doc: &NormalizedDoc, i: usize) -> bool {
    let next = norm_at(doc, i + 1).to_lowercase();
    if matches!(next.as_str(), "only" | "merely" | "just" | "solely" | "seulement") {
        return true;
    }
    let sentence = doc.tokens.get(i).map(|t| t.sentence);
    let same = |j: &usize| doc.tokens.get(*j).map(|t| t.sentence) == sentence;
    let Some(only) = (i + 1..=i + NOT_ONLY_REACH)
        .take_while(same)
        .find(|&j| matches!(bare(norm_at(doc, j)), "فحسب" | "فقط"))
    else {
        return false;
    };
    (only + 1..doc.len())
        .take_while(same)
        .any(|j| matches!(norm_at(doc, j), "بل" | "وانما" | "انما" | "وإنما" | "إنما"))
}

/// Most words between an Arabic negator and the فحسب/فقط of "not only".
pub(crate) const NOT_ONLY_REACH: usize = 10;

/// If tokens starting at `i` are a contrast marker, its length in tokens.
pub(crate) fn contrast_at(doc: &NormalizedDoc, i: usize) -> Option<usize> {
    let n = bare(norm_at(doc, i));
    let next = norm_at(doc, i + 1);
    if (n.starts_with("لكن") && n.chars().nth(6).is_none()) || n == "بل" {
        return Some(1);
    }
    if matches!(n, "الا" | "غير" | "بيد") && next == "ان" {
        return Some(2);
    }
    LATIN_CONTRAST.contains(&norm_at(doc, i)).then_some(1)
}

/// French and English contrast markers (whole word).
const LATIN_CONTRAST: &[&str] = &[
    "but",
    "however",
    "nevertheless",
    "nonetheless",
    "mais",
    "cependant",
    "pourtant",
    "toutefois",
    "néanmoins",
];

/// Reporting verbs and phrases. Left out on purpose: the passive يُعتبر/
/// تُعتبر ("is considered") and تذكّر/يذكر ("reminds", "worth noting"), which
/// news prose uses in the author's own voice.
const AR_ATTRIBUTION: &[&str] = &[
    "قال",
    "قالت",
    "قالوا",
    "يقول",
    "تقول",
    "اكد",
    "اكدت",
    "يؤكد",
    "تؤكد",
    "اشار",
    "اشارت",
    "يشير",
    "تشير",
    "اوضح",
    "اوضحت",
    "يوضح",
    "توضح",
    "صرح",
    "صرحت",
    "يصرح",
    "تصرح",
    "اضاف",
    "اضافت",
    "يضيف",
    "ذكر",
    "ذكرت",
    "افاد",
    "افادت",
    "يفيد",
    "تفيد",
    "حسب",
    "بحسب",
    "وفقا",
    "نقلا",
    "اعتبر",
    "اعتبرت",
    "زعم",
    "زعمت",
    "اعلن",
    "اعلنت",
    "يعلن",
    "تعلن",
];
const LATIN_ATTRIBUTION: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "stated",
    "according",
    "claimed",
    "claims",
    "declared",
    "added",
    "noted",
    "announced",
    "argued",
    "insisted",
    "stressed",
    "selon",
    "d'après",
    "d’après",
    "déclaré",
    "déclare",
    "affirmé",
    "affirme",
    "estime",
    "estimé",
    "souligné",
    "souligne",
    "indiqué",
    "indique",
    "ajouté",
    "ajoute",
    "précisé",
    "précise",
    "assuré",
];

/// True when token `i` is an attribution cue (its sentence is quoted).
pub(crate) fn attribution_at(doc: &NormalizedDoc, i: usize) -> bool {
    let n = norm_at(doc, i);
    AR_ATTRIBUTION_SET.contains(bare(n)) || LATIN_ATTRIBUTION_SET.contains(n)
}

/// Built-in intensifiers (> 1) and dampeners (< 1).
const BUILTIN_SCALERS: &[(&str, f64)] = &[
    ("جدا", 1.5),
    ("للغايه", 1.5),
    ("بشده", 1.5),
    ("تماما", 1.3),
    ("كثيرا", 1.3),
    ("very", 1.5),
    ("extremely", 2.0),
    ("highly", 1.5),
    ("strongly", 1.5),
    ("deeply", 1.5),
    ("très", 1.5),
    ("extrêmement", 2.0),
    ("fortement", 1.5),
    ("profondément", 1.5),
    ("نسبيا", 0.5),
    ("قليلا", 0.5),
    ("بعض", 0.7),
    ("somewhat", 0.5),
    ("slightly", 0.5),
    ("relatively", 0.6),
    ("fairly", 0.7),
    ("plutôt", 0.7),
    ("relativement", 0.6),
    ("légèrement", 0.5),
    ("peu", 0.5),
];

/// If token `i` is a built-in intensifier or dampener, its factor.
pub(crate) fn scaler_at(doc: &NormalizedDoc, i: usize) -> Option<f64> {
    let n = bare(norm_at(doc, i));
    BUILTIN_SCALERS.iter().find(|(w, _)| *w == n).map(|(_, f)| *f)
}

/// The word lists that are asked about every token, as hash sets (a linear
/// scan of string compares per token was a tenth of scoring).
static AR_ATTRIBUTION_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| AR_ATTRIBUTION.iter().copied().collect());
static LATIN_ATTRIBUTION_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| LATIN_ATTRIBUTION.iter().copied().collect());
/// [`AR_HARM`] and [`LATIN_HARM`]: [`harm_word`] is asked about every token.
static HARM_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| AR_HARM.iter().chain(LATIN_HARM).copied().collect());

/// Every whole word some built-in cue rule can accept, as a normalised form
/// or after [`bare`]; see [`may_be_cue`].
static CUE_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    let lists: [&[&str]; 12] = [
        AR_DENIAL,
        LATIN_DENIAL,
        AR_CLAUSE_NEG,
        AR_PHRASE_NEG,
        FR_CLAUSE_NEG,
        FR_PHRASE_NEG,
        EN_CLAUSE_NEG,
        EN_PHRASE_NEG,
        AR_CONTRAST_HEADS,
        LATIN_CONTRAST,
        AR_ATTRIBUTION,
        LATIN_ATTRIBUTION,
    ];
    let scalers = BUILTIN_SCALERS.iter().map(|(w, _)| *w);
    lists.into_iter().flatten().copied().chain(scalers).collect()
});

/// Verbs and nouns of denial («نفت موسكو أي تورط», "Russia denied any
/// involvement", «Moscou dément»): the act they govern is neither asserted
/// nor negated, so it is held against no one and credited to no one.
/// Arabic by the form without و/ف (ى is read as ي).
const AR_DENIAL: &[&str] =
    &["نفي", "نفت", "تنفي", "ينفي", "ينفون", "نفوا", "تنفيان", "ينفيان", "نفيا"];
const LATIN_DENIAL: &[&str] = &[
    "deny",
    "denies",
    "denied",
    "denying",
    "nie",
    "nient",
    "nié",
    "niait",
    "dément",
    "démentent",
    "démenti",
    "démentait",
];

/// True when token `i` is a word of denial ([`AR_DENIAL`], [`LATIN_DENIAL`]).
pub(crate) fn denial_at(doc: &NormalizedDoc, i: usize) -> bool {
    let n = norm_at(doc, i);
    AR_DENIAL.contains(&bare(n)) || LATIN_DENIAL.contains(&n)
}

/// Arabic contrast words that [`contrast_at`] accepts alone or before ان.
const AR_CONTRAST_HEADS: &[&str] = &["بل", "الا", "غير", "بيد"];

/// False when no built-in rule ([`negator_at`], [`contrast_at`],
/// [`attribution_at`], [`scaler_at`]) can accept a token whose normalised
/// form is `norm`, whatever its neighbours: those rules look a word up in
/// short lists, and asking them about every token of every article was a
/// third of scoring. One or two hash probes here answer "no" for almost all
/// words. Neighbours only ever turn a cue down (exceptions such as لا سيما),
/// so a filter on the word alone is exact.
pub(crate) fn may_be_cue(norm: &str) -> bool {
    let b = bare(norm);
    CUE_WORDS.contains(norm)
        || CUE_WORDS.contains(b)
        || b.starts_with("لكن")
        || privative_word(norm)
        || proclitic_forms(norm).any(|f| f == "عدم")
        || norm.starts_with("n'")
        || norm.starts_with("n’")
        || norm.ends_with("n't")
        || norm.ends_with("n’t")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    fn first_negator(text: &str) -> Option<(String, Vec<String>)> {
        let doc = Normalizer::default().normalize(text);
        (0..doc.len()).find_map(|i| {
            negator_at(&doc, i).map(|s| {
                let scope = negation_scope(text, &doc, i, s);
                let words = scope.map(|j| text[doc.tokens[j].span()].to_string()).collect();
                (text[doc.tokens[i].span()].to_string(), words)
            })
        })
    }

    #[test]
    fn scare_quotes_after_a_detached_preposition_do_not_end_the_clause() {
        // (text, the words before which a clause break is expected)
        let cases: &[(&str, &[&str])] = &[
            ("نددت الخارجية بـ\"الاحتلال\" التركي لعفرين", &[]),
            ("نددت الخارجية بـ\"الاحتلال الغاشم\" التركي", &[]),
            // Four words are a quotation, not a scare quote.
            ("ندد بـ\"احتلال غاشم ومستمر للأرض\" التركي", &["احتلال", "التركي"]),
            // Quotes with no detached ب before them still bound a voice.
            ("ندد الوزير \"بالاحتلال\" التركي", &["بالاحتلال", "التركي"]),
        ];
        for (text, want) in cases {
            let doc = Normalizer::default().normalize(text);
            let got: Vec<&str> = (1..doc.len())
                .filter(|&i| clause_break_before(text, &doc, i))
                .map(|i| &text[doc.tokens[i].span()])
                .collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn every_negation_cue_is_found() {
        let cases: &[(&str, &str, &str)] = &[
            ("لا يدعم الاتفاق", "لا", "يدعم"),
            ("لم يدعم الاتفاق", "لم", "يدعم"),
            ("لن يدعم الاتفاق", "لن", "يدعم"),
            ("ليس مفيدا للبلدين", "ليس", "مفيدا"),
            ("ليست مفيدة للبلدين", "ليست", "مفيدة"),
            ("لست متفائلا بذلك", "لست", "متفائلا"),
            ("ليسوا شركاء موثوقين", "ليسوا", "شركاء"),
            ("موقف غير مقبول", "غير", "مقبول"),
            ("عدم الاستقرار في المنطقة", "عدم", "الاستقرار"),
            ("تحرك دون تنسيق", "دون", "تنسيق"),
            ("تحرك بلا تنسيق", "بلا", "تنسيق"),
            ("ولم يقدم دعما", "ولم", "يقدم"),
            ("Paris ne soutient pas le plan", "ne", "soutient"),
            ("Elle n'est pas favorable", "n'est", "pas"),
            ("une aide sans conditions", "sans", "conditions"),
            ("aucun soutien réel", "aucun", "soutien"),
            ("un partenaire non fiable", "non", "fiable"),
            ("jamais utile", "jamais", "utile"),
            ("Washington did not support it", "not", "support"),
            ("they don't support it", "don't", "support"),
            ("no support at all", "no", "support"),
            ("never helpful", "never", "helpful"),
            ("acted without consultation", "without", "consultation"),
            ("nor reliable", "nor", "reliable"),
            ("neither reliable", "neither", "reliable"),
            ("hardly helpful", "hardly", "helpful"),
            // Privatives (issue 16), with proclitics in Arabic.
            ("لغياب الثقة في روسيا", "لغياب", "الثقة"),
            ("بسبب انعدام التنسيق", "انعدام", "التنسيق"),
            ("الافتقار إلى الثقة", "الافتقار", "إلى"),
            ("نقص الدعم", "نقص", "الدعم"),
            ("وفقدان الثقة", "وفقدان", "الثقة"),
            ("لعدم الثقة", "لعدم", "الثقة"),
            ("a lack of trust in Russia", "lack", "of"),
            ("the absence of support", "absence", "of"),
            ("a failure to cooperate", "failure", "to"),
            ("un manque de confiance", "manque", "de"),
            ("faute de soutien", "faute", "de"),
            ("l'absence d'accord", "l'absence", "d'accord"),
            // Preventives.
            ("لمنع أي عدوان", "لمنع", "أي"),
            ("التصدي للعدوان", "التصدي", "للعدوان"),
            ("ومكافحة الفساد", "ومكافحة", "الفساد"),
            ("القضاء على الإرهاب", "القضاء", "على"),
            ("الحد من العنف", "الحد", "من"),
            ("للحد من العنف", "للحد", "من"),
            ("للقضاء على الإرهاب", "للقضاء", "على"),
            ("to prevent aggression", "prevent", "aggression"),
            ("the fight against terrorism", "fight", "against"),
            ("la lutte contre la corruption", "lutte", "contre"),
            ("empêcher la violence", "empêcher", "la"),
            ("منعت إسرائيل دخول المساعدات", "منعت", "إسرائيل"),
        ];
        for (text, cue, first) in cases {
            let got = first_negator(text);
            let (c, scope) = got.unwrap_or_else(|| panic!("no negator in {text}"));
            assert_eq!(
                (c.as_str(), scope.first().map(String::as_str)),
                (*cue, Some(*first)),
                "{text}"
            );
        }
    }

    #[test]
    fn exceptions_are_not_negation() {
        for text in [
            "لا سيما في الساحل",
            "لا بد من التعاون",
            "ما زال التعاون قائما",
            "ما يزال التعاون قائما",
            "لا يزال التعاون قائما",
            "لا تزال الشراكة قائمة",
            "غير أن الشراكة قائمة",
            "كما أكد الوزير",
            "عندما وصل الوفد",
            "ربما يتغير الموقف",
            "مما يعزز الشراكة",
            "بينما تتقدم المحادثات",
            "طالما بقي التعاون",
            "إنما هي شراكة",
            "ما هو موقف واشنطن",
            // The relative ما of news prose ("what"), not a negation.
            "وهو ما أثار استياء شديدا",
            "وفق ما أعلن الرئيس",
            "ما يشكل تهديدا أمنيا",
            "إذا ما ثبتت نجاعتها",
            "ليس فقط شراكة",
            "not only a partner",
            "non seulement un partenaire",
            // A privative noun that governs nothing is not a negation.
            "the lack was obvious",
            "un manque évident",
            // «القضاء» alone is the judiciary, «الحد» a limit or border.
            "استقلال القضاء المصري",
            "على الحد الشمالي",
            // A preventive noun takes only its own link.
            "the fight to win the league",
            "la lutte des classes",
        ] {
            assert_eq!(first_negator(text), None, "{text}");
        }
    }

    #[test]
    fn scope_spans_waw_joined_adjectives_but_not_a_new_clause() {
        let (_, scope) = first_negator("لم تُبدِ روسيا دعمًا قويًا وواضحًا للاتفاق").unwrap();
        assert_eq!(scope, ["تُبدِ", "روسيا", "دعمًا", "قويًا", "وواضحًا", "للاتفاق"]);
        let (_, scope) = first_negator("لم يرفض الوزير وأعلن دعمه").unwrap();
        assert_eq!(scope, ["يرفض", "الوزير"]);
        let (_, scope) = first_negator("لم يرفض الاتفاق، بل رحب به").unwrap();
        assert_eq!(scope, ["يرفض", "الاتفاق"]);
        let (_, scope) = first_negator("عدم الاستقرار والأمن في الساحل").unwrap();
        assert_eq!(scope, ["الاستقرار", "والأمن"]);
    }

    #[test]
    fn contrast_attribution_and_scalers() {
        let doc = Normalizer::default().normalize("الشراكة مهمة إلا أن الدعم ضعيف ولكنه قائم");
        let found: Vec<(usize, usize)> =
            (0..doc.len()).filter_map(|i| contrast_at(&doc, i).map(|n| (i, n))).collect();
        assert_eq!(found, [(2, 2), (6, 1)]);
        for (text, yes) in [
            ("وبحسب تقرير نشره الموقع", true),
            ("قال الوزير إن", true),
            ("وأكدت الخارجية", true),
            ("according to officials", true),
            ("selon le ministre", true),
            ("الشراكة قائمة", false),
        ] {
            let doc = Normalizer::default().normalize(text);
            assert_eq!((0..doc.len()).any(|i| attribution_at(&doc, i)), yes, "{text}");
        }
        let doc = Normalizer::default().normalize("مهم جدا ومفيد نسبيا");
        assert_eq!(scaler_at(&doc, 1), Some(1.5));
        assert_eq!(scaler_at(&doc, 3), Some(0.5));
        assert_eq!(scaler_at(&doc, 0), None);
    }

    #[test]
    fn cue_filter_lets_every_built_in_cue_through() {
        // Every word of the tables, alone, with a conjunction, and before
        // the word that makes a two-word marker; plus the seeds and an
        // English/French sample. Whenever a rule accepts a token, the filter
        // must too (it may accept more: it is only a shortcut).
        let mut words: Vec<String> = Vec::new();
        let lists: [&[&str]; 7] = [
            AR_CLAUSE_NEG,
            AR_PHRASE_NEG,
            FR_CLAUSE_NEG,
            EN_CLAUSE_NEG,
            LATIN_CONTRAST,
            AR_ATTRIBUTION,
            LATIN_ATTRIBUTION,
        ];
        for w in lists.into_iter().flatten().chain(AR_CONTRAST_HEADS) {
            words.extend([w.to_string(), format!("و{w}"), format!("ف{w}"), format!("{w} ان")]);
        }
        for (w, _) in BUILTIN_SCALERS {
            words.extend([w.to_string(), format!("و{w}")]);
        }
        words.extend(["لكنه قال".into(), "ولكنها".into(), "n'est pas".into(), "don't".into()]);
        let mut texts: Vec<String> = crate::seeds::SEEDS
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        texts.push(words.join(" ، "));
        texts.push(
            "He said it was not only very good but however isn't, selon lui il n'est pas \
             très ferme, sans doute"
                .into(),
        );
        let mut accepted = 0;
        for text in &texts {
            let doc = Normalizer::default().normalize(text);
            for i in 0..doc.len() {
                let any = negator_at(&doc, i).is_some()
                    || contrast_at(&doc, i).is_some()
                    || attribution_at(&doc, i)
                    || scaler_at(&doc, i).is_some();
                if any {
                    accepted += 1;
                    let norm = doc.norm(&doc.tokens[i]);
                    assert!(may_be_cue(norm), "{norm:?} is a cue the filter turns away");
                }
            }
        }
        assert!(accepted > 150, "{accepted}");
        assert!(!may_be_cue("الجزائر") && !may_be_cue("ambassador"));
    }
}
