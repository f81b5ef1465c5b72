//! Bytes → text: encoding detection and the "is this text at all?" check.
//!
//! Input: a file's raw bytes (and optionally a forced encoding). Output: the
//! decoded `String` and the encoding's name, or a one-line reason why the
//! bytes are not usable text.
//!
//! Invariant: the decoded text is exactly what the bytes say, minus a BOM:
//! nothing is replaced, trimmed or normalised, because every offset parallax
//! reports points into this string. Bytes that do not decode without errors
//! are refused, never patched with U+FFFD.
//!
//! Detection order: BOM → valid UTF-8 → (HTML only) `<meta charset>` →
//! "mostly UTF-8 with a few broken sequences" (refused: a legacy guess would
//! turn the good part into mojibake) → chardetng's guess, kept only when it is
//! a single-byte encoding (Arabic, French and English corpora never need a
//! CJK multi-byte encoding, and random bytes often "look like" one).

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::Message;

/// Decoded text and the name of the encoding it came from.
#[derive(Debug)]
pub(crate) struct Decoded<'b> {
    /// Borrowed from the bytes when they were UTF-8 already (no copy of a
    /// large record file).
    pub(crate) text: Cow<'b, str>,
    /// `UTF-8`, `UTF-8-BOM`, `UTF-16LE`, `UTF-16BE`, `windows-1256`, ...
    pub(crate) encoding: &'static str,
    /// Set when the encoding is a guess made on little evidence (a mostly
    /// ASCII file with a few other bytes): what was guessed and from what,
    /// for a warning. A file of legacy Arabic has thousands of such bytes and
    /// needs no warning.
    pub(crate) guess_note: Option<Message>,
}

/// Fewer non-ASCII bytes than this in a file decoded by a legacy guess make
/// the guess weak enough to warn about.
const WEAK_GUESS_BYTES: usize = 16;

/// Name recorded for UTF-8 that started with a byte-order mark.
pub(crate) const UTF8_BOM: &str = "UTF-8-BOM";

/// Decodes `bytes`. `forced` skips detection (a matching BOM is still
/// stripped). `html` enables the `<meta charset>` prescan. The error is a
/// reason for a problem report.
pub(crate) fn decode<'b>(
    bytes: &'b [u8],
    forced: Option<&'static Encoding>,
    html: bool,
) -> Result<Decoded<'b>, Message> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    let decoded = match forced {
        Some(enc) => decode_forced(bytes, enc)?,
        None => detect_and_decode(bytes, html)?,
    };
    if let Some(reason) = binary_reason(&decoded.text) {
        if forced.is_none() {
            if let Some(label) = bomless_utf16(bytes) {
                return Err(Message::from(format!(
                    "{reason}; looks like {label} without a byte-order mark: "
                ))
                .set_to("encoding", label));
            }
        }
        return Err(reason.into());
    }
    Ok(decoded)
}

/// `utf-16le`/`utf-16be` when NUL bytes sit almost only at odd (resp. even)
/// offsets, the mark of mostly-Latin UTF-16 saved without a BOM. Only a hint
/// for the problem message: decoding it unasked could turn real binary data
/// into "text".
fn bomless_utf16(bytes: &[u8]) -> Option<&'static str> {
    if !bytes.len().is_multiple_of(2) || bytes.len() < 8 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let units = bytes.len() / 2;
    if odd * 10 >= units * 3 && even * 50 <= units {
        Some("utf-16le")
    } else if even * 10 >= units * 3 && odd * 50 <= units {
        Some("utf-16be")
    } else {
        None
    }
}

fn decode_forced(bytes: &[u8], enc: &'static Encoding) -> Result<Decoded<'static>, Message> {
    let (body, name) = match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => {
            let name = if enc == UTF_8 { UTF8_BOM } else { enc.name() };
            (bytes.get(len..).unwrap_or_default(), name)
        }
        _ => (bytes, enc.name()),
    };
    strict_decode(body, enc, name).ok_or_else(|| {
        Message::from(format!("not valid {} (as forced by ", enc.name()))
            .param("encoding")
            .text(")")
    })
}

fn detect_and_decode(bytes: &[u8], html: bool) -> Result<Decoded<'_>, Message> {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(len..).unwrap_or_default();
        let name = if enc == UTF_8 { UTF8_BOM } else { enc.name() };
        return strict_decode(body, enc, name).ok_or_else(|| {
            format!("starts with a {} byte-order mark but is not valid {}", name, name).into()
        });
    }
    // simdutf8: validating a large UTF-8 record file was a tenth of ingest.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded { text: Cow::Borrowed(text), encoding: UTF_8.name(), guess_note: None });
    }
    if html {
        if let Some(enc) = meta_charset(bytes) {
            if let Some(d) = strict_decode(bytes, enc, enc.name()) {
                return Ok(d);
            }
        }
    }
    if let Some(reason) = broken_utf8_reason(bytes) {
        return Err(reason);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, false);
    if !guess.is_single_byte() {
        return Err(Message::from(format!(
            "not UTF-8, and the only guess is {} (unlikely for news text; binary?); ",
            guess.name()
        ))
        .set("encoding")
        .text(" if it really is"));
    }
    let mut decoded = strict_decode(bytes, guess, guess.name()).ok_or_else(|| {
        Message::from(format!("neither valid UTF-8 nor valid {} (the best guess); ", guess.name()))
            .set("encoding")
    })?;
    let high: Vec<usize> =
        bytes.iter().enumerate().filter(|(_, b)| !b.is_ascii()).map(|(i, _)| i).collect();
    if high.len() < WEAK_GUESS_BYTES {
        let first = high.first().copied().unwrap_or(0);
        decoded.guess_note = Some(
            Message::from(format!(
                "not UTF-8 (byte 0x{:02X} at offset {first}); decoded as {}, a guess from only \
                 {} non-ASCII byte(s); ",
                bytes[first],
                guess.name(),
                high.len()
            ))
            .set("encoding")
            .text(" (e.g. utf-8 after fixing the byte, or windows-1252) if the text looks wrong"),
        );
    }
    Ok(decoded)
}

/// Decodes without BOM sniffing and without replacement characters.
fn strict_decode(
    bytes: &[u8],
    enc: &'static Encoding,
    name: &'static str,
) -> Option<Decoded<'static>> {
    // A truncated UTF-16 code unit or an unpaired surrogate is malformed
    // here, which is what we want: refuse rather than patch.
    let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
    Some(Decoded { text: Cow::Owned(text.into_owned()), encoding: name, guess_note: None })
}

/// When `bytes` are mostly UTF-8 with a few broken sequences, the reason to
/// refuse them; `None` when they do not look like UTF-8 at all.
///
/// Why refuse rather than guess: a legacy single-byte decoder accepts any
/// bytes, so the whole file would turn into mojibake; and why not patch with
/// U+FFFD: the text would no longer be what the file says.
fn broken_utf8_reason(bytes: &[u8]) -> Option<Message> {
    let mut good_multibyte = 0usize;
    let mut bad = 0usize;
    let mut first_bad = None;
    let mut pos = 0usize;
    for chunk in bytes.utf8_chunks() {
        good_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            bad += 1;
            first_bad.get_or_insert(pos);
        }
        pos += chunk.invalid().len();
    }
    // Legacy Arabic text decoded as UTF-8 has about as many broken sequences
    // as letters; real UTF-8 with a few bad bytes has far more good ones.
    if good_multibyte >= 8 && good_multibyte >= bad * 8 {
        let at = first_bad.unwrap_or(0);
        Some(
            Message::from(format!(
                "invalid UTF-8 at byte {at} ({bad} broken sequence(s) in otherwise UTF-8 text); \
                 fix the file or "
            ))
            .set("encoding"),
        )
    } else {
        None
    }
}

/// The encoding named by a `<meta charset=...>` or
/// `<meta http-equiv content="...; charset=...">` in the first 4 KiB.
/// UTF-16 labels are ignored (a page that says so in ASCII bytes is not
/// UTF-16, as the HTML standard also rules).
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        // Only inside a <meta ...> tag.
        let tag_start = lower[..j].iter().rposition(|&b| b == b'<');
        let in_meta = tag_start
            .is_some_and(|s| lower[s..].starts_with(b"<meta") && !lower[s..j].contains(&b'>'));
        if !in_meta {
            continue;
        }
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            j += 1;
        }
        let start = j;
        while lower.get(j).is_some_and(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(b)) {
            j += 1;
        }
        let enc = Encoding::for_label(lower.get(start..j)?)?;
        if enc == UTF_16LE || enc == UTF_16BE {
            return None;
        }
        return Some(enc);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Why decoded `text` is not article text (binary junk), if it is not.
///
/// A NUL anywhere means binary (no text format we read contains one). Other
/// control characters are tolerated in small numbers (a stray form feed or
/// escape from a copy-paste) but not when they exceed 1% of the characters,
/// which happens with random bytes pushed through a single-byte decoder.
pub(crate) fn binary_reason(text: &str) -> Option<String> {
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Some(format!("binary data (NUL byte at character {})", text[..at].chars().count()));
    }
    // Counted on bytes, since every file and every record passes here:
    // control characters (`char::is_control`) are the C0 bytes, DEL, and
    // C1 (U+0080–U+009F, encoded C2 80–C2 9F). The character count is only
    // needed when there are controls at all.
    let bytes = text.as_bytes();
    let control = if bytes.len() >= PARALLEL_SCAN {
        // A record file of hundreds of MB is checked whole before its
        // records are parsed; on one core this scan was a fifth of ingest.
        use rayon::prelude::*;
        bytes.par_chunks(PARALLEL_SCAN).map(count_c0).sum::<usize>()
    } else {
        count_c0(bytes)
    } + memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..0xA0).contains(b)))
        .count();
    if control < 4 {
        return None;
    }
    let total = bytes.iter().map(|&b| usize::from(b & 0xC0 != 0x80)).sum::<usize>();
    if control * 100 > total {
        return Some(format!("binary or garbled data ({control} control characters in {total})"));
    }
    None
}

/// Texts at least this long are scanned for controls in parallel, in
/// pieces of this size.
const PARALLEL_SCAN: usize = 1 << 20;

/// Number of C0 control bytes other than tab, LF, CR and form feed, plus
/// DEL. Counted in u8 lanes over blocks of 255 bytes (no lane overflows),
/// which the compiler turns into wide compares and adds.
fn count_c0(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            block.iter().fold(0u8, |n, &b| {
                let c0 = b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r' && b != 0x0C;
                n + u8::from(c0 | (b == 0x7F))
            })
        })
        .map(usize::from)
        .sum()
}

/// Looks up an encoding by a user-given label: every WHATWG label
/// (`windows-1256`, `cp1256`, `utf-16le`, `latin1`, ...) plus the common
/// spellings people type (`utf8`, `utf16le`, `win1256`, `cp-1256`).
pub(crate) fn by_label(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase().replace('_', "-");
    if let Some(enc) = Encoding::for_label_no_replacement(l.as_bytes()) {
        return Some(enc);
    }
    let compact: String = l.chars().filter(|c| *c != '-').collect();
    match compact.as_str() {
        "utf8" | "utf8bom" => return Some(UTF_8),
        "utf16" | "utf16le" => return Some(UTF_16LE),
        "utf16be" => return Some(UTF_16BE),
        _ => {}
    }
    for prefix in ["windows", "win", "cp"] {
        if let Some(num) = compact.strip_prefix(prefix) {
            if num.len() == 4 && num.starts_with("125") {
                return Encoding::for_label_no_replacement(format!("windows-{num}").as_bytes());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1256;

    const ARABIC: &str = "تسعى الجزائر إلى تحقيق توازن في تعاونها العسكري مع روسيا والولايات المتحدة، بهدف تنويع شراكاتها.\n";

    #[test]
    fn broken_utf8_is_refused_with_its_offset() {
        let mut bytes = ARABIC.as_bytes().to_vec();
        // Byte 8 is the space after the first word: a char boundary.
        bytes.insert(8, 0xFF);
        let err = decode(&bytes, None, false).unwrap_err().to_string();
        assert!(err.starts_with("invalid UTF-8 at byte 8 (1 broken sequence(s)"), "{err}");
    }

    #[test]
    fn legacy_arabic_is_not_mistaken_for_broken_utf8() {
        let (bytes, _, unmappable) = WINDOWS_1256.encode(ARABIC);
        assert!(!unmappable);
        let d = decode(&bytes, None, false).unwrap();
        assert_eq!(d.encoding, "windows-1256");
        assert_eq!(d.text, ARABIC);
    }

    #[test]
    fn legacy_french_is_windows_1252() {
        let fr = "Le ministre a déclaré que l'été serait décisif pour la coopération énergétique, \
                  et qu'il évoquerait à nouveau ce dossier très sensible avec ses homologues.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(fr);
        let d = decode(&bytes, None, false).unwrap();
        assert_eq!((d.encoding, &*d.text), ("windows-1252", fr));
    }

    #[test]
    fn bomless_utf16_gets_a_hint() {
        let bytes: Vec<u8> = "Hello, world".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let err = decode(&bytes, None, false).unwrap_err();
        assert!(err.to_string().ends_with("set encoding=utf-16le"), "{err}");
        let d = decode(&bytes, Some(UTF_16LE), false).unwrap();
        assert_eq!((d.encoding, &*d.text), ("UTF-16LE", "Hello, world"));
    }

    #[test]
    fn forced_encoding_wins_and_reports_failure() {
        let (bytes, _, _) = WINDOWS_1256.encode(ARABIC);
        let d = decode(&bytes, Some(WINDOWS_1256), false).unwrap();
        assert_eq!(d.text, ARABIC);
        let err = decode(&bytes, Some(UTF_8), false).unwrap_err().to_string();
        assert!(err.contains("not valid UTF-8"), "{err}");
    }

    #[test]
    fn meta_charset_is_found_only_in_meta() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">";
        assert_eq!(meta_charset(page), Some(WINDOWS_1256));
        assert_eq!(meta_charset(b"<meta charset='UTF-8'>"), Some(UTF_8));
        assert_eq!(meta_charset(b"<p>charset=windows-1256</p>"), None);
        assert_eq!(meta_charset(b"<meta charset=\"utf-16\">"), None);
    }

    #[test]
    fn control_characters_mark_binary() {
        assert!(binary_reason("a\0b").unwrap().contains("NUL byte at character 1"));
        assert!(binary_reason("abc\u{1}\u{2}\u{3}\u{4}").is_some());
        assert!(binary_reason(&format!("{ARABIC}\u{1b}")).is_none());
        assert!(binary_reason("col1\tcol2\r\n\u{0C}next page").is_none());
        // C1 controls count; their neighbours in Latin-1 (NBSP, é) do not.
        assert!(binary_reason("ab\u{85}\u{9F}\u{80}\u{90}")
            .unwrap()
            .contains("4 control characters in 6"));
        assert!(binary_reason("\u{A0}é\u{A0}é\u{7F}\u{7F}\u{7F}\u{7F}").unwrap().contains("in 8"));
        assert!(binary_reason("\u{A0}é\u{A0}é\u{C2}\u{C3}ب").is_none());
    }

    proptest::proptest! {
        /// The byte-level count equals the character-level definition.
        #[test]
        fn control_count_matches_chars(chars in proptest::collection::vec(proptest::sample::select(
            vec!['a', 'é', '\u{80}', '\u{9F}', '\u{A0}', '\u{1}', '\t', '\n', '\u{7F}', 'ب', '\u{0C}', '😀']), 0..600)) {
            let text: String = chars.into_iter().collect();
            let total = text.chars().count();
            let control = text.chars().filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')).count();
            let expect = (control >= 4 && control * 100 > total)
                .then(|| format!("binary or garbled data ({control} control characters in {total})"));
            proptest::prop_assert_eq!(binary_reason(&text), expect);
        }
    }

    /// A text long enough to be scanned in parallel pieces counts the same,
    /// including a C1 control whose two bytes straddle two pieces.
    #[test]
    fn long_texts_count_across_pieces() {
        let mut text = "ب".repeat(PARALLEL_SCAN); // 2 MiB: two whole pieces
        assert_eq!(binary_reason(&text), None);
        text = "a".repeat(2 * PARALLEL_SCAN);
        text.truncate(PARALLEL_SCAN - 1);
        text.push('\u{85}'); // C2 85 across the boundary
        text.push_str(&"\u{1}\u{7F}".repeat(PARALLEL_SCAN / 90));
        let total = text.chars().count();
        let control = 1 + 2 * (PARALLEL_SCAN / 90);
        assert!(control * 100 > total);
        assert_eq!(
            binary_reason(&text),
            Some(format!("binary or garbled data ({control} control characters in {total})"))
        );
    }

    #[test]
    fn labels_people_type() {
        for (label, name) in [
            ("windows-1256", "windows-1256"),
            ("cp1256", "windows-1256"),
            ("CP-1256", "windows-1256"),
            ("win1256", "windows-1256"),
            ("utf-16le", "UTF-16LE"),
            ("UTF16BE", "UTF-16BE"),
            ("utf8", "UTF-8"),
            ("latin1", "windows-1252"),
            ("iso-8859-6", "ISO-8859-6"),
        ] {
            assert_eq!(by_label(label).map(|e| e.name()), Some(name), "{label}");
        }
        assert_eq!(by_label("klingon"), None);
        assert_eq!(by_label("replacement"), None);
    }
}
