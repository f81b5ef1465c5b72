//! Article text and metadata from an HTML page.
//!
//! Input: a decoded HTML page. Output: [`HtmlArticle`], whose `text` is the
//! page's visible body text: content of `script`, `style`, `nav`, `header`,
//! `footer`, `aside`, `noscript`, `template` (and the whole `head`, forms'
//! controls, embedded media) dropped; block elements and `<br>` end a line;
//! runs of whitespace collapsed to one space; lines trimmed; entities decoded
//! by the parser (html5ever, the same algorithm browsers use).
//!
//! Invariant: offsets parallax reports for an HTML document refer to this
//! extracted text, not to the HTML source. Extraction is deterministic and
//! iterative (no recursion), so a hostile, deeply nested page cannot
//! overflow the stack.

use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

use super::text::record_date;

/// What a page yields.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct HtmlArticle {
    pub(crate) text: String,
    pub(crate) title: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) language: Option<String>,
}

/// Elements whose whole subtree is not article text.
const SKIP: &[&str] = &[
    "head", "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg",
    "canvas", "iframe", "object", "embed", "video", "audio", "select", "button", "textarea",
];

/// Elements that start and end a line.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
];

/// Cells are separated by a space, not a line: a row reads as one line.
const CELL: &[&str] = &["td", "th"];

/// Pages nested deeper than this (estimated) are refused: html5ever's
/// tree builder does work proportional to the depth for each block tag, so a
/// hostile page of 50,000 nested `<div>`s would take minutes. Real articles
/// nest a few dozen levels.
pub(crate) const MAX_DEPTH: usize = 1000;

/// Elements that never nest: void elements and those whose end tag is
/// implied by the next sibling (unclosed `<p>`, `<li>` and `<td>` in old
/// pages do not make the tree deep).
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt",
    "rp", "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body",
];

/// A cheap upper estimate of how deep `page` nests, scanning tags without
/// parsing (script and style contents skipped).
pub(crate) fn nesting_estimate(page: &str) -> usize {
    let b = page.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    // Depth at which an `<svg>` or `<math>` opened: only inside those does
    // `/>` close an element. In HTML `<div/>` opens a div like `<div>` (the
    // slash is ignored), so 100,000 of them nest 100,000 deep.
    let mut foreign: Option<usize> = None;
    let mut i = 0;
    while let Some(off) = b.get(i..).and_then(|rest| rest.iter().position(|&c| c == b'<')) {
        i += off + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let mut end = start;
        while b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
            end += 1;
        }
        if end == start {
            continue; // `<!--`, `<!DOCTYPE`, `< ` in text
        }
        let name = page.get(start..end).unwrap_or_default().to_ascii_lowercase();
        let gt = b.get(end..).and_then(|r| r.iter().position(|&c| c == b'>')).map(|p| end + p);
        let self_closing = gt.is_some_and(|g| g > 0 && b.get(g - 1) == Some(&b'/'));
        i = gt.map_or(b.len(), |g| g + 1);
        if FLAT.contains(&name.as_str()) {
            continue;
        }
        let self_closing = self_closing && foreign.is_some();
        if closing {
            depth = depth.saturating_sub(1);
            if foreign.is_some_and(|f| depth < f) {
                foreign = None;
            }
        } else if !self_closing {
            depth += 1;
            max = max.max(depth);
            if foreign.is_none() && (name == "svg" || name == "math") {
                foreign = Some(depth);
            }
            if name == "script" || name == "style" {
                // Raw text: skip to its end tag, and count that as the close.
                let close = format!("</{name}");
                let rest = page.get(i..).unwrap_or_default().to_ascii_lowercase();
                i = rest.find(&close).map_or(b.len(), |p| i + p);
            }
        }
    }
    max
}

/// Extracts the article from `page`.
pub(crate) fn extract(page: &str) -> HtmlArticle {
    let html = Html::parse_document(page);
    let mut out = TextBuilder::default();
    let mut skip_depth = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || SKIP.contains(&name) {
                        skip_depth += 1;
                    } else if BLOCK.contains(&name) {
                        out.boundary();
                    } else if CELL.contains(&name) {
                        out.space();
                    }
                }
                Node::Text(t) if skip_depth == 0 => out.push_text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if BLOCK.contains(&el.name()) {
                        out.boundary();
                    }
                }
            }
        }
    }
    let mut article = HtmlArticle { text: out.text, ..HtmlArticle::default() };
    read_meta(&html, &mut article);
    article
}

/// Builds collapsed text: at most one space between words, one `\n`
/// between blocks, nothing at the start or end of a line.
#[derive(Default)]
struct TextBuilder {
    text: String,
    pending_space: bool,
    pending_line: bool,
}

impl TextBuilder {
    fn boundary(&mut self) {
        self.pending_line = true;
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if !self.text.is_empty() {
                if self.pending_line {
                    self.text.push('\n');
                } else if self.pending_space {
                    self.text.push(' ');
                }
            }
            self.pending_line = false;
            self.pending_space = false;
            self.text.push(c);
        }
    }
}

/// Title, date, outlet, URL and language from the page's metadata.
fn read_meta(html: &Html, a: &mut HtmlArticle) {
    let first_text = |sel: &str| -> Option<String> {
        let sel = Selector::parse(sel).ok()?;
        html.select(&sel).map(|e| collapse(&e.text().collect::<String>())).find(|t| !t.is_empty())
    };
    let first_attr = |sel: &str, attr: &str| -> Option<String> {
        let sel = Selector::parse(sel).ok()?;
        html.select(&sel).filter_map(|e| e.value().attr(attr)).map(collapse).find(|t| !t.is_empty())
    };
    a.title = first_text("title")
        .or_else(|| first_attr(r#"meta[property="og:title"]"#, "content"))
        .or_else(|| first_text("h1"));
    a.date = first_attr(
        r#"meta[property="article:published_time"], meta[name="date"], meta[itemprop="datePublished"]"#,
        "content",
    )
    .or_else(|| first_attr("time[datetime]", "datetime"))
    .and_then(|d| record_date(&d, None).0);
    a.outlet = first_attr(r#"meta[property="og:site_name"]"#, "content");
    a.url = first_attr(r#"link[rel="canonical"]"#, "href")
        .or_else(|| first_attr(r#"meta[property="og:url"]"#, "content"));
    a.language = first_attr("html[lang]", "lang");
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8"><title>  الجزائر
 وروسيا </title>
<meta property="article:published_time" content="2025-09-23T08:15:00+01:00">
<meta property="og:site_name" content="الشروق">
<link rel="canonical" href="https://example.org/a/1">
<style>p { color: red }</style>
</head><body>
<header><a href="/">الرئيسية</a></header>
<nav><ul><li>سياسة</li><li>رياضة</li></ul></nav>
<article><h1>تعاون   عسكري</h1>
<p>تسعى الجزائر إلى تحقيق توازن&nbsp;في تعاونها &amp; شراكاتها.<br>سطر ثان</p>
<script>var x = "<p>not text</p>";</script>
<p>Le ministre a dit&nbsp;: &laquo;&#160;non&#160;&raquo; &#x263A;</p>
<table><tr><td>a</td><td>b</td></tr></table>
</article>
<aside>اقرأ أيضا</aside><footer>© 2025</footer>
</body></html>"#;

    #[test]
    fn extracts_visible_body_text() {
        let a = extract(PAGE);
        assert_eq!(
            a.text,
            "تعاون عسكري\nتسعى الجزائر إلى تحقيق توازن في تعاونها & شراكاتها.\nسطر ثان\n\
             Le ministre a dit : « non » ☺\na b"
        );
    }

    #[test]
    fn reads_metadata() {
        let a = extract(PAGE);
        assert_eq!(a.title.as_deref(), Some("الجزائر وروسيا"));
        assert_eq!(a.date.as_deref(), Some("2025-09-23T08:15:00+01:00"));
        assert_eq!(a.outlet.as_deref(), Some("الشروق"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a/1"));
        assert_eq!(a.language.as_deref(), Some("ar"));
    }

    #[test]
    fn title_falls_back_to_h1_and_junk_gives_no_text() {
        let a = extract("<h1>Titre</h1><p>x</p>");
        assert_eq!(a.title.as_deref(), Some("Titre"));
        assert_eq!(extract("<script>only()</script>").text, "");
    }

    #[test]
    fn deep_nesting_is_walked_iteratively() {
        let page = format!("{}deep{}", "<div><span>".repeat(400), "</span></div>".repeat(400));
        assert_eq!(nesting_estimate(&page), 800);
        assert_eq!(extract(&page).text, "deep");
    }

    #[test]
    fn nesting_estimate_ignores_flat_and_raw_text() {
        assert_eq!(nesting_estimate(PAGE), 2, "html/head/body/p/li are flat");
        let old_style = "<ul>".to_owned() + &"<li>item<p>para<br>".repeat(5000) + "</ul>";
        assert_eq!(nesting_estimate(&old_style), 1);
        let script = "<div><script>for(i=0;i<n;i++){s+='<div>'}</script></div>";
        assert_eq!(nesting_estimate(script), 2);
        // In HTML `<div/>` is an open tag; in SVG `<path/>` closes.
        assert_eq!(nesting_estimate("<div/><div/>a < b"), 2);
        let svg = "<svg>".to_owned() + &"<path d='M0'/>".repeat(3000) + "</svg><p>x";
        assert_eq!(nesting_estimate(&svg), 1);
        assert!(nesting_estimate(&"<div/>".repeat(100_000)) > MAX_DEPTH);
    }
}
