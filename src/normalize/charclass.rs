//! Fast letter/digit classes for the characters news text is made of.
//!
//! Input: one `char`. Output: the same answer as `char::is_alphabetic` /
//! `char::is_alphanumeric`.
//!
//! Invariant: the answers are exactly std's, for every code point. ASCII is
//! answered inline and the Arabic block (U+0600–U+06FF) from a table built
//! once *from the std functions themselves*, so harakat that Unicode calls
//! Other_Alphabetic keep their std class; everything else falls back to std.
//! Why: std's `lookup_slow` binary search over the Unicode tables was the
//! single largest cost of normalising Arabic text.

use std::sync::LazyLock;

const ALPHA: u8 = 1;
const NUMERIC: u8 = 2;

/// Class bits of U+0600..=U+06FF, computed from std at first use.
static ARABIC: LazyLock<[u8; 256]> = LazyLock::new(|| {
    let mut t = [0u8; 256];
    for (i, slot) in t.iter_mut().enumerate() {
        if let Some(c) = char::from_u32(0x0600 + i as u32) {
            *slot = (u8::from(c.is_alphabetic()) * ALPHA) | (u8::from(c.is_numeric()) * NUMERIC);
        }
    }
    t
});

/// Class bits of an Arabic-block char, or `None` outside the block.
#[inline]
fn arabic_bits(c: char) -> Option<u8> {
    let off = (c as u32).wrapping_sub(0x0600);
    if off < 256 {
        ARABIC.get(off as usize).copied()
    } else {
        None
    }
}

/// Whether U+0600 + `off` is alphabetic (`off` < 256), for loops over many
/// Arabic characters: they take the table once instead of checking its
/// lazy initialisation per character.
pub(crate) fn arabic_alphabetic() -> impl Fn(usize) -> bool {
    let table: &'static [u8; 256] = &ARABIC;
    move |off| table.get(off).is_some_and(|bits| bits & ALPHA != 0)
}

/// `c.is_alphabetic()`, fast for ASCII and Arabic.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match arabic_bits(c) {
        Some(bits) => bits & ALPHA != 0,
        None => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, fast for ASCII and Arabic.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match arabic_bits(c) {
        Some(bits) => bits != 0,
        None => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code point, not a sample: the table must be std, exactly.
    #[test]
    fn arabic_block_table_is_std() {
        let alpha = arabic_alphabetic();
        for off in 0..256 {
            let c = char::from_u32(0x600 + off as u32).unwrap_or_default();
            assert_eq!(alpha(off), c.is_alphabetic(), "U+{:04X}", 0x600 + off);
        }
    }

    #[test]
    fn agrees_with_std_everywhere() {
        let mut bad = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_alphabetic(c) != c.is_alphabetic() || is_alphanumeric(c) != c.is_alphanumeric() {
                bad.push(c);
            }
        }
        assert!(bad.is_empty(), "{bad:?}");
    }

    #[test]
    fn arabic_examples() {
        // Letters, a haraka (Other_Alphabetic), digits, punctuation.
        assert!(is_alphabetic('ب') && is_alphabetic('\u{064E}'));
        assert!(!is_alphabetic('٢') && is_alphanumeric('٢'));
        assert!(!is_alphanumeric('،') && !is_alphanumeric('؟'));
        assert!(is_alphabetic('\u{0640}'), "tatweel is a modifier letter (Lm)");
    }
}
