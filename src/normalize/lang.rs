//! Language detection for `documents.csv`.
//!
//! Input: a document's text. Output: `"ar"`, `"fr"`, `"en"` or `"und"`.
//!
//! Invariant: deterministic and allocation-free; reads at most the first
//! 4 KiB. Arabic wins on script share (more than 40% of letters Arabic);
//! otherwise Latin text is told apart by counting a few very frequent
//! function words of each language, accents breaking a tie.

use super::charclass::is_alphabetic;

/// A news article's first 4 KiB (some 350 Arabic or 600 Latin words) settle its language; more
/// only costs time (this runs on every document).
const MAX_BYTES: usize = 4 * 1024;
const MIN_LETTERS: usize = 20;

const FR: &[&str] = &[
    "le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "que", "qui", "sur", "au",
    "aux", "par", "pas", "avec", "cette", "ce", "il", "elle", "ont", "sont", "entre", "selon",
    "mais", "ses", "leur",
];
const EN: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by", "it",
    "are", "be", "this", "from", "at", "an", "has", "have", "its", "which", "said", "will",
    "between",
];

/// Guesses the language of `text`: `"ar"`, `"fr"`, `"en"` or `"und"` (too
/// little text, or another language).
pub fn detect_language(text: &str) -> &'static str {
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let (arabic, latin, accents) = count_letters(text);
    let letters = arabic + latin;
    if letters < MIN_LETTERS {
        return "und";
    }
    if arabic * 10 > letters * 4 {
        return "ar";
    }
    if latin * 2 < letters {
        return "und";
    }
    let (mut fr, mut en) = (0usize, 0usize);
    for w in text.split(|c: char| !is_alphabetic(c)) {
        if w.is_empty() || w.len() > 7 {
            continue;
        }
        if FR.iter().any(|s| w.eq_ignore_ascii_case(s)) {
            fr += 1;
        }
        if EN.iter().any(|s| w.eq_ignore_ascii_case(s)) {
            en += 1;
        }
    }
    match fr.cmp(&en) {
        std::cmp::Ordering::Greater => "fr",
        std::cmp::Ordering::Less => "en",
        std::cmp::Ordering::Equal if fr == 0 => "und",
        // A tie: French text carries accents, English almost never does.
        std::cmp::Ordering::Equal if accents * 100 > latin => "fr",
        std::cmp::Ordering::Equal => "en",
    }
}

/// Arabic letters, Latin letters and accented Latin letters of `text`.
///
/// Runs on every document, so it reads bytes: ASCII and two-byte sequences
/// (Arabic, accented Latin) are decoded inline. It stops early once the
/// rest of the text could no longer turn an Arabic verdict (every
/// remaining byte a Latin letter would not bring Arabic under 40%): the
/// verdict is then the one the whole count gives, and only the verdict is
/// used when Arabic wins.
fn count_letters(text: &str) -> (usize, usize, usize) {
    let (mut arabic, mut latin, mut accents) = (0usize, 0usize, 0usize);
    let alphabetic = super::charclass::arabic_alphabetic();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            latin += usize::from(b.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        let c = match (b, bytes.get(i + 1)) {
            (0xD8..=0xDB, Some(&b1)) => {
                // U+0600–U+06FF, nearly every byte pair of Arabic text.
                i += 2;
                if alphabetic((usize::from(b & 0x03) << 6) | usize::from(b1 & 0x3F)) {
                    arabic += 1;
                    if arabic % 64 == 0
                        && arabic >= MIN_LETTERS
                        && arabic * 10 > (arabic + latin + (bytes.len() - i)) * 4
                    {
                        break;
                    }
                }
                continue;
            }
            (0xC2..=0xDF, Some(&b1)) => {
                i += 2;
                char::from_u32((u32::from(b & 0x1F) << 6) | u32::from(b1 & 0x3F))
            }
            _ => {
                let c = text.get(i..).and_then(|t| t.chars().next());
                i += c.map_or(1, char::len_utf8);
                c
            }
        };
        let Some(c) = c else { continue };
        if super::fold::is_arabic(c) && is_alphabetic(c) {
            arabic += 1;
        } else if matches!(c, 'à'..='ÿ' | 'À'..='Ý' | 'œ' | 'Œ') {
            latin += 1;
            accents += 1;
        }
    }
    (arabic, latin, accents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        let seed = std::str::from_utf8(crate::seeds::SEEDS[0].1).unwrap_or("");
        assert_eq!(detect_language(seed), "ar");
        assert_eq!(
            detect_language("L'Algérie et les États-Unis ont signé un mémorandum dans le domaine de la défense."),
            "fr"
        );
        assert_eq!(
            detect_language(
                "Algeria and the United States signed a memorandum of understanding on defence."
            ),
            "en"
        );
        assert_eq!(detect_language("22 2025"), "und");
        assert_eq!(detect_language(""), "und");
        assert_eq!(detect_language("Переговоры между Алжиром и США продолжаются уже год"), "und");
        // Arabic with a few Latin acronyms is still Arabic.
        assert_eq!(
            detect_language("وكالة مكافحة المخدرات الأمريكية (DEA) تلعب دورًا مهمًا في التحقيق"),
            "ar"
        );
    }

    /// The letter count as it was: every character decoded, no early stop.
    fn count_chars(text: &str) -> (usize, usize, usize) {
        let (mut arabic, mut latin, mut accents) = (0usize, 0usize, 0usize);
        for c in text.chars() {
            if crate::normalize::fold::is_arabic(c) && is_alphabetic(c) {
                arabic += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            } else if matches!(c, 'à'..='ÿ' | 'À'..='Ý' | 'œ' | 'Œ') {
                latin += 1;
                accents += 1;
            }
        }
        (arabic, latin, accents)
    }

    proptest::proptest! {
        /// The byte-level count gives what the character count gives: the
        /// same numbers, or (stopped early) the same Arabic verdict.
        #[test]
        fn byte_count_matches_chars(chars in proptest::collection::vec(proptest::sample::select(vec![
            'a', 'Z', ' ', '.', 'é', 'œ', 'Ý', '×', '\u{80}', 'ب', 'ة', 'ـ', '\u{64B}', '،', '٣',
            '\u{6D6}', 'ڤ', '\u{FEFB}', 'ж', '😀', '\u{2028}',
        ]), 0..3000)) {
            let text: String = chars.into_iter().collect();
            let (a, l, x) = count_letters(&text);
            let (a2, l2, x2) = count_chars(&text);
            let ar = |a: usize, l: usize| a + l >= MIN_LETTERS && a * 10 > (a + l) * 4;
            if (a, l, x) != (a2, l2, x2) {
                proptest::prop_assert!(ar(a, l) && ar(a2, l2), "{:?} vs {:?}", (a, l, x), (a2, l2, x2));
            }
        }
    }

    #[test]
    fn arabic_articles_stop_early_with_the_same_verdict() {
        for (_, bytes) in crate::seeds::SEEDS {
            let text = std::str::from_utf8(bytes).unwrap_or("");
            let (a, l, _) = count_letters(text);
            let (a2, _, _) = count_chars(text);
            assert!(a * 10 > (a + l) * 4);
            assert!(a < a2, "no early stop: {a} of {a2}");
        }
    }
}
