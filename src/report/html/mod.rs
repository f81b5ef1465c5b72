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
/// appear in the page however the data reads.
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

/// Renders the whole page.
pub(crate) fn render(r: &Results, opts: &OutputOptions) -> String {
    let data = payload::build(r, opts);
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string());
    let mut out = String::with_capacity(json.len() + CSS.len() + JS.len() + 8 * 1024);
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
    out.push_str(&script_safe_json(&json));
    out.push_str("</script>\n<script>\n");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
    out
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
