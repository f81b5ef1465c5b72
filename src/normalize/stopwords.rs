//! The stopword table, `data/stopwords.tsv`: every function word parallax
//! sets aside, in one file, with what each is set aside for.
//!
//! Input: the bundled table. Output: one hash set per use ([`ALIGN`],
//! [`LEXICON`], [`SPOT`]) holding the table's words verbatim.
//!
//! Why one table with per-use sets rather than one set: the uses look words
//! up in different forms (alignment by normalised form or key, the lexicon
//! check by key, spot signatures by normalised form, written and folded) and
//! were written separately, so their lists differ; one file keeps the
//! differences visible (DESIGN.md § Normalisation, "Stopwords").
//!
//! Invariant: nothing is folded at load time (unlike [`super::tables`]), so
//! a set does not depend on the normaliser options and the words are slices
//! of the embedded file.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

const TABLE: &str = include_str!("../../data/stopwords.tsv");

/// Words that never seed a passage alignment and weigh 0 (normalised form
/// or key).
pub(crate) static ALIGN: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| words("align"));

/// Keys a lexicon content term should not be alone.
pub(crate) static LEXICON: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| words("lexicon"));

/// Spot signature antecedents (normalised form).
pub(crate) static SPOT: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| words("spot"));

/// `(word, languages, uses)` of each row; comments and blank lines skipped.
fn rows() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    TABLE.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).filter_map(|l| {
        let mut cols = l.split('\t').map(str::trim);
        Some((cols.next()?, cols.next()?, cols.next()?))
    })
}

fn words(purpose: &str) -> FxHashSet<&'static str> {
    rows().filter(|(_, _, uses)| uses.split(',').any(|u| u == purpose)).map(|(w, _, _)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const USES: [&str; 3] = ["align", "lexicon", "spot"];

    #[test]
    fn table_is_sorted_unique_and_well_formed() {
        let data: Vec<&str> =
            TABLE.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect();
        let mut prev = "";
        for line in &data {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "three tab-separated columns: {line:?}");
            let (word, langs, uses) = (cols[0], cols[1], cols[2]);
            assert!(
                !word.is_empty() && !word.chars().any(char::is_whitespace),
                "one word, no spaces: {line:?}"
            );
            assert!(prev < word, "rows sorted by word and unique: {prev:?} then {word:?}");
            prev = word;
            // Each column's items are known and in a fixed order, so a row
            // reads the same whoever wrote it.
            let langs: Vec<&str> = langs.split(',').collect();
            assert!(langs.iter().all(|l| ["ar", "de", "en", "fr"].contains(l)), "{line:?}");
            assert!(langs.windows(2).all(|w| w[0] < w[1]), "languages sorted: {line:?}");
            let arabic = word.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
            assert_eq!(arabic, langs == ["ar"], "Arabic script is ar and only ar: {line:?}");
            let pos: Vec<usize> = uses
                .split(',')
                .map(|u| USES.iter().position(|k| *k == u).unwrap_or_else(|| panic!("{line:?}")))
                .collect();
            assert!(!pos.is_empty() && pos.windows(2).all(|w| w[0] < w[1]), "{line:?}");
        }
        assert_eq!(rows().count(), data.len(), "every data line parses");
        assert_eq!(data.len(), 234);
    }

    /// Each set is exactly the list its use had before the table (sizes,
    /// and members that tell the lists apart).
    #[test]
    fn each_use_keeps_its_own_list() {
        assert_eq!(ALIGN.len(), 173);
        assert_eq!(LEXICON.len(), 74);
        assert_eq!(SPOT.len(), 182);
        // Alignment: normalised forms with a proclitic, folded ة; no لا.
        for w in ["في", "وفي", "اضافه", "يمكن", "als", "qu", "they"] {
            assert!(ALIGN.contains(w), "{w}");
        }
        for w in ["لا", "على", "said", "à", "و"] {
            assert!(!ALIGN.contains(w), "{w}");
        }
        // Lexicon check: keys, one-letter proclitics included.
        for w in ["الي", "لا", "و", "ب", "ل", "à", "it"] {
            assert!(LEXICON.contains(w), "{w}");
        }
        for w in ["وفي", "على", "avec", "he"] {
            assert!(!LEXICON.contains(w), "{w}");
        }
        // Spot: written and folded spellings, elisions, more English.
        for w in ["على", "علي", "إلى", "الى", "أنّ", "هؤلاء", "l'", "où", "said", "about"]
        {
            assert!(SPOT.contains(w), "{w}");
        }
        for w in ["الي", "حتي", "he", "they", "l", "اضافه"] {
            assert!(!SPOT.contains(w), "{w}");
        }
    }
}
