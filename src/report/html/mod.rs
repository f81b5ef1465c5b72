//! The self-contained `report.html`.
//!
//! Input: [`Results`] and [`OutputOptions`]. Output: one HTML page: a
//! static skeleton (title, table of contents, filters, empty sections), the
//! run's data embedded once as JSON (`payload.rs`), and a small script
//! (`report.js`, with `report.css`) that renders findings first, then the
//! paged, filterable tables, the side-by-side view of any pair on demand,
//! and the run's settings last.
//!
//! Invariants: nothing is fetched from elsewhere (no CDN, font or image);
//! outside text reaches the page either HTML-escaped by [`esc`] (the
//! skeleton) or inside the JSON, where `<`, `>`, `&`, U+2028 and U+2029 are
//! written as `\u` escapes so no text can close the `<script>` element or
//! open a comment; the script builds every node with `createElement` and
//! `textContent`, never `innerHTML`, and links only to `http`/`https`.
//! The same `Results` and options give the same bytes.

mod payload;

use std::fmt::Write as _;

use super::model::Results;
use super::OutputOptions;

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// Escapes `& < > " '` so outside text can go into element content and
/// quoted attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON text made safe inside a `<script>` element: `<` `>` `&` and the
/// two JavaScript line separators become `\u` escapes (valid JSON, the
/// same string once parsed), so `</script>`, `<!--` and friends cannot
/// appear in the page however the data reads. The page is written through
/// [`ScriptSafe`]; this whole-string form is what it is tested against.
#[cfg(test)]
pub(crate) fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 32);
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A writer that passes JSON through with the escapes of
/// [`script_safe_json`], so the report's data goes to the file as it is
/// serialised instead of as three whole copies in memory (the JSON, its
/// safe form, the page: about 1 GiB each on a 72,000-article run). U+2028
/// and U+2029 are three bytes (E2 80 A8/A9); a write that ends inside one
/// keeps its first bytes back until the next write or [`ScriptSafe::finish`].
struct ScriptSafe<W: std::io::Write> {
    inner: W,
    /// Bytes of a possible U+2028/U+2029 held back from the last write.
    held: Vec<u8>,
}

impl<W: std::io::Write> ScriptSafe<W> {
    fn new(inner: W) -> Self {
        ScriptSafe { inner, held: Vec::with_capacity(2) }
    }

    /// Writes what is held back (a lone E2 or E2 80 that no write
    /// completed: not one of the two separators) and gives the writer back.
    fn finish(mut self) -> std::io::Result<W> {
        let held = std::mem::take(&mut self.held);
        self.inner.write_all(&held)?;
        Ok(self.inner)
    }

    fn pass(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let mut start = 0;
        let mut i = 0;
        while i < buf.len() {
            let esc: Option<&[u8]> = match buf[i] {
                b'<' => Some(b"\\u003c"),
                b'>' => Some(b"\\u003e"),
                b'&' => Some(b"\\u0026"),
                0xE2 if buf.len() - i < 3 && buf[i + 1..].iter().all(|&b| b == 0x80) => {
                    // Possibly a separator cut by the write: keep it back.
                    self.inner.write_all(&buf[start..i])?;
                    self.held.extend_from_slice(&buf[i..]);
                    return Ok(());
                }
                0xE2 if buf.get(i + 1) == Some(&0x80) && buf.get(i + 2) == Some(&0xA8) => {
                    Some(b"\\u2028")
                }
                0xE2 if buf.get(i + 1) == Some(&0x80) && buf.get(i + 2) == Some(&0xA9) => {
                    Some(b"\\u2029")
                }
                _ => None,
            };
            match esc {
                Some(e) => {
                    self.inner.write_all(&buf[start..i])?;
                    self.inner.write_all(e)?;
                    i += if buf[i] == 0xE2 { 3 } else { 1 };
                    start = i;
                }
                None => i += 1,
            }
        }
        self.inner.write_all(&buf[start..])
    }
}

impl<W: std::io::Write> std::io::Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.held.is_empty() {
            self.pass(buf)?;
        } else {
            let mut joined = std::mem::take(&mut self.held);
            joined.extend_from_slice(buf);
            self.pass(&joined)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The sections, in page order: (anchor, heading). The script fills each
/// `<section>`; those with nothing to show are hidden by it.
const SECTIONS: [(&str, &str); 13] = [
    ("groups", "Republished copies"),
    ("rewrites", "Strongest rewrites"),
    ("outlets", "Outlets that reuse each other"),
    ("by-outlet", "Stance and frames by outlet"),
    ("stories", "Stories"),
    ("pairs", "Pairs"),
    ("view", "Side by side"),
    ("passages", "Shared passages"),
    ("heat", "Heat maps"),
    ("documents", "Documents"),
    ("stance", "Stance and frames by document"),
    ("evidence", "Evidence in context"),
    ("shift", "Framing shift"),
];

/// Renders the whole page into a string (tests; the report itself is
/// written by [`render_to`]).
#[cfg(test)]
pub(crate) fn render(r: &Results, opts: &OutputOptions) -> String {
    let mut out = Vec::new();
    render_to(r, opts, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("the page is UTF-8")
}

/// Writes the whole page to `w`, the data serialised straight into it.
pub(crate) fn render_to(
    r: &Results,
    opts: &OutputOptions,
    w: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let data = payload::build(r, opts)?;
    let mut out = String::with_capacity(CSS.len() + 16 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>parallax report</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>parallax report</h1>\n");
    w!(
        out,
        "<p id=\"headline\">parallax {} · {} documents · {} pairs · {} passages</p>\n",
        esc(&r.summary.version),
        r.documents.len(),
        r.pairs.len(),
        r.passages.len()
    );
    // What the reader should know about how complete the results are
    // (large copy groups sampled, copies aligned through their cluster's
    // representative, pairs that only retell the same facts) goes before
    // any finding.
    for note in &r.summary.notes {
        w!(out, "<p class=\"note\">{}</p>\n", esc(note));
    }
    out.push_str(
        "<noscript><p class=\"note\">This report is drawn by a script in the page; with \
         scripts off, read the CSV files or the workbook next to it.</p></noscript>\n",
    );
    out.push_str("<nav id=\"toc\"><strong>Contents</strong><ol>\n");
    for (id, title) in SECTIONS {
        w!(out, "<li data-for=\"{id}\"><a href=\"#{id}\">{title}</a></li>\n");
    }
    out.push_str("<li><a href=\"#settings\">Run settings</a></li>\n</ol></nav>\n");
    out.push_str(
        "<form id=\"filters\" role=\"search\" onsubmit=\"return false\">\
         <input type=\"search\" id=\"q\" placeholder=\"Search id, title or outlet\" \
         aria-label=\"Search pairs, passages and documents by id, title or outlet\">\
         <label>verdict <select id=\"f-verdict\"><option value=\"\">any</option></select></label>\
         <label>passage kind <select id=\"f-kind\"><option value=\"\">any</option></select></label>\
         <label>outlet <select id=\"f-outlet\"><option value=\"\">any</option></select></label>\
         <label><input type=\"checkbox\" id=\"f-cross\"> cross-outlet only</label>\
         <label>from <input type=\"date\" id=\"f-from\"></label>\
         <label>to <input type=\"date\" id=\"f-to\"></label>\
         <button type=\"button\" id=\"f-collapse\">collapse all</button>\
         </form>\n</header>\n<main>\n",
    );
    for (id, title) in SECTIONS {
        w!(
            out,
            "<section id=\"{id}\" hidden><details open><summary><h2>{title}</h2></summary>\
             <div class=\"body\"></div></details></section>\n"
        );
    }
    out.push_str(
        "<section id=\"settings\"><details open><summary><h2>Run settings</h2></summary>\n",
    );
    settings(&mut out, r, opts);
    out.push_str("</details></section>\n</main>\n");
    out.push_str("<script type=\"application/json\" id=\"parallax-data\">");
    w.write_all(out.as_bytes())?;
    let mut safe = ScriptSafe::new(&mut *w);
    serde_json::to_writer(&mut safe, &data).map_err(std::io::Error::other)?;
    let w = safe.finish()?;
    w.write_all(b"</script>\n<script>\n")?;
    w.write_all(JS.as_bytes())?;
    w.write_all(b"</script>\n</body>\n</html>\n")
}

/// The run's parameters, counts, timings (when asked) and problems: static
/// HTML, readable without the script.
fn settings(out: &mut String, r: &Results, opts: &OutputOptions) {
    let s = &r.summary;
    if !s.parameters.is_empty() {
        out.push_str("<table><tbody>\n");
        for (k, v) in &s.parameters {
            w!(out, "<tr><th>{}</th><td dir=\"auto\">{}</td></tr>\n", esc(k), esc(v));
        }
        out.push_str("</tbody></table>\n");
    }
    if !s.counts.is_empty() {
        out.push_str("<table><tbody>\n");
        for (k, v) in &s.counts {
            w!(out, "<tr><th>{}</th><td class=\"n\">{v}</td></tr>\n", esc(k));
        }
        out.push_str("</tbody></table>\n");
    }
    if opts.show_timings && !s.timings.is_empty() {
        out.push_str("<table><thead><tr><th>stage</th><th>seconds</th></tr></thead><tbody>\n");
        for (k, v) in &s.timings {
            w!(
                out,
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>\n",
                esc(k),
                super::table::fmt_float(*v, 3)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    if !s.problems.is_empty() {
        w!(out, "<h3 id=\"problems\">Problems ({})</h3>\n<ul>\n", s.problems.len());
        for p in &s.problems {
            w!(out, "<li><bdi>{}</bdi>: {}</li>\n", esc(&p.path), esc(&p.reason));
        }
        out.push_str("</ul>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esc_covers_the_five() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    /// The streaming writer gives the bytes of the whole-string form however
    /// the JSON is cut into writes (a separator split across two writes, a
    /// lone E2 80 at the very end).
    #[test]
    fn script_safe_writer_equals_the_whole_string_form_for_any_cut() {
        use std::io::Write as _;
        let text = "ab<c>&d\u{2028}e\u{2029}f\u{2026}g\u{20ac}h</script>";
        let json = serde_json::to_string(text).unwrap();
        let want = script_safe_json(&json);
        for chunk in 1..=8 {
            let mut w = ScriptSafe::new(Vec::new());
            for piece in json.as_bytes().chunks(chunk) {
                w.write_all(piece).unwrap();
            }
            assert_eq!(String::from_utf8(w.finish().unwrap()).unwrap(), want, "{chunk}");
        }
        // Bytes held back at the end come out unchanged.
        let mut w = ScriptSafe::new(Vec::new());
        w.write_all(&[b'x', 0xE2, 0x80]).unwrap();
        assert_eq!(w.finish().unwrap(), vec![b'x', 0xE2, 0x80]);
    }

    #[test]
    fn script_safe_json_parses_back_to_the_same_text() {
        let text = "a</script><!-- b & c\u{2028}d\u{2029}";
        let json = serde_json::to_string(text).unwrap();
        let safe = script_safe_json(&json);
        for bad in ["</script", "<!--", "<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!safe.contains(bad), "{bad:?} left in {safe}");
        }
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, text);
    }
}
