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
    let (mut arabic, mut latin, mut accents) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if super::fold::is_arabic(c) && is_alphabetic(c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        } else if matches!(c, 'à'..='ÿ' | 'À'..='Ý' | 'œ' | 'Œ') {
            latin += 1;
            accents += 1;
        }
    }
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
}
