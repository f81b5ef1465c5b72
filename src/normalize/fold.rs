//! Character folding for one word.
//!
//! Input: the surface of one word segment. Output: its normalised form
//! appended to a caller's buffer, plus a [`FoldInfo`] recording the facts
//! that folding erases but the clitic stripper still needs (which letters
//! were hamzated alefs, whether the final ه was a ة).
//!
//! Invariant: folding is idempotent (`fold(fold(w)) == fold(w)`) and the
//! output never contains whitespace, control or format characters, so a
//! normalised word re-segments as one word.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::NormalizeOptions;

/// What folding erased, for the key stage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FoldInfo {
    /// Bit `i` set: output char `i` (i < 32) is an ا folded from أ إ آ ٱ.
    /// An "ال" whose ا was hamzated is not the article (آليات, ألمانيا).
    pub(crate) hamza_alef: u32,
    /// The last output char is a ه folded from ة. Such a ه is never an
    /// enclitic pronoun (زيارة is not زيار + ه).
    pub(crate) final_teh_marbuta: bool,
    /// The word ends in an ا carrying tanwin fath (شريكًا, عسكرياً): the
    /// accusative ending, not part of the word.
    pub(crate) tanwin_alef: bool,
}

impl FoldInfo {
    /// True when output char `i` was a hamzated alef.
    pub(crate) fn hamza_at(&self, i: usize) -> bool {
        i < 32 && self.hamza_alef & (1 << i) != 0
    }
}

/// Harakat, Quranic annotation marks and tatweel: removed by
/// `strip_diacritics`. U+064B–U+0652 and U+0670 are the ones the contract
/// names; the others (small high letters, U+0653–U+065F) only occur in
/// vocalised or Quranic text and carry no lexical distinction for us.
/// U+0654/U+0655 (hamza above/below) are composed into their letter by NFKC
/// first, so stripping a leftover one loses nothing.
pub(crate) fn is_diacritic(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0640}')
}

/// Characters a word segment may contain that carry no letter: dropped so
/// a norm never holds whitespace (NFKC of ﷺ has spaces), joiners or bidi
/// marks. Apostrophes, dots, commas and the like stay (they join `l'état`,
/// `U.S`, `3.5`, `1,200`).
fn keep(c: char) -> bool {
    super::charclass::is_alphanumeric(c)
        || is_combining_mark(c)
        || matches!(c, '\'' | '.' | ',' | '_' | '·' | ':')
}

/// Folds `word` into `out` (appending) with `opts`; returns what was erased.
pub(crate) fn fold_into(opts: &NormalizeOptions, word: &str, out: &mut String) -> FoldInfo {
    let mut info = FoldInfo::default();
    let mut n = 0usize;
    let mut last_tm = false;
    let mut fathatan_at = usize::MAX;
    let mut push = |c: char, out: &mut String| {
        if c == '\u{064B}' {
            fathatan_at = n;
        }
        if opts.strip_diacritics && is_diacritic(c) {
            return;
        }
        let (c, hamza, tm) = fold_char(opts, c);
        if is_plain_arabic(c) {
            // Fast path: Arabic letters are caseless, accentless and kept.
            if hamza && n < 32 {
                info.hamza_alef |= 1 << n;
            }
            out.push(c);
            n += 1;
            last_tm = tm;
            return;
        }
        if !keep(c) {
            return;
        }
        if opts.lowercase && c.is_uppercase() {
            for l in c.to_lowercase() {
                push_accent(opts, l, out, &mut n);
            }
        } else {
            if hamza && n < 32 {
                info.hamza_alef |= 1 << n;
            }
            push_accent(opts, c, out, &mut n);
        }
        last_tm = tm;
    };
    let quick = !opts.nfkc
        || word.chars().all(|c| c.is_ascii() || is_stable_arabic(c))
        || matches!(is_nfkc_quick(word.chars()), IsNormalized::Yes);
    if quick {
        for c in word.chars() {
            push(c, out);
        }
    } else {
        for c in word.nfkc() {
            push(c, out);
        }
    }
    info.final_teh_marbuta = last_tm;
    // ًا or اً: the fathatan sits just before or just after the final ا.
    info.tanwin_alef = out.ends_with('ا') && (fathatan_at == n || fathatan_at.wrapping_add(1) == n);
    info
}

/// Pushes `c`, dropping its accents when `fold_accents` is on.
fn push_accent(opts: &NormalizeOptions, c: char, out: &mut String, n: &mut usize) {
    if opts.fold_accents && is_latin_ext(c) {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'Œ' => out.push_str("OE"),
            'Æ' => out.push_str("AE"),
            _ => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
        }
        *n += 1;
        return;
    }
    if opts.fold_accents && is_combining_mark(c) && !is_arabic(c) {
        // A combining accent left over (text not NFKC-composed).
        return;
    }
    out.push(c);
    *n += 1;
}

/// Arabic letters (ء–ي without tatweel): kept as they are by every rule
/// but the letter folds.
fn is_plain_arabic(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

/// Arabic letters, harakat U+064B–U+0652 and Arabic-Indic digits: already
/// NFKC and never composed with a neighbour, so NFKC can be skipped. (The
/// hamza and madda marks U+0653–U+0655 compose, and are not in this set.)
fn is_stable_arabic(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{0652}' | '\u{0660}'..='\u{0669}')
}

fn is_latin_ext(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// True for Arabic-script characters (letters, marks, digits).
pub(crate) fn is_arabic(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// One character's letter/digit/apostrophe folds: `(folded, was hamzated
/// alef, was teh marbuta)`.
fn fold_char(o: &NormalizeOptions, c: char) -> (char, bool, bool) {
    let folded = match c {
        'أ' | 'إ' | 'آ' | 'ٱ' if o.fold_alef => return ('ا', true, false),
        'ة' if o.fold_teh_marbuta => return ('ه', false, true),
        'ۃ' if o.fold_persian => {
            return if o.fold_teh_marbuta { ('ه', false, true) } else { ('ة', false, true) }
        }
        'ى' if o.fold_yeh => 'ي',
        // Persian, Urdu and Maghrebi letter forms. ی (Farsi yeh) and ے are
        // the Arabic ي; ڤ (Maghrebi v/g) is written ف in the Mashriq; ڨ
        // (Algerian g) is a ق; پ گ چ are p g ch, spelled ب ك ج in Arabic news.
        'ک' | 'گ' if o.fold_persian => 'ك',
        'ی' | 'ې' | 'ے' if o.fold_persian => 'ي',
        'ۀ' | 'ہ' | 'ە' | 'ھ' if o.fold_persian => 'ه',
        'ڤ' if o.fold_persian => 'ف',
        'ڨ' if o.fold_persian => 'ق',
        'پ' if o.fold_persian => 'ب',
        'چ' if o.fold_persian => 'ج',
        '٠'..='٩' if o.ascii_digits => digit(c as u32 - '٠' as u32),
        '۰'..='۹' if o.ascii_digits => digit(c as u32 - '۰' as u32),
        '٫' if o.ascii_digits => '.',
        '٬' if o.ascii_digits => ',',
        // One apostrophe, so French elision and English possessives match
        // whatever the typesetter used.
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{FF07}' => '\'',
        _ => c,
    };
    (folded, false, false)
}

fn digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(opts: &NormalizeOptions, w: &str) -> String {
        let mut s = String::new();
        fold_into(opts, w, &mut s);
        s
    }

    #[test]
    fn golden_folds() {
        let d = NormalizeOptions::default();
        let table = [
            // harakat and tatweel
            ("تطورًا", "تطورا"),
            ("موسّع", "موسع"),
            ("ستُعقد", "ستعقد"),
            ("بـ", "ب"),
            ("عسكـــري", "عسكري"),
            ("الْقُرْآن", "القران"),
            // alef, yeh, teh marbuta
            ("أفريكوم", "افريكوم"),
            ("إفريقيا", "افريقيا"),
            ("آليات", "اليات"),
            ("ٱلله", "الله"),
            ("إلى", "الي"),
            ("مذكرة", "مذكره"),
            ("نشرة", "نشره"),
            // Persian / Urdu / Maghrebi letters
            ("کی", "كي"),
            ("ڤاغنر", "فاغنر"),
            ("ۀ", "ه"),
            // digits (kept, never zeroed)
            ("٢٢", "22"),
            ("۲۰۲۵", "2025"),
            ("٣٫٥", "3.5"),
            // presentation forms and ligatures (NFKC)
            ("ﻻ", "لا"),
            ("ﷺ", "صلياللهعليهوسلم"),
            // Latin
            ("World", "world"),
            ("L’Algérie", "l'algérie"),
            ("ＡＢＣ", "abc"),
            // invisible marks dropped
            ("می\u{200C}خواهم", "ميخواهم"),
            ("واشنطن\u{200F}", "واشنطن"),
        ];
        for (surface, want) in table {
            assert_eq!(f(&d, surface), want, "{surface}");
        }
    }

    #[test]
    fn switches_turn_rules_off() {
        let mut o = NormalizeOptions {
            fold_alef: false,
            fold_teh_marbuta: false,
            strip_diacritics: false,
            ..NormalizeOptions::default()
        };
        assert_eq!(f(&o, "أَمريكة"), "أَمريكة");
        o.fold_accents = true;
        assert_eq!(f(&o, "Été"), "ete");
        assert_eq!(f(&o, "cœur"), "coeur");
        let d = NormalizeOptions::default();
        assert_eq!(f(&d, "Été"), "été");
    }

    #[test]
    fn info_records_hamza_and_teh_marbuta() {
        let d = NormalizeOptions::default();
        let mut s = String::new();
        let i = fold_into(&d, "وألمانيا", &mut s);
        assert!(i.hamza_at(1) && !i.hamza_at(0));
        s.clear();
        let i = fold_into(&d, "الزيارة", &mut s);
        assert!(i.final_teh_marbuta && i.hamza_alef == 0);
        s.clear();
        let i = fold_into(&d, "موقفه", &mut s);
        assert!(!i.final_teh_marbuta);
    }

    #[test]
    fn folding_is_idempotent() {
        let d = NormalizeOptions { fold_accents: true, ..NormalizeOptions::default() };
        for w in ["تطورًا", "ﷺ", "L’Algérie", "İstanbul", "٣٫٥", "ۀ", "Œuvre", "ﻷ"]
        {
            let once = f(&d, w);
            assert_eq!(f(&d, &once), once, "{w}");
        }
    }
}
