//! Word segmentation: the same segments as Unicode word boundaries (UAX #29,
//! `unicode_segmentation::split_word_bound_indices`), fast for the
//! characters news text is made of.
//!
//! Input: a text. Output: its segments, in order, as `(byte offset, &str)`;
//! the segments tile the text.
//!
//! Invariant: the output equals `text.split_word_bound_indices()` for every
//! text (property-tested against the crate, and character by character over
//! the whole fast range).
//!
//! Why: the crate's per-character binary search over the Unicode tables was
//! the largest single cost of the pipeline (a third of `parallax dups`).
//! UAX #29 always breaks after a line feed and restarts there as at the start
//! of text, so each line is segmented on its own: lines made only of
//! characters in the fast table (Latin, Greek, Cyrillic, Arabic and Syriac
//! blocks, general punctuation) go through the rules below, and any other
//! line — emoji, Hebrew, CJK, regional indicators, a zero-width joiner —
//! is handed to the crate whole.

use std::cell::Cell;
use std::sync::LazyLock;

use unicode_segmentation::UnicodeSegmentation;

/// The word-break classes that occur in the fast range. `DoubleQuote` only
/// matters next to Hebrew letters, which are not in the fast range, so it is
/// `Other` here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Wb {
    Other,
    Cr,
    Lf,
    Newline,
    Extend,
    Format,
    ALetter,
    Numeric,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
    ExtendNumLet,
    WSegSpace,
    /// Outside the fast table: the line goes to the crate.
    Slow,
}

/// Word_Break property values (Unicode 16) of U+0000..U+077F that are not
/// `Other`, as inclusive ranges. Hebrew letters are `Slow` (their rules,
/// WB7a–c, are not implemented here).
const LOW_RANGES: &[(u32, u32, Wb)] = &[
    (0x0A, 0x0A, Wb::Lf),
    (0x0B, 0x0C, Wb::Newline),
    (0x0D, 0x0D, Wb::Cr),
    (0x20, 0x20, Wb::WSegSpace),
    (0x27, 0x27, Wb::SingleQuote),
    (0x2C, 0x2C, Wb::MidNum),
    (0x2E, 0x2E, Wb::MidNumLet),
    (0x30, 0x39, Wb::Numeric),
    (0x3A, 0x3A, Wb::MidLetter),
    (0x3B, 0x3B, Wb::MidNum),
    (0x41, 0x5A, Wb::ALetter),
    (0x5F, 0x5F, Wb::ExtendNumLet),
    (0x61, 0x7A, Wb::ALetter),
    (0x85, 0x85, Wb::Newline),
    (0xAA, 0xAA, Wb::ALetter),
    (0xAD, 0xAD, Wb::Format),
    (0xB5, 0xB5, Wb::ALetter),
    (0xB7, 0xB7, Wb::MidLetter),
    (0xB8, 0xB8, Wb::ALetter),
    (0xBA, 0xBA, Wb::ALetter),
    (0xC0, 0xD6, Wb::ALetter),
    (0xD8, 0xF6, Wb::ALetter),
    (0xF8, 0x2D7, Wb::ALetter),
    (0x2DE, 0x2FF, Wb::ALetter),
    (0x300, 0x36F, Wb::Extend),
    (0x370, 0x374, Wb::ALetter),
    (0x376, 0x377, Wb::ALetter),
    (0x37A, 0x37D, Wb::ALetter),
    (0x37E, 0x37E, Wb::MidNum),
    (0x37F, 0x37F, Wb::ALetter),
    (0x386, 0x386, Wb::ALetter),
    (0x387, 0x387, Wb::MidLetter),
    (0x388, 0x38A, Wb::ALetter),
    (0x38C, 0x38C, Wb::ALetter),
    (0x38E, 0x3A1, Wb::ALetter),
    (0x3A3, 0x3F5, Wb::ALetter),
    (0x3F7, 0x481, Wb::ALetter),
    (0x483, 0x489, Wb::Extend),
    (0x48A, 0x52F, Wb::ALetter),
    (0x531, 0x556, Wb::ALetter),
    (0x559, 0x55C, Wb::ALetter),
    (0x55E, 0x55E, Wb::ALetter),
    (0x55F, 0x55F, Wb::MidLetter),
    (0x560, 0x588, Wb::ALetter),
    (0x589, 0x589, Wb::MidNum),
    (0x58A, 0x58A, Wb::ALetter),
    (0x591, 0x5BD, Wb::Extend),
    (0x5BF, 0x5BF, Wb::Extend),
    (0x5C1, 0x5C2, Wb::Extend),
    (0x5C4, 0x5C5, Wb::Extend),
    (0x5C7, 0x5C7, Wb::Extend),
    (0x5D0, 0x5EA, Wb::Slow),
    (0x5EF, 0x5F2, Wb::Slow),
    (0x5F3, 0x5F3, Wb::ALetter),
    (0x5F4, 0x5F4, Wb::MidLetter),
    (0x600, 0x605, Wb::Numeric),
    (0x60C, 0x60D, Wb::MidNum),
    (0x610, 0x61A, Wb::Extend),
    (0x61C, 0x61C, Wb::Format),
    (0x620, 0x64A, Wb::ALetter),
    (0x64B, 0x65F, Wb::Extend),
    (0x660, 0x669, Wb::Numeric),
    (0x66B, 0x66B, Wb::Numeric),
    (0x66C, 0x66C, Wb::MidNum),
    (0x66E, 0x66F, Wb::ALetter),
    (0x670, 0x670, Wb::Extend),
    (0x671, 0x6D3, Wb::ALetter),
    (0x6D5, 0x6D5, Wb::ALetter),
    (0x6D6, 0x6DC, Wb::Extend),
    (0x6DD, 0x6DD, Wb::Numeric),
    (0x6DF, 0x6E4, Wb::Extend),
    (0x6E5, 0x6E6, Wb::ALetter),
    (0x6E7, 0x6E8, Wb::Extend),
    (0x6EA, 0x6ED, Wb::Extend),
    (0x6EE, 0x6EF, Wb::ALetter),
    (0x6F0, 0x6F9, Wb::Numeric),
    (0x6FA, 0x6FC, Wb::ALetter),
    (0x6FF, 0x6FF, Wb::ALetter),
    (0x70F, 0x710, Wb::ALetter),
    (0x711, 0x711, Wb::Extend),
    (0x712, 0x72F, Wb::ALetter),
    (0x730, 0x74A, Wb::Extend),
    (0x74D, 0x77F, Wb::ALetter),
];

/// End (exclusive) of the table-driven low range.
const LOW_END: u32 = 0x780;

/// General punctuation, U+2000..U+206F: the classes that are not `Other`.
fn punctuation_class(cp: u32) -> Wb {
    match cp {
        0x2000..=0x2006 | 0x2008..=0x200A | 0x205F => Wb::WSegSpace,
        0x200C => Wb::Extend,
        // Zero-width joiner: WB3c (ZWJ × emoji) needs emoji data.
        0x200D => Wb::Slow,
        0x200E..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F => Wb::Format,
        0x2018..=0x2019 | 0x2024 => Wb::MidNumLet,
        0x2027 => Wb::MidLetter,
        0x2028..=0x2029 => Wb::Newline,
        0x202F | 0x203F..=0x2040 | 0x2054 => Wb::ExtendNumLet,
        0x2044 => Wb::MidNum,
        _ => Wb::Other,
    }
}

/// What a segment holds, as the normaliser asks it: any letter or digit,
/// any digit, any Arabic letter. ORed over the segment's characters, so
/// that nobody decodes the segment again to ask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Flags(u8);

impl Flags {
    /// `charclass::is_alphanumeric`.
    const ALNUM: u8 = 1;
    /// An ASCII, Arabic-Indic or Persian digit.
    const DIGIT: u8 = 2;
    /// An Arabic-script letter (`fold::is_arabic` and alphabetic).
    const ARABIC: u8 = 4;

    fn of_char(c: char) -> Flags {
        let mut f = 0;
        if super::charclass::is_alphanumeric(c) {
            f |= Flags::ALNUM;
        }
        if c.is_ascii_digit() || matches!(c, '٠'..='٩' | '۰'..='۹') {
            f |= Flags::DIGIT;
        }
        if super::fold::is_arabic(c) && super::charclass::is_alphabetic(c) {
            f |= Flags::ARABIC;
        }
        Flags(f)
    }

    /// The flags of a whole segment, character by character.
    pub(crate) fn of(seg: &str) -> Flags {
        Flags(seg.chars().fold(0, |f, c| f | Flags::of_char(c).0))
    }

    /// Holds a letter or a digit (else it is punctuation or space).
    pub(crate) fn alphanumeric(self) -> bool {
        self.0 & Flags::ALNUM != 0
    }

    /// Mixes digits and Arabic letters (`2025م`): split into runs.
    pub(crate) fn digits_and_arabic(self) -> bool {
        self.0 & (Flags::DIGIT | Flags::ARABIC) == Flags::DIGIT | Flags::ARABIC
    }
}

/// Class (low 4 bits) and flags (high bits) of every code point below
/// `LOW_END`.
static LOW: LazyLock<[u8; LOW_END as usize]> = LazyLock::new(|| {
    let mut t = [Wb::Other as u8; LOW_END as usize];
    for &(a, b, class) in LOW_RANGES {
        for slot in &mut t[a as usize..=b as usize] {
            *slot = class as u8;
        }
    }
    for (cp, slot) in (0..LOW_END).zip(t.iter_mut()) {
        if let Some(c) = char::from_u32(cp) {
            *slot |= Flags::of_char(c).0 << 4;
        }
    }
    t
});

/// Class and flags of a code point at or above `LOW_END`.
#[cold]
fn high_info(c: char) -> (Wb, Flags) {
    let cp = c as u32;
    let class = if (0x2000..0x2070).contains(&cp) {
        punctuation_class(cp)
    } else if cp == 0xFEFF {
        Wb::Format
    } else {
        Wb::Slow
    };
    (class, Flags::of_char(c))
}

/// The classes by their number in the table.
const CLASSES: [Wb; 15] = [
    Wb::Other,
    Wb::Cr,
    Wb::Lf,
    Wb::Newline,
    Wb::Extend,
    Wb::Format,
    Wb::ALetter,
    Wb::Numeric,
    Wb::MidLetter,
    Wb::MidNum,
    Wb::MidNumLet,
    Wb::SingleQuote,
    Wb::ExtendNumLet,
    Wb::WSegSpace,
    Wb::Slow,
];

/// A base character and the Extend/Format characters attached to it (WB4);
/// a run of letters (or of digits) is one unit, since no rule breaks inside
/// one or looks at anything in it but its class.
#[derive(Clone, Copy, Debug)]
struct Unit {
    start: usize,
    class: Wb,
    /// No Extend/Format attached (WB3d looks at raw neighbours).
    bare: bool,
    flags: Flags,
}

/// Reusable state for [`Segmenter::for_each`]. Its buffer comes from, and
/// goes back to, the thread (one allocation per thread, not per document).
pub(crate) struct Segmenter {
    units: Vec<Unit>,
}

thread_local! {
    static UNITS: Cell<Vec<Unit>> = const { Cell::new(Vec::new()) };
}

impl Default for Segmenter {
    fn default() -> Segmenter {
        Segmenter { units: UNITS.try_with(Cell::take).unwrap_or_default() }
    }
}

impl Drop for Segmenter {
    fn drop(&mut self) {
        let units = std::mem::take(&mut self.units);
        // During thread teardown the slot may be gone: then it just drops.
        let _ = UNITS.try_with(|u| u.set(units));
    }
}

impl Segmenter {
    /// Calls `f(offset, segment, flags)` for every word-boundary segment of
    /// `text`.
    pub(crate) fn for_each(&mut self, text: &str, mut f: impl FnMut(usize, &str, Flags)) {
        let low: &[u8; LOW_END as usize] = &LOW;
        let mut base = 0;
        for line in text.split_inclusive('\n') {
            if !self.fast_line(low, line, base, &mut f) {
                for (o, seg) in line.split_word_bound_indices() {
                    f(base + o, seg, Flags::of(seg));
                }
            }
            base += line.len();
        }
    }

    /// Segments one line by the rules; `false` (and nothing emitted) when
    /// it holds a character outside the fast table.
    fn fast_line(
        &mut self,
        low: &[u8; LOW_END as usize],
        line: &str,
        base: usize,
        f: &mut impl FnMut(usize, &str, Flags),
    ) -> bool {
        let units = &mut self.units;
        units.clear();
        let bytes = line.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // Decoded inline for one- and two-byte characters (all of
            // Arabic and accented Latin); the table covers both.
            let (cp, len) = match (b, bytes.get(i + 1)) {
                (0..0x80, _) => (u32::from(b), 1),
                (0xC2..0xE0, Some(&b1)) => ((u32::from(b & 0x1F) << 6) | u32::from(b1 & 0x3F), 2),
                _ => match line.get(i..).and_then(|t| t.chars().next()) {
                    Some(c) => (c as u32, c.len_utf8()),
                    None => return false,
                },
            };
            let (cl, flags) = match low.get(cp as usize) {
                Some(&info) => (CLASSES[usize::from(info & 0x0F)], Flags(info >> 4)),
                None => match char::from_u32(cp) {
                    Some(c) => high_info(c),
                    None => return false,
                },
            };
            let start = i;
            i += len;
            match cl {
                Wb::Slow => return false,
                Wb::Extend | Wb::Format => {
                    // WB4: attach to the previous character, except after a
                    // line break or at the start.
                    if let Some(last) = units.last_mut() {
                        if !matches!(last.class, Wb::Cr | Wb::Lf | Wb::Newline) {
                            last.bare = false;
                            last.flags.0 |= flags.0;
                            continue;
                        }
                    }
                }
                Wb::ALetter | Wb::Numeric => {
                    if !matches!(units.last(), Some(last) if last.class == cl) {
                        units.push(Unit { start, class: cl, bare: true, flags });
                    }
                    if let Some(unit) = units.last_mut() {
                        unit.flags.0 |= flags.0;
                        if cl == Wb::ALetter {
                            // The bulk of Arabic text: letters and harakat
                            // of U+0600–U+06FF continue the unit, two bytes
                            // at a time, without a unit each.
                            i = arabic_run(low, bytes, i, unit);
                        }
                    }
                    continue;
                }
                _ => {}
            }
            units.push(Unit { start, class: cl, bare: true, flags });
        }
        let mut seg_start = 0;
        let mut seg_flags = units.first().map_or(Flags(0), |u| u.flags);
        for i in 1..units.len() {
            if breaks(units, i) {
                let at = units[i].start;
                f(base + seg_start, &line[seg_start..at], seg_flags);
                seg_start = at;
                seg_flags = Flags(0);
            }
            seg_flags.0 |= units[i].flags.0;
        }
        if seg_start < line.len() {
            f(base + seg_start, &line[seg_start..], seg_flags);
        }
        true
    }
}

/// Extends the letter unit `unit` over the Arabic letters (ALetter) and
/// attached marks (Extend, Format) of U+0600–U+06FF from byte `i` on;
/// returns where the run stops.
#[inline]
fn arabic_run(low: &[u8; LOW_END as usize], bytes: &[u8], mut i: usize, unit: &mut Unit) -> usize {
    const LETTER: u8 = Wb::ALetter as u8;
    const EXTEND: u8 = Wb::Extend as u8;
    const FORMAT: u8 = Wb::Format as u8;
    while let (Some(&b0), Some(&b1)) = (bytes.get(i), bytes.get(i + 1)) {
        if !(0xD8..=0xDB).contains(&b0) {
            break;
        }
        let cp = 0x600 | (usize::from(b0 & 0x03) << 6) | usize::from(b1 & 0x3F);
        let Some(&info) = low.get(cp) else { break };
        match info & 0x0F {
            LETTER => {}
            EXTEND | FORMAT => unit.bare = false,
            _ => break,
        }
        unit.flags.0 |= info >> 4;
        i += 2;
    }
    i
}

/// What decides a boundary between two units, by their classes: the rules
/// of UAX #29 that apply to the fast range (WB3–WB13b).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    Break,
    Keep,
    /// WB3d: horizontal whitespace stays together, unless something is
    /// attached to the left space.
    KeepIfBare,
    /// WB6/WB12 (letter or number, then a middle character): keep if a
    /// unit of that class follows.
    KeepIfNext(Wb),
    /// WB7/WB11 (a middle character, then a letter or number): keep if a
    /// unit of that class precedes the middle one.
    KeepIfBeforeLast(Wb),
}

const fn rule(l: Wb, r: Wb) -> Rule {
    use Wb::*;
    match (l, r) {
        (Cr, Lf) => Rule::Keep,
        (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => Rule::Break,
        (WSegSpace, WSegSpace) => Rule::KeepIfBare,
        (ALetter, ALetter) | (ALetter | Numeric, Numeric) | (Numeric, ALetter) => Rule::Keep,
        (ALetter, MidLetter | MidNumLet | SingleQuote) => Rule::KeepIfNext(ALetter),
        (MidLetter | MidNumLet | SingleQuote, ALetter) => Rule::KeepIfBeforeLast(ALetter),
        (Numeric, MidNum | MidNumLet | SingleQuote) => Rule::KeepIfNext(Numeric),
        (MidNum | MidNumLet | SingleQuote, Numeric) => Rule::KeepIfBeforeLast(Numeric),
        (ALetter | Numeric | ExtendNumLet, ExtendNumLet) => Rule::Keep,
        (ExtendNumLet, ALetter | Numeric) => Rule::Keep,
        _ => Rule::Break,
    }
}

/// [`rule`] for every pair of classes, by class number: one load per
/// boundary instead of a chain of pattern tests.
const RULES: [[Rule; 15]; 15] = {
    let mut t = [[Rule::Break; 15]; 15];
    let mut i = 0;
    while i < 15 {
        let mut j = 0;
        while j < 15 {
            t[i][j] = rule(CLASSES[i], CLASSES[j]);
            j += 1;
        }
        i += 1;
    }
    t
};

/// Whether UAX #29 breaks between `units[i - 1]` and `units[i]`.
#[inline]
fn breaks(units: &[Unit], i: usize) -> bool {
    let (Some(l), Some(r)) = (units.get(i.wrapping_sub(1)), units.get(i)) else {
        return true;
    };
    let keep = match RULES[l.class as usize][r.class as usize] {
        Rule::Break => false,
        Rule::Keep => true,
        Rule::KeepIfBare => l.bare,
        Rule::KeepIfNext(class) => units.get(i + 1).is_some_and(|u| u.class == class),
        Rule::KeepIfBeforeLast(class) => {
            i >= 2 && units.get(i - 2).is_some_and(|u| u.class == class)
        }
    };
    !keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ours(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        Segmenter::default().for_each(text, |o, s, flags| {
            assert_eq!(flags, Flags::of(s), "{s:?} in {text:?}");
            out.push((o, s.to_owned()));
        });
        out
    }

    fn crate_(text: &str) -> Vec<(usize, String)> {
        text.split_word_bound_indices().map(|(o, s)| (o, s.to_owned())).collect()
    }

    /// Every character of the fast range, in every context the rules look
    /// at, against the crate.
    #[test]
    fn every_fast_char_in_context() {
        let fast = (0..LOW_END).chain(0x2000..0x2070).chain([0xFEFF]).filter_map(char::from_u32);
        let probes = [
            "a", "1", " ", "\n", "\r", ".", "'", ",", ":", "_", "\u{64E}", "\u{AD}", "ب", "٣",
            "\u{2019}",
        ];
        for c in fast {
            for p in probes {
                for q in probes {
                    for text in [
                        format!("{p}{c}{q}"),
                        format!("{p}{p}{c}{q}{q}"),
                        format!("{c}{c}{p}{c}"),
                        format!("{p}{c}\u{64E}{q}"),
                        format!("{c}\u{651}{p}{q}{c}"),
                    ] {
                        assert_eq!(ours(&text), crate_(&text), "{text:?} (U+{:04X})", c as u32);
                    }
                }
            }
        }
    }

    #[test]
    fn class_numbers_name_their_classes() {
        for (i, class) in CLASSES.iter().enumerate() {
            assert_eq!(*class as usize, i);
        }
    }

    #[test]
    fn seeds_segment_like_the_crate() {
        for (name, bytes) in crate::seeds::SEEDS {
            let text = String::from_utf8_lossy(bytes);
            assert_eq!(ours(&text), crate_(&text), "{name}");
        }
    }

    #[test]
    fn news_lines_take_the_fast_path() {
        let mut seg = Segmenter::default();
        let mut n = 0;
        let line = "قال السفير «بوقادوم» في 22 جانفي 2025: 3.5% من الصادرات… (APS)\r\n";
        assert!(seg.fast_line(&LOW, line, 0, &mut |_, _, _| n += 1));
        assert!(n > 20);
        assert!(!seg.fast_line(&LOW, "emoji 😀", 0, &mut |_, _, _| {}));
    }

    #[test]
    fn slow_lines_fall_back() {
        for text in ["שלום 1\nب", "a\u{200D}😀 b\nسلام", "🇩🇿🇲🇦 x", "中文 and عربي\r\nok"]
        {
            assert_eq!(ours(text), crate_(text), "{text:?}");
        }
    }

    fn alphabet() -> impl Strategy<Value = char> {
        prop::sample::select(vec![
            'a', 'Z', 'é', '1', '9', ' ', ' ', '\n', '\r', '\t', '.', ',', ';', ':', '\'', '"',
            '_', '-', '(', '«', '»', 'ب', 'ا', 'ـ', '\u{64B}', '\u{651}', '\u{670}', '،', '؛', '؟',
            '٣', '٫', '٬', '۵', '\u{200C}', '\u{200D}', '\u{200F}', '\u{AD}', '\u{A0}', '\u{2019}',
            '\u{2014}', '\u{2026}', '\u{2028}', '\u{85}', 'ש', '😀', '\u{301}', 'ω', 'ж',
            '\u{FEFF}', '\u{0B}',
        ])
    }

    proptest! {
        #[test]
        fn same_segments_as_the_crate(chars in prop::collection::vec(alphabet(), 0..60)) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(ours(&text), crate_(&text));
        }
    }
}
