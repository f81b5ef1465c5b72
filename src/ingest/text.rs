//! Metadata read from plain-text and Markdown articles.
//!
//! Input: the decoded text of a `.txt`/`.md` file (or stdin, or a seed).
//! Output: an optional date and title. Invariant: the text itself is never
//! changed; metadata lines stay in the text, so offsets refer to the file
//! exactly as decoded.
//!
//! Rules (deliberately few, so they never misfire on article text):
//! - a first line that starts (after spaces) with `date YYYY-MM-DD` (or
//!   `date: ...`) gives the date; the line may go on with the article, as in
//!   seed 003 (" date 2025-09-23 - تسعى الجزائر ...");
//! - Markdown only: YAML-style front matter (`---` lines) gives `title:` and
//!   `date:`; otherwise a first `# Heading` line gives the title.
//! - `.txt` files get no title: their first line is as often site chrome
//!   ("التخطي إلى المحتوى الرئيسي", "skip to content") as a headline.

/// Date and title found in a text article.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct TextMeta {
    pub(crate) date: Option<String>,
    pub(crate) title: Option<String>,
}

/// Reads the metadata of a text article; `markdown` enables the Markdown
/// rules.
pub(crate) fn text_meta(text: &str, markdown: bool) -> TextMeta {
    let mut meta = TextMeta::default();
    if markdown {
        if let Some(front) = front_matter(text) {
            for line in front.lines() {
                if let Some((key, value)) = line.split_once(':') {
                    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
                    match key.trim().to_ascii_lowercase().as_str() {
                        "title" if !value.is_empty() => meta.title = Some(value.to_owned()),
                        "date" => meta.date = iso_date_prefix(value).map(str::to_owned),
                        _ => {}
                    }
                }
            }
            return meta;
        }
    }
    let first = text.lines().next().unwrap_or_default();
    meta.date = date_line(first).map(str::to_owned);
    if markdown {
        if let Some(h) = first.trim_start().strip_prefix("# ") {
            let h = h.trim().trim_end_matches('#').trim();
            if !h.is_empty() {
                meta.title = Some(h.to_owned());
            }
        }
    }
    meta
}

/// The body of a front-matter block (`---` first line, up to the next `---`).
fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return rest.get(..offset);
        }
        offset += line.len();
    }
    None
}

/// `YYYY-MM-DD` from a line starting with `date` (any case, optional `:`).
fn date_line(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let head = line.get(..4)?;
    if !head.eq_ignore_ascii_case("date") {
        return None;
    }
    let rest = line.get(4..)?;
    // Require a separator so that "dated" or "date2025" are not dates.
    let rest = match rest.strip_prefix(':') {
        Some(r) => r,
        None if rest.starts_with(char::is_whitespace) => rest,
        None => return None,
    };
    iso_date_prefix(rest.trim_start())
}

/// The leading `YYYY-MM-DD` of `s` when it is a plausible calendar date and
/// is not followed by another digit.
pub(crate) fn iso_date_prefix(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let month: u32 = d.get(5..7)?.parse().ok()?;
    let day: u32 = d.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    if s[10..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(d)
}

/// A date as given by a record or a page, read by [`super::date`]: the ISO
/// 8601 form when it could be read, else the trimmed text as given and the
/// reason to warn about it.
pub(crate) fn record_date(
    value: &str,
    order: Option<super::DateOrder>,
) -> (Option<String>, Option<crate::error::Message>) {
    match super::date::read_date(value, order) {
        Ok(d) => (d, None),
        Err(reason) => (Some(value.trim().to_owned()), Some(reason)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_003_date_line_with_text_after_it() {
        let text = " date 2025-09-23 - تسعى الجزائر إلى تحقيق توازن";
        let m = text_meta(text, false);
        assert_eq!(m.date.as_deref(), Some("2025-09-23"));
        assert_eq!(m.title, None);
    }

    #[test]
    fn only_real_date_lines_count() {
        assert_eq!(date_line("Date: 2024-01-31"), Some("2024-01-31"));
        assert_eq!(date_line("dated 2024-01-31"), None);
        assert_eq!(date_line("date 2024-13-01"), None);
        assert_eq!(date_line("date 2024-01-311"), None);
        assert_eq!(date_line("تاريخ 2024-01-31"), None);
        // The date must be on the first line.
        assert_eq!(text_meta("intro\ndate 2024-01-31", false).date, None);
    }

    #[test]
    fn markdown_heading_and_front_matter() {
        let m = text_meta("# Le ministre répond #\n\nTexte.", true);
        assert_eq!(m.title.as_deref(), Some("Le ministre répond"));
        let m = text_meta("---\ntitle: \"عنوان\"\ndate: 2025-09-23T10:00\n---\n# Other\n", true);
        assert_eq!(m.title.as_deref(), Some("عنوان"));
        assert_eq!(m.date.as_deref(), Some("2025-09-23"));
        // .txt: a heading-like first line is not a title.
        assert_eq!(text_meta("# Not a title", false).title, None);
    }

    #[test]
    fn record_dates_keep_what_they_cannot_read() {
        let d = |v: &str| record_date(v, None);
        assert_eq!(d("2015-07-21 02:51:32").0.as_deref(), Some("2015-07-21T02:51:32"));
        assert_eq!(d(" 21/07/2015 ").0.as_deref(), Some("2015-07-21"));
        let (kept, why) = d(" 07/06/2015 ");
        assert_eq!(kept.as_deref(), Some("07/06/2015"));
        assert!(why.unwrap().to_string().ends_with("set date_order=dmy or date_order=mdy"));
        assert_eq!(d("  "), (None, None));
    }
}
