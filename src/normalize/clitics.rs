//! The matching key of one normalised word: clitics off, variants folded.
//!
//! Input: a word's `norm` and the [`FoldInfo`] folding produced. Output: a
//! [`Key`] — a slice of the norm, a rewritten form in a scratch buffer, or a
//! canonical form from the variant table.
//!
//! Invariant: no stemming. Only whole clitics come off — proclitic chains
//! (و ف ب ك ل ال لل وال بال فال كال ولل ...) and pronoun suffixes (ه ها هم
//! هما هن كم كما ك نا) — and only when what remains is a plausible word:
//!
//! 1. a word that is itself a protected name, a listed word (`nostrip`) or
//!    a known variant is kept whole;
//! 2. else the *least* stripping that lands on such a known word wins
//!    (بواشنطن → واشنطن, بلادها → بلاد, للجزائر → جزائر);
//! 3. else length rules decide: after an article the rest needs ≥ 2
//!    letters, after و ف ب ك ل ≥ 3 (≥ 5 for ل + plain ا, as in لافت),
//!    pronouns need ≥ 3 letters left (≥ 4 for كم كما هن, ≥ 5 for ك);
//!    a definite word takes no pronoun, so after ال nothing comes off the
//!    end; a ه that was ة is never a pronoun.
//!
//! The enclitic ي ("my") is deliberately not stripped: in news it is
//! rare, while the nisba adjective in ‑ي (الجزائري, العسكري) is everywhere
//! and must not collapse onto its noun.
//!
//! Latin words lose a French elision (l' d' qu' ...) and an English
//! possessive 's.

use super::fold::FoldInfo;
use super::tables::Tables;
use super::NormalizeOptions;

/// Where a key lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key<'t> {
    /// `norm[a..b]`.
    Slice(usize, usize),
    /// The caller's scratch buffer holds it.
    Scratch,
    /// A canonical form from the tables.
    Canon(&'t str),
    /// `norm[a..b]`, which becomes `canon` only next to a number or a
    /// month (مارس, آب).
    Ambiguous(usize, usize, &'t str),
}

/// Proclitic chains, as folded text. Longest first within each first letter
/// is not needed: every candidate is tried.
const ARTICLE_PREFIXES: &[&str] =
    &["ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال", "فكال"];
const SHORT_PREFIXES: &[&str] = &["و", "ف", "ب", "ك", "ل", "وب", "فب", "وك", "فك", "ول", "فل"];

/// Pronoun suffixes and the letters that must remain before them.
const SUFFIXES: &[(&str, usize)] = &[
    ("هما", 3),
    ("كما", 4),
    ("ها", 3),
    ("هم", 3),
    ("هن", 4),
    ("كم", 4),
    ("نا", 3),
    ("ه", 3),
    ("ك", 5),
];

const ELISIONS: &[&str] =
    &["l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'"];

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Computes the key of `norm`. `scratch` is cleared and used for rewrites.
pub(crate) fn key<'t>(
    tables: &'t Tables,
    opts: &NormalizeOptions,
    norm: &str,
    info: FoldInfo,
    scratch: &mut String,
) -> Key<'t> {
    let (a, b) = if !opts.strip_clitics {
        (0, norm.len())
    } else if !has_arabic(norm) {
        latin_strip(norm)
    } else {
        return arabic_key(tables, opts, norm, info, scratch);
    };
    variant(tables, opts, norm, a, b, scratch)
}

fn has_arabic(s: &str) -> bool {
    // Arabic letters are two-byte UTF-8 sequences led by 0xD8..=0xDB.
    s.bytes().any(|b| (0xD8..=0xDB).contains(&b))
}

/// French elision and English possessive: the kept byte range.
fn latin_strip(norm: &str) -> (usize, usize) {
    let mut a = 0;
    for e in ELISIONS {
        if let Some(rest) = norm.strip_prefix(e) {
            if rest.chars().take(2).count() == 2
                && rest.chars().next().is_some_and(super::charclass::is_alphabetic)
            {
                a = e.len();
                break;
            }
        }
    }
    let mut b = norm.len();
    if norm[a..].ends_with("'s") && norm.len() - a > 2 {
        b -= 2;
    }
    (a, b)
}

/// Looks `norm[a..b]` up in the variant tables.
fn variant<'t>(
    tables: &'t Tables,
    opts: &NormalizeOptions,
    norm: &str,
    a: usize,
    b: usize,
    scratch: &mut String,
) -> Key<'t> {
    let stem = &norm[a..b];
    if !opts.fold_variants {
        return Key::Slice(a, b);
    }
    if let Some(v) = tables.variants.get(stem) {
        return if v.needs_number {
            Key::Ambiguous(a, b, &v.canonical)
        } else {
            Key::Canon(&v.canonical)
        };
    }
    for (from, to) in &tables.prefixes {
        if let Some(rest) = stem.strip_prefix(from.as_str()) {
            scratch.clear();
            scratch.push_str(to);
            scratch.push_str(rest);
            return Key::Scratch;
        }
    }
    Key::Slice(a, b)
}

/// True when the key stage knows `w` as a whole word.
fn known(tables: &Tables, w: &str) -> bool {
    // One lookup in the union instead of three.
    tables.known.contains(w)
}

/// The key of a known word `norm[a..b]`: protected names drop their
/// article, variants fold.
fn known_key<'t>(
    tables: &'t Tables,
    opts: &NormalizeOptions,
    norm: &str,
    a: usize,
    b: usize,
    scratch: &mut String,
) -> Key<'t> {
    let art = tables.protected.get(&norm[a..b]).copied().unwrap_or(0);
    variant(tables, opts, norm, a + art, b, scratch)
}

/// A proclitic `p` may come off `norm` (folded) when the rules hold.
fn prefix_ok(norm: &str, info: FoldInfo, p: &str) -> bool {
    let Some(rest) = norm.strip_prefix(p) else {
        return false;
    };
    let p_chars = chars(p);
    let rest_chars = chars(rest);
    if p.ends_with("ال") {
        // The ا of the article must not have been أ/إ/آ (آليات, وألمانيا).
        return rest_chars >= 2 && !info.hamza_at(p_chars - 2);
    }
    if p == "لل" || p.ends_with("لل") {
        return rest_chars >= 2;
    }
    // ل + plain ا is rare (ل + ال is written لل): لافت, لاعب are words.
    if p.ends_with('ل') && rest.starts_with('ا') && !info.hamza_at(p_chars) {
        return rest_chars >= 5;
    }
    if p_chars == 2 {
        return rest_chars >= 4;
    }
    // وقعت, وصفت: a verb on a و-root, not و + a three-letter word in ت.
    if rest_chars == 3 && rest.ends_with('ت') {
        return false;
    }
    rest_chars >= 3
}

/// A pronoun `s` (of `s_chars` letters, needing `min` before it) may come
/// off `rest`.
fn suffix_ok(rest: &str, s: &str, s_chars: usize, min: usize) -> bool {
    let Some(stem) = rest.strip_suffix(s) else {
        return false;
    };
    let stem_chars = chars(rest) - s_chars;
    if stem_chars < min || stem.ends_with('ا') {
        // ‑اه ‑اهم are mostly the word's own letters: اتجاه, تفاهم, ساهم.
        return false;
    }
    // توجيه, تنبيه: the ه of a taf'īl noun, not "his".
    !(s == "ه" && stem.ends_with('ي') && stem_chars >= 4)
}

fn arabic_key<'t>(
    tables: &'t Tables,
    opts: &NormalizeOptions,
    norm: &str,
    info: FoldInfo,
    scratch: &mut String,
) -> Key<'t> {
    // The accusative ا of tanwin (شريكًا) is not part of the word.
    let norm = match norm.strip_suffix('ا') {
        Some(w) if info.tanwin_alef && chars(w) >= 2 => w,
        _ => norm,
    };
    if known(tables, norm) {
        return known_key(tables, opts, norm, 0, norm.len(), scratch);
    }
    // The same ا written without the tanwin mark (فسادا, كمينا): a known
    // word with it stays whole too, so that its first letter is not cut as
    // a proclitic (فسادا was keyed سادا); the lexicon matcher then reads it
    // as the word without ا.
    if norm.strip_suffix('ا').is_some_and(|w| chars(w) >= 3 && known(tables, w)) {
        return Key::Slice(0, norm.len());
    }
    // Candidate proclitics (with the empty one) and pronouns that match.
    let mut pres: [(usize, usize); 24] = [(0, 0); 24];
    let mut np = 1; // (bytes, chars); index 0 is "no prefix"
    for p in ARTICLE_PREFIXES.iter().chain(SHORT_PREFIXES) {
        if prefix_ok(norm, info, p) && np < pres.len() {
            pres[np] = (p.len(), chars(p));
            np += 1;
        }
    }
    let mut sufs: [(usize, usize, usize); 10] = [(0, 0, 0); 10];
    let mut ns = 1; // (bytes, chars, min rest); index 0 is "no suffix"
    for &(s, min) in SUFFIXES {
        if norm.ends_with(s) && !(s == "ه" && info.final_teh_marbuta) && ns < sufs.len() {
            sufs[ns] = (s.len(), chars(s), min);
            ns += 1;
        }
    }
    let is_article = |pb: usize| norm[..pb].ends_with("ال") || norm[..pb].ends_with("لل");
    // 2. The least stripping that reaches a known word.
    let mut best: Option<(usize, usize, usize, bool)> = None; // (stripped chars, pb, sb, rewrite)
    for &(pb, pc) in &pres[..np] {
        for &(sb, sc, _) in &sufs[..ns] {
            if pb + sb == 0 || pb + sb >= norm.len() || (sb > 0 && is_article(pb)) {
                continue;
            }
            let cost = pc + sc;
            if best.is_some_and(|b| b.0 <= cost) {
                continue;
            }
            let mid = &norm[pb..norm.len() - sb];
            if chars(mid) < 2 || (sb > 0 && norm[pb..norm.len() - sb].ends_with('ا')) {
                continue;
            }
            if known(tables, mid) {
                best = Some((cost, pb, sb, false));
            } else if sb > 0 && teh_rewrite(opts, mid, scratch) && known(tables, scratch) {
                best = Some((cost, pb, sb, true));
            }
        }
    }
    if let Some((_, pb, sb, rewrite)) = best {
        let b = norm.len() - sb;
        if rewrite {
            teh_rewrite(opts, &norm[pb..b], scratch);
            let w = std::mem::take(scratch);
            let k = match tables.protected.get(w.as_str()) {
                Some(&art) => {
                    scratch.push_str(&w[art..]);
                    Key::Scratch
                }
                None => match variant(tables, opts, &w, 0, w.len(), scratch) {
                    Key::Slice(..) | Key::Ambiguous(..) => {
                        scratch.clear();
                        scratch.push_str(&w);
                        Key::Scratch
                    }
                    k => k,
                },
            };
            return k;
        }
        return known_key(tables, opts, norm, pb, b, scratch);
    }
    // 3. Length rules: the longest allowed proclitic, then the longest
    // allowed pronoun (none after an article).
    let (pb, _) = pres[..np].iter().copied().max_by_key(|p| p.0).unwrap_or((0, 0));
    let rest = &norm[pb..];
    let mut sb = 0;
    if !is_article(pb) {
        for &(b, c, min) in &sufs[1..ns] {
            if b > sb && suffix_ok(rest, &rest[rest.len() - b..], c, min) {
                sb = b;
            }
        }
    }
    let b = norm.len() - sb;
    if sb > 0 && teh_rewrite(opts, &norm[pb..b], scratch) {
        return Key::Scratch;
    }
    if sb > 0 && hamza_seat_rewrite(&norm[pb..b], scratch) {
        return Key::Scratch;
    }
    variant(tables, opts, norm, pb, b, scratch)
}

/// A feminine noun keeps ة only word-finally; before a pronoun it is ت
/// (سياسة → سياستها). Writes the ة form of `mid` into `scratch` when `mid`
/// ends in such a ت: not after ا (‑ات plurals) and with ≥ 4 letters, so
/// short words ending in a real ت (وقت, بيت, صوت) are left alone.
fn teh_rewrite(opts: &NormalizeOptions, mid: &str, scratch: &mut String) -> bool {
    let Some(stem) = mid.strip_suffix('ت') else {
        return false;
    };
    if stem.ends_with('ا') || chars(mid) < 4 {
        return false;
    }
    scratch.clear();
    scratch.push_str(stem);
    scratch.push(if opts.fold_teh_marbuta { 'ه' } else { 'ة' });
    true
}

/// A final hamza sits on ئ before a pronoun (شركاء → شركائها): after ا,
/// write it back as ء.
fn hamza_seat_rewrite(mid: &str, scratch: &mut String) -> bool {
    let Some(stem) = mid.strip_suffix('ئ') else {
        return false;
    };
    if !stem.ends_with('ا') {
        return false;
    }
    scratch.clear();
    scratch.push_str(stem);
    scratch.push('ء');
    true
}
