//! The word lists the key stage consults, loaded once per [`Normalizer`].
//!
//! Input: the bundled data files (`data/protected.txt`, `data/nostrip.txt`,
//! `data/variants.tsv`) and the active [`NormalizeOptions`]. Output: hash
//! tables keyed by *folded* forms, so a lookup costs one hash of the word
//! being keyed, whatever the options.
//!
//! Invariant: every key and value in these tables went through the same
//! folding as running text, so text and tables always agree.
//!
//! [`Normalizer`]: super::Normalizer

use rustc_hash::{FxHashMap, FxHashSet};

use super::fold::fold_into;
use super::NormalizeOptions;

const PROTECTED: &str = include_str!("../../data/protected.txt");
const NOSTRIP: &str = include_str!("../../data/nostrip.txt");
const VARIANTS: &str = include_str!("../../data/variants.tsv");

/// A spelling variant's canonical form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Variant {
    /// The canonical key.
    pub(crate) canonical: String,
    /// Fold only next to a number or a month (مارس, آب, نيسان, may ...).
    pub(crate) needs_number: bool,
}

/// Folded word lists.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tables {
    /// Protected name (folded) → bytes of leading article to drop (0 or the
    /// length of "ال"). Holds both `الجزائر` (→ 4) and `جزائر` (→ 0).
    pub(crate) protected: FxHashMap<String, usize>,
    /// Words kept whole (folded).
    pub(crate) nostrip: FxHashSet<String>,
    /// Whole-stem variants.
    pub(crate) variants: FxHashMap<String, Variant>,
    /// Prefix rules `(variant start, canonical start)`, longest first.
    pub(crate) prefixes: Vec<(String, String)>,
    /// Two-word variants: key of the first word → `(key of the second,
    /// canonical)`. Filled by the normaliser once the other tables exist,
    /// because the words' keys depend on them.
    pub(crate) pairs: FxHashMap<String, Vec<(String, String)>>,
    /// Union of the keys of `protected`, `nostrip` and `variants`: one
    /// lookup answers "is this a known word?" (the common question).
    pub(crate) known: FxHashSet<String>,
    /// Two-word variants as read, `(first, second, canonical, flags)`, raw.
    pub(crate) raw_pairs: Vec<(String, String, String)>,
}

/// Non-comment, non-blank lines.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn fold(opts: &NormalizeOptions, w: &str) -> (String, super::fold::FoldInfo) {
    let mut s = String::with_capacity(w.len());
    let info = fold_into(opts, w, &mut s);
    (s, info)
}

impl Tables {
    /// Loads the bundled lists, folded with `opts`.
    pub(crate) fn load(opts: &NormalizeOptions) -> Tables {
        let mut t = Tables::default();
        for line in lines(PROTECTED) {
            for word in line.split_whitespace() {
                let (f, info) = fold(opts, word);
                // The article of a name is still the article (الجزائر →
                // جزائر), unless its alef was hamzated (ألمانيا).
                let art = article_len(&f, info.hamza_at(0));
                t.protected.insert(f.clone(), art);
                if art > 0 {
                    t.protected.insert(f[art..].to_string(), 0);
                }
            }
        }
        for line in lines(NOSTRIP) {
            let (f, _) = fold(opts, line);
            t.nostrip.insert(f);
        }
        for line in lines(VARIANTS) {
            let mut cols = line.split('\t').map(str::trim);
            let (Some(var), Some(canon)) = (cols.next(), cols.next()) else {
                continue;
            };
            let needs_number = cols.any(|f| f == "num");
            if let (Some(v), Some(c)) = (var.strip_suffix('*'), canon.strip_suffix('*')) {
                let (v, _) = fold(opts, v);
                let (c, _) = fold(opts, c);
                if v != c {
                    t.prefixes.push((v, c));
                }
                continue;
            }
            let canonical = if canon.is_ascii() { canon.to_string() } else { fold(opts, canon).0 };
            if let Some((a, b)) = var.split_once(' ') {
                t.raw_pairs.push((fold(opts, a).0, fold(opts, b.trim()).0, canonical));
                continue;
            }
            let (v, _) = fold(opts, var);
            if v != canonical {
                t.variants.insert(v, Variant { canonical, needs_number });
            }
        }
        t.known.extend(t.protected.keys().cloned());
        t.known.extend(t.nostrip.iter().cloned());
        t.known.extend(t.variants.keys().cloned());
        // Longest prefix first, so the most specific rule wins.
        t.prefixes.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        t
    }
}

/// Byte length of a leading article "ال" that may be stripped from `f`:
/// 4 when `f` starts with ال followed by at least two letters and the alef
/// was not hamzated; else 0.
pub(crate) fn article_len(f: &str, hamzated: bool) -> usize {
    match f.strip_prefix("ال") {
        Some(rest) if !hamzated && rest.chars().count() >= 2 => "ال".len(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_folded() {
        let t = Tables::load(&NormalizeOptions::default());
        assert_eq!(t.protected.get("الجزائر"), Some(&4));
        assert_eq!(t.protected.get("جزائر"), Some(&0));
        assert_eq!(t.protected.get("المانيا"), Some(&0), "hamzated alef is no article");
        assert!(t.nostrip.contains("ولايه"));
        assert_eq!(t.variants.get("جانفي").map(|v| v.canonical.as_str()), Some("month01"));
        assert_eq!(t.variants.get("جويليه").map(|v| v.canonical.as_str()), Some("month07"));
        assert!(t.variants.get("مارس").is_some_and(|v| v.needs_number));
        assert!(t.variants.get("اب").is_some_and(|v| v.needs_number));
        assert!(t.prefixes.iter().any(|(v, c)| v == "اميرك" && c == "امريك"));
        assert!(t
            .raw_pairs
            .iter()
            .any(|(a, b, c)| a == "كانون" && b == "الثاني" && c == "month01"));
        // Identity rules after folding (إفريقي / أفريقي) are dropped.
        assert!(!t.prefixes.iter().any(|(v, c)| v == c));
    }
}
