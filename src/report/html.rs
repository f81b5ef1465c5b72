//! The self-contained `report.html`.
//!
//! Input: [`Results`] and [`OutputOptions`]. Output: one HTML page with
//! inline CSS and a few lines of inline JS that only sort tables (the page
//! reads fine without JS). Sections: run summary, documents, heat maps,
//! ranked pairs, side-by-side texts with shared passages marked, frame
//! profiles, stance, evidence in context, framing shift.
//!
//! Invariants: every piece of outside text (ids, titles, texts, lexicon
//! entries, parameters) goes through [`esc`], in element content and in
//! attributes alike; nothing is fetched from elsewhere (no CDN, font or
//! image); colours are computed here so the page needs no script to show
//! them; Arabic (and other right-to-left) documents are shown with
//! `dir="rtl"`, everything else of unknown direction with `dir="auto"`.
//! Large corpora are capped (see the `MAX_*` constants) and the page says
//! so where it cuts.

use std::fmt::Write as _;

use super::model::{DocRow, Matrix, PairRow, Results, StoryRow};
use super::table::{fmt_float, TableKind};
use super::OutputOptions;

/// Heat maps show at most this many documents per side.
const MAX_HEAT: usize = 60;
/// The ranked pair list shows at most this many pairs.
const MAX_PAIRS: usize = 200;
/// Side-by-side views for at most this many pairs (the top-ranked ones).
const MAX_SIDE_BY_SIDE: usize = 30;
/// Above this length a text in the side-by-side view is shown as its
/// passages with [`CONTEXT`] characters around them.
const FULL_TEXT_CHARS: usize = 20_000;
/// Context kept around a passage in a long text, in characters.
const CONTEXT: usize = 200;
/// Evidence hits shown per document.
const MAX_EVIDENCE_PER_DOC: usize = 20;
/// Documents shown in per-document sections (documents, frames, stance,
/// evidence).
const MAX_DOCS: usize = 500;
/// Rows of the framing-shift table shown.
const MAX_SHIFT_ROWS: usize = 300;
/// Stories listed in the report (largest first); all are in stories.csv.
const MAX_STORIES: usize = 50;

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

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

/// `dir`/`lang` attributes for text in `language`.
fn dir_attrs(language: &str) -> String {
    let lang = language.to_ascii_lowercase();
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    let rtl = matches!(primary, "ar" | "fa" | "he" | "ur" | "ps" | "ku" | "yi");
    let dir = if rtl { "rtl" } else { "auto" };
    if lang.is_empty() {
        format!(" dir=\"{dir}\"")
    } else {
        format!(" dir=\"{dir}\" lang=\"{}\"", esc(&lang))
    }
}

/// Background and text colour for a value in [0, 1]: white to red.
fn heat_style(v: f64) -> String {
    let v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 };
    let mix = |a: f64, b: f64| (a + (b - a) * v).round() as u8;
    let (r, g, b) = (mix(255.0, 192.0), mix(255.0, 80.0), mix(255.0, 77.0));
    let fg = if v > 0.6 { "#fff" } else { "#222" };
    format!("background:#{r:02x}{g:02x}{b:02x};color:{fg}")
}

/// Colour for a stance score in [−1, 1]: red (against), white, green.
fn stance_style(v: f64) -> String {
    let v = if v.is_finite() { v.clamp(-1.0, 1.0) } else { 0.0 };
    let (tr, tg, tb) = if v < 0.0 { (224.0, 102.0, 102.0) } else { (106.0, 168.0, 79.0) };
    let t = v.abs();
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    let (r, g, b) = (mix(255.0, tr), mix(255.0, tg), mix(255.0, tb));
    format!("background:#{r:02x}{g:02x}{b:02x}")
}

/// Byte offset of each code point, plus the text's length at the end, so a
/// code-point offset maps to a byte offset (clamped, never a panic).
struct CharMap<'a> {
    text: &'a str,
    bounds: Vec<usize>,
}

impl<'a> CharMap<'a> {
    fn new(text: &'a str) -> CharMap<'a> {
        let mut bounds: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bounds.push(text.len());
        CharMap { text, bounds }
    }

    fn chars(&self) -> usize {
        self.bounds.len() - 1
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        let n = self.chars();
        let (s, e) = (start.min(n), end.min(n));
        if s >= e {
            return "";
        }
        let bs = self.bounds.get(s).copied().unwrap_or(self.text.len());
        let be = self.bounds.get(e).copied().unwrap_or(self.text.len());
        self.text.get(bs..be).unwrap_or("")
    }
}

/// A span to mark, in code points.
struct Span {
    start: usize,
    end: usize,
    class: &'static str,
    title: String,
}

/// The text with `spans` marked. Overlaps are clipped (the earlier span
/// wins). With `context`, only the spans and `context` characters around
/// them are shown, gaps become `…`.
fn marked(text: &str, spans: &mut [Span], context: Option<usize>) -> String {
    let map = CharMap::new(text);
    let n = map.chars();
    spans.sort_by_key(|s| (s.start, s.end));
    // Empty, inverted or out-of-text spans mark nothing.
    let spans: Vec<&Span> = spans.iter().filter(|s| s.start < s.end && s.start < n).collect();
    // Visible windows.
    let windows: Vec<(usize, usize)> = match context {
        None => vec![(0, n)],
        Some(ctx) => {
            let mut w: Vec<(usize, usize)> = Vec::new();
            for s in spans.iter() {
                let (a, b) = (s.start.saturating_sub(ctx), s.end.saturating_add(ctx).min(n));
                if a >= b {
                    continue;
                }
                match w.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => w.push((a, b)),
                }
            }
            w
        }
    };
    let mut out = String::new();
    let mut si = 0;
    for (wi, &(ws, we)) in windows.iter().enumerate() {
        if ws > 0 || wi > 0 {
            out.push_str("<span class=\"gap\">… </span>");
        }
        let mut pos = ws;
        while pos < we {
            // Skip spans already passed.
            while spans.get(si).is_some_and(|s| s.end <= pos) {
                si += 1;
            }
            match spans.get(si) {
                Some(s) if s.start < we => {
                    let st = s.start.max(pos);
                    out.push_str(&esc(map.slice(pos, st)));
                    let en = s.end.min(we);
                    w!(
                        out,
                        "<mark class=\"{}\" title=\"{}\">{}</mark>",
                        s.class,
                        esc(&s.title),
                        esc(map.slice(st, en))
                    );
                    pos = en;
                    si += 1;
                }
                _ => {
                    out.push_str(&esc(map.slice(pos, we)));
                    pos = we;
                }
            }
        }
        if we < n && wi + 1 == windows.len() {
            out.push_str("<span class=\"gap\"> …</span>");
        }
    }
    out
}

const CSS: &str = "\
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Tahoma,'Noto Sans','Noto Naskh Arabic',sans-serif;margin:0 auto;max-width:1400px;padding:1em 2em;color:#222;background:#fafafa}
h1{font-size:1.6em}h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em;background:#fff}
th,td{border:1px solid #ddd;padding:.2em .45em;text-align:start;vertical-align:top}
th{background:#eee}
table.sortable th{cursor:pointer;position:sticky;top:0}
td.n{text-align:end;font-variant-numeric:tabular-nums}
table.heat td{width:1.6em;height:1.6em;padding:0;text-align:center;font-size:.7em}
table.heat th.r{max-width:14em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table.heat th.c{writing-mode:vertical-rl;max-height:12em;overflow:hidden;white-space:nowrap}
.note{color:#666;font-style:italic}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em;margin-bottom:2em}
.text{background:#fff;border:1px solid #ddd;padding:.6em .9em;white-space:pre-wrap;max-height:32em;overflow:auto}
mark.p{background:#ffe08a}mark.b{background:#ddd}mark.hit{background:#ffd0a0;font-weight:bold}
.gap{color:#999}
.bar{display:flex;align-items:center;gap:.5em;margin:.1em 0}
.bar .k{width:9em;font-size:.85em}.bar .v{height:.9em;background:#5b8bd0}
.bar .x{font-size:.8em;color:#555;white-space:nowrap}
.frames{display:grid;grid-template-columns:repeat(auto-fill,minmax(22em,1fr));gap:1em}
.card{background:#fff;border:1px solid #ddd;padding:.5em .8em}
ul.ev li{margin:.3em 0}
";

const JS: &str = "\
document.querySelectorAll('table.sortable th').forEach(function(th){th.addEventListener('click',function(){\
var t=th.closest('table'),b=t.tBodies[0],i=Array.prototype.indexOf.call(th.parentNode.children,th),\
d=th.getAttribute('data-d')==='a'?'d':'a';th.setAttribute('data-d',d);\
var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){\
var p=x.cells[i]?x.cells[i].textContent:'',q=y.cells[i]?y.cells[i].textContent:'',m=parseFloat(p),n=parseFloat(q),\
c=(!isNaN(m)&&!isNaN(n))?m-n:p.localeCompare(q);return d==='a'?c:-c;});\
rows.forEach(function(r){b.appendChild(r);});});});";

/// Renders the whole page.
pub(crate) fn render(r: &Results, opts: &OutputOptions) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>parallax report</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    summary(&mut out, r, opts);
    if opts.wants(TableKind::Documents) {
        documents(&mut out, r);
    }
    for (kind, title) in [
        (TableKind::Similarity, "Similarity (Jaccard)"),
        (TableKind::Reuse, "Reuse (share of the row document's words in shared passages)"),
        (TableKind::FramingDistance, "Framing distance"),
    ] {
        let m = match kind {
            TableKind::Similarity => r.similarity.as_ref(),
            TableKind::Reuse => r.reuse.as_ref(),
            _ => r.framing_distance.as_ref(),
        };
        if let (true, Some(m)) = (opts.wants(kind), m) {
            heat_map(&mut out, kind.name(), title, m);
        }
    }
    let ranked = ranked_pairs(r);
    if opts.wants(TableKind::Pairs) {
        pairs(&mut out, r, &ranked);
    }
    if opts.wants(TableKind::Stories) {
        stories(&mut out, r);
    }
    if opts.wants(TableKind::Passages) {
        side_by_side(&mut out, r, &ranked);
    }
    if opts.wants(TableKind::Framing) {
        frames(&mut out, r);
    }
    if opts.wants(TableKind::Stance) {
        stance(&mut out, r);
    }
    if opts.wants(TableKind::Evidence) {
        evidence(&mut out, r);
    }
    if opts.wants(TableKind::FramingShift) {
        shift(&mut out, r);
    }
    out.push_str("<script>");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

fn summary(out: &mut String, r: &Results, opts: &OutputOptions) {
    let s = &r.summary;
    w!(out, "<h1>parallax report</h1>\n<p>parallax {}", esc(&s.version));
    w!(out, " · {} documents</p>\n", r.documents.len());
    if !s.parameters.is_empty() {
        out.push_str("<h2 id=\"run\">Run</h2>\n<table><tbody>\n");
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
    for note in &s.notes {
        w!(out, "<p class=\"note\">{}</p>\n", esc(note));
    }
    if opts.show_timings && !s.timings.is_empty() {
        out.push_str("<table><thead><tr><th>stage</th><th>seconds</th></tr></thead><tbody>\n");
        for (k, v) in &s.timings {
            w!(out, "<tr><td>{}</td><td class=\"n\">{}</td></tr>\n", esc(k), fmt_float(*v, 3));
        }
        out.push_str("</tbody></table>\n");
    }
    if !s.problems.is_empty() {
        w!(out, "<h2 id=\"problems\">Problems ({})</h2>\n<ul>\n", s.problems.len());
        for p in &s.problems {
            w!(out, "<li><bdi>{}</bdi>: {}</li>\n", esc(&p.path), esc(&p.reason));
        }
        out.push_str("</ul>\n");
    }
}

fn documents(out: &mut String, r: &Results) {
    w!(out, "<h2 id=\"documents\">Documents ({})</h2>\n", r.documents.len());
    if r.documents.len() > MAX_DOCS {
        w!(out, "<p class=\"note\">First {MAX_DOCS} documents; all are in documents.csv.</p>\n");
    }
    out.push_str(
        "<table class=\"sortable\"><thead><tr><th>doc_id</th><th>title</th><th>date</th>\
         <th>outlet</th><th>language</th><th>words</th></tr></thead><tbody>\n",
    );
    for d in r.documents.iter().take(MAX_DOCS) {
        w!(
            out,
            "<tr><td><bdi>{}</bdi></td><td{}>{}</td><td>{}</td><td dir=\"auto\">{}</td>\
             <td>{}</td><td class=\"n\">{}</td></tr>\n",
            esc(&d.doc_id),
            dir_attrs(&d.language),
            esc(&d.title),
            esc(&d.date),
            esc(&d.outlet),
            esc(&d.language),
            d.words
        );
    }
    out.push_str("</tbody></table>\n");
}

fn heat_map(out: &mut String, id: &str, title: &str, m: &Matrix) {
    let n = m.ids.len();
    let shown = n.min(MAX_HEAT);
    w!(out, "<h2 id=\"{id}\">{}</h2>\n", esc(title));
    if n > shown {
        w!(
            out,
            "<p class=\"note\">Showing the first {shown} of {n} documents; \
             the full matrix is in {id}.csv.</p>\n"
        );
    }
    out.push_str("<table class=\"heat\"><thead><tr><th></th>");
    for cid in m.ids.iter().take(shown) {
        w!(out, "<th class=\"c\" title=\"{0}\"><bdi>{0}</bdi></th>", esc(cid));
    }
    out.push_str("</tr></thead><tbody>\n");
    for (i, rid) in m.ids.iter().enumerate().take(shown) {
        w!(out, "<tr><th class=\"r\" title=\"{0}\"><bdi>{0}</bdi></th>", esc(rid));
        for (j, cid) in m.ids.iter().enumerate().take(shown) {
            match m.get(i, j) {
                Some(v) => w!(
                    out,
                    "<td style=\"{}\" title=\"{} × {}: {}\">{}</td>",
                    heat_style(v),
                    esc(rid),
                    esc(cid),
                    fmt_float(v, 3),
                    fmt_float(v * 100.0, 0)
                ),
                None => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n<p class=\"note\">Cells show the value × 100.</p>\n");
}

/// Pairs ranked by Jaccard (exact when known), then by shared words, then
/// by ids, so the ranking is total and deterministic.
fn ranked_pairs(r: &Results) -> Vec<&PairRow> {
    let mut v: Vec<&PairRow> = r.pairs.iter().collect();
    let key = |p: &PairRow| p.jaccard.unwrap_or(p.jaccard_est);
    v.sort_by(|a, b| {
        key(b)
            .total_cmp(&key(a))
            .then(b.shared_words.cmp(&a.shared_words))
            .then_with(|| (&a.doc_a, &a.doc_b).cmp(&(&b.doc_a, &b.doc_b)))
    });
    v
}

fn pair_anchor(i: usize) -> String {
    format!("pair-{i}")
}

fn pairs(out: &mut String, r: &Results, ranked: &[&PairRow]) {
    w!(out, "<h2 id=\"pairs\">Pairs ({})</h2>\n", r.pairs.len());
    if ranked.len() > MAX_PAIRS {
        w!(
            out,
            "<p class=\"note\">Showing the top {MAX_PAIRS} of {} pairs; all are in pairs.csv.</p>\n",
            ranked.len()
        );
    }
    out.push_str(
        "<table class=\"sortable\"><thead><tr><th>#</th><th>doc_a</th><th>doc_b</th>\
         <th>jaccard</th><th>containment_ab</th><th>containment_ba</th><th>passages</th>\
         <th>shared_words</th><th>likely_source</th><th>cluster</th><th>verdict</th></tr></thead>\
         <tbody>\n",
    );
    for (i, p) in ranked.iter().take(MAX_PAIRS).enumerate() {
        let rank = if p.passages > 0 && i < MAX_SIDE_BY_SIDE {
            format!("<a href=\"#{}\">{}</a>", pair_anchor(i), i + 1)
        } else {
            (i + 1).to_string()
        };
        w!(
            out,
            "<tr><td class=\"n\">{rank}</td><td><bdi>{}</bdi></td><td><bdi>{}</bdi></td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td><bdi>{}</bdi></td>\
             <td class=\"n\">{}</td><td>{}</td></tr>\n",
            esc(&p.doc_a),
            esc(&p.doc_b),
            fmt_float(p.jaccard.unwrap_or(p.jaccard_est), 3),
            fmt_float(p.containment_ab, 3),
            fmt_float(p.containment_ba, 3),
            p.passages,
            p.shared_words,
            esc(&p.likely_source),
            p.cluster.map(|c| c.to_string()).unwrap_or_default(),
            esc(&p.verdict.replace('_', " "))
        );
    }
    out.push_str("</tbody></table>\n");
}

/// Articles that tell the same story, grouped: each story's articles with
/// their outlets and dates, so that a reader sees who covered what and
/// when, copies (a shared cluster) among them.
fn stories(out: &mut String, r: &Results) {
    let mut by_story: Vec<(u64, Vec<&StoryRow>)> = Vec::new();
    for s in &r.stories {
        match by_story.last_mut() {
            Some((n, rows)) if *n == s.story => rows.push(s),
            _ => by_story.push((s.story, vec![s])),
        }
    }
    if by_story.is_empty() {
        return;
    }
    w!(out, "<h2 id=\"stories\">Stories ({})</h2>\n", by_story.len());
    out.push_str(
        "<p class=\"note\">Articles that tell the same story (related.csv), largest story first; \
         a cluster number marks copies of one another.",
    );
    if by_story.len() > MAX_STORIES {
        w!(out, " The first {MAX_STORIES}; all are in stories.csv.");
    }
    out.push_str("</p>\n");
    for (n, rows) in by_story.iter().take(MAX_STORIES) {
        let head = rows[0];
        w!(
            out,
            "<h3 id=\"story-{n}\">{n}. <span dir=\"auto\">{}</span> · {} articles</h3>\n",
            esc(&head.representative_title),
            head.size
        );
        out.push_str(
            "<table><thead><tr><th>doc_id</th><th>title</th><th>outlet</th><th>date</th>\
             <th>cluster</th></tr></thead><tbody>\n",
        );
        for s in rows {
            w!(
                out,
                "<tr><td><bdi>{}</bdi></td><td dir=\"auto\">{}</td><td><bdi>{}</bdi></td>\
                 <td>{}</td><td class=\"n\">{}</td></tr>\n",
                esc(&s.doc_id),
                esc(&s.title),
                esc(&s.outlet),
                esc(&s.date),
                s.cluster.map(|c| c.to_string()).unwrap_or_default()
            );
        }
        out.push_str("</tbody></table>\n");
        story_framing(out, r, *n);
    }
}

/// How each outlet frames story `n` beside the story's other outlets: the
/// frames it adds or leaves out, its stance where it differs in sign, and
/// the framing distances (story_framing.csv has every measure).
fn story_framing(out: &mut String, r: &Results, n: u64) {
    let rows: Vec<_> = r
        .story_framing
        .iter()
        .filter(|f| f.story == n)
        .filter(|f| match f.measure.as_str() {
            "frame" => !f.change.is_empty(),
            "stance" => f.rest_value.is_some_and(|rest| rest * f.value < 0.0),
            _ => true,
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str(
        "<table><thead><tr><th>outlet</th><th>measure</th><th>what</th><th>value</th>\
         <th>other outlets</th><th></th></tr></thead><tbody>\n",
    );
    for f in rows {
        w!(
            out,
            "<tr><td><bdi>{}</bdi></td><td>{}</td><td><bdi>{}</bdi></td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td>{}</td></tr>\n",
            esc(&f.outlet),
            esc(&f.measure),
            esc(&f.key),
            fmt_float(f.value, 2),
            f.rest_value.map(|v| fmt_float(v, 2)).unwrap_or_default(),
            esc(&f.change.replace('_', " "))
        );
    }
    out.push_str("</tbody></table>\n");
}

fn find_doc<'a>(r: &'a Results, id: &str) -> Option<&'a DocRow> {
    // Documents are sorted by id; fall back to a scan if they are not.
    match r.documents.binary_search_by(|d| d.doc_id.as_str().cmp(id)) {
        Ok(i) => r.documents.get(i),
        Err(_) => r.documents.iter().find(|d| d.doc_id == id),
    }
}

fn text_block(doc: Option<&DocRow>, id: &str, spans: &mut [Span]) -> String {
    let Some(d) = doc else {
        return format!(
            "<div class=\"card\"><p class=\"note\">{}: text not available</p></div>",
            esc(id)
        );
    };
    let long = d.text.chars().count() > FULL_TEXT_CHARS;
    let body = marked(&d.text, spans, long.then_some(CONTEXT));
    let mut s = String::new();
    w!(s, "<div><h4><bdi>{}</bdi>", esc(&d.doc_id));
    if !d.title.is_empty() {
        w!(s, " — <span{}>{}</span>", dir_attrs(&d.language), esc(&d.title));
    }
    w!(s, "</h4><div class=\"text\"{}>{}</div></div>", dir_attrs(&d.language), body);
    s
}

fn side_by_side(out: &mut String, r: &Results, ranked: &[&PairRow]) {
    let with_passages: Vec<(usize, &&PairRow)> =
        ranked.iter().enumerate().take(MAX_SIDE_BY_SIDE).filter(|(_, p)| p.passages > 0).collect();
    if with_passages.is_empty() {
        return;
    }
    out.push_str("<h2 id=\"passages\">Shared passages, side by side</h2>\n");
    w!(
        out,
        "<p class=\"note\">The top {MAX_SIDE_BY_SIDE} pairs with passages; all passages are in \
         passages.csv. <mark class=\"p\">Shared</mark> passages are marked; \
         <mark class=\"b\">boilerplate</mark> in grey.</p>\n"
    );
    for (i, p) in with_passages {
        let mut a_spans = Vec::new();
        let mut b_spans = Vec::new();
        for ps in r.passages.iter().filter(|ps| ps.doc_a == p.doc_a && ps.doc_b == p.doc_b) {
            let class = if ps.boilerplate { "b" } else { "p" };
            let title = format!(
                "passage {} ({} words, {}, text in {} documents)",
                ps.passage, ps.a_words, ps.kind, ps.recurs_in
            );
            a_spans.push(Span {
                start: ps.a_start as usize,
                end: ps.a_end as usize,
                class,
                title: title.clone(),
            });
            b_spans.push(Span { start: ps.b_start as usize, end: ps.b_end as usize, class, title });
        }
        w!(
            out,
            "<h3 id=\"{}\">{}. <bdi>{}</bdi> ↔ <bdi>{}</bdi> · {} · jaccard {} · {} passages</h3>\n",
            pair_anchor(i),
            i + 1,
            esc(&p.doc_a),
            esc(&p.doc_b),
            esc(&p.verdict.replace('_', " ")),
            fmt_float(p.jaccard.unwrap_or(p.jaccard_est), 3),
            p.passages
        );
        out.push_str("<div class=\"pair\">");
        out.push_str(&text_block(find_doc(r, &p.doc_a), &p.doc_a, &mut a_spans));
        out.push_str(&text_block(find_doc(r, &p.doc_b), &p.doc_b, &mut b_spans));
        out.push_str("</div>\n");
    }
}

fn frames(out: &mut String, r: &Results) {
    if r.frame_keys.is_empty() || r.framing.is_empty() {
        return;
    }
    out.push_str("<h2 id=\"framing\">Frame profiles (hits per 1,000 words)</h2>\n");
    if r.framing.len() > MAX_DOCS {
        w!(out, "<p class=\"note\">First {MAX_DOCS} documents; all are in framing.csv.</p>\n");
    }
    let max = r
        .framing
        .iter()
        .flat_map(|f| f.frames.iter().map(|c| c.per_1k))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    out.push_str("<div class=\"frames\">\n");
    for f in r.framing.iter().take(MAX_DOCS) {
        w!(out, "<div class=\"card\"><h4><bdi>{}</bdi> · {} words</h4>\n", esc(&f.doc_id), f.words);
        for (k, c) in r.frame_keys.iter().zip(&f.frames) {
            let pct = if max > 0.0 && c.per_1k.is_finite() { c.per_1k / max * 100.0 } else { 0.0 };
            w!(
                out,
                "<div class=\"bar\"><span class=\"k\">{}</span><span class=\"v\" style=\"width:{}%\">\
                 </span><span class=\"x\">{} ({})</span></div>\n",
                esc(k),
                fmt_float(pct.clamp(0.0, 100.0) * 0.7, 1),
                fmt_float(c.per_1k, 1),
                c.hits
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
}

fn stance(out: &mut String, r: &Results) {
    if r.target_keys.is_empty() || r.stance.is_empty() {
        return;
    }
    out.push_str("<h2 id=\"stance\">Stance (−1 against … +1 favourable; mentions)</h2>\n");
    if r.stance.len() > MAX_DOCS {
        w!(out, "<p class=\"note\">First {MAX_DOCS} documents; all are in stance.csv.</p>\n");
    }
    out.push_str("<table class=\"sortable\"><thead><tr><th>doc_id</th>");
    for k in &r.target_keys {
        w!(out, "<th>{}</th>", esc(k));
    }
    out.push_str("</tr></thead><tbody>\n");
    for s in r.stance.iter().take(MAX_DOCS) {
        w!(out, "<tr><td><bdi>{}</bdi></td>", esc(&s.doc_id));
        for j in 0..r.target_keys.len() {
            match s.targets.get(j).and_then(|c| Some((c.score?, c.mentions))) {
                Some((score, mentions)) => w!(
                    out,
                    "<td class=\"n\" style=\"{}\">{} <small>({})</small></td>",
                    stance_style(score),
                    fmt_float(score, 2),
                    mentions
                ),
                _ => out.push_str("<td class=\"n note\">–</td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

fn evidence(out: &mut String, r: &Results) {
    if r.evidence.is_empty() {
        return;
    }
    out.push_str("<h2 id=\"evidence\">Evidence in context</h2>\n");
    w!(
        out,
        "<p class=\"note\">At most {MAX_EVIDENCE_PER_DOC} hits per document and \
         {MAX_DOCS} documents; every hit is in evidence.csv.</p>\n"
    );
    // Grouped by document id (sorted, so the page follows document order
    // whatever order the rows come in; rows keep their order inside a group).
    let mut groups: std::collections::BTreeMap<&str, Vec<&super::model::EvidenceRow>> =
        std::collections::BTreeMap::new();
    for e in &r.evidence {
        groups.entry(e.doc_id.as_str()).or_default().push(e);
    }
    for (id, rows) in groups.iter().take(MAX_DOCS) {
        let doc = find_doc(r, id);
        let lang = doc.map_or("", |d| d.language.as_str());
        w!(out, "<h3><bdi>{}</bdi> · {} hits</h3>\n<ul class=\"ev\">\n", esc(id), rows.len());
        let map = doc.map(|d| CharMap::new(&d.text));
        for e in rows.iter().take(MAX_EVIDENCE_PER_DOC) {
            let (start, end) = (e.start as usize, e.end as usize);
            let context = match &map {
                Some(m) => {
                    // The sentence when given, else a window around the hit.
                    let (ss, se) = if e.sentence_end > e.sentence_start {
                        (e.sentence_start as usize, e.sentence_end as usize)
                    } else {
                        (start.saturating_sub(80), end.saturating_add(80))
                    };
                    let (ss, se) = (ss.min(start), se.max(end));
                    format!(
                        "{}<mark class=\"hit\">{}</mark>{}",
                        esc(m.slice(ss, start)),
                        esc(m.slice(start, end)),
                        esc(m.slice(end, se))
                    )
                }
                None => format!("<mark class=\"hit\">{}</mark>", esc(&e.surface)),
            };
            let target = if e.target.is_empty() {
                String::new()
            } else {
                format!(" → {}", esc(&e.target))
            };
            w!(
                out,
                "<li><span{}>{}</span><br><small>{} · {}{} · weight {} · contribution {}{}{}</small></li>\n",
                dir_attrs(lang),
                context,
                esc(&e.category),
                esc(&e.entry),
                target,
                fmt_float(e.weight, 2),
                fmt_float(e.contribution, 2),
                if e.modifiers.is_empty() { String::new() } else { format!(" · {}", esc(&e.modifiers)) },
                if e.voice.is_empty() { String::new() } else { format!(" · {}", esc(&e.voice)) },
            );
        }
        if rows.len() > MAX_EVIDENCE_PER_DOC {
            w!(
                out,
                "<li class=\"note\">… {} more in evidence.csv</li>\n",
                rows.len() - MAX_EVIDENCE_PER_DOC
            );
        }
        out.push_str("</ul>\n");
    }
}

fn shift(out: &mut String, r: &Results) {
    if r.framing_shift.is_empty() {
        return;
    }
    out.push_str("<h2 id=\"framing_shift\">Framing shift: shared vs rewritten parts</h2>\n");
    if r.framing_shift.len() > MAX_SHIFT_ROWS {
        w!(
            out,
            "<p class=\"note\">First {MAX_SHIFT_ROWS} of {} rows; all are in framing_shift.csv.</p>\n",
            r.framing_shift.len()
        );
    }
    out.push_str(
        "<table class=\"sortable\"><thead><tr><th>doc_a</th><th>doc_b</th><th>frame</th>\
         <th>shared a</th><th>rewritten a</th><th>shared b</th><th>rewritten b</th>\
         </tr></thead><tbody>\n",
    );
    for s in r.framing_shift.iter().take(MAX_SHIFT_ROWS) {
        w!(
            out,
            "<tr><td><bdi>{}</bdi></td><td><bdi>{}</bdi></td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            esc(&s.doc_a),
            esc(&s.doc_b),
            esc(&s.frame),
            fmt_float(s.shared_a_per_1k, 1),
            fmt_float(s.rewritten_a_per_1k, 1),
            fmt_float(s.shared_b_per_1k, 1),
            fmt_float(s.rewritten_b_per_1k, 1)
        );
    }
    out.push_str("</tbody></table>\n");
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
    fn marks_spans_by_code_point_and_clips_overlaps() {
        let text = "الجزائر <وواشنطن> تعاون";
        let mut spans = vec![
            Span { start: 8, end: 17, class: "p", title: "t".into() },
            Span { start: 10, end: 12, class: "p", title: "inner".into() },
        ];
        let html = marked(text, &mut spans, None);
        assert_eq!(html, "الجزائر <mark class=\"p\" title=\"t\">&lt;وواشنطن&gt;</mark> تعاون");
    }

    #[test]
    fn out_of_range_spans_do_not_panic() {
        let mut spans = vec![Span { start: 3, end: 999, class: "p", title: String::new() }];
        assert_eq!(
            marked("abcdef", &mut spans, None),
            "abc<mark class=\"p\" title=\"\">def</mark>"
        );
        let mut spans = vec![Span { start: 50, end: 10, class: "p", title: String::new() }];
        assert_eq!(marked("abc", &mut spans, None), "abc");
    }

    #[test]
    fn long_texts_keep_context_only() {
        let text = format!("{}XYZ{}", "a".repeat(50), "b".repeat(50));
        let mut spans = vec![Span { start: 50, end: 53, class: "p", title: String::new() }];
        let html = marked(&text, &mut spans, Some(5));
        assert_eq!(
            html,
            "<span class=\"gap\">… </span>aaaaa<mark class=\"p\" title=\"\">XYZ</mark>bbbbb\
             <span class=\"gap\"> …</span>"
        );
    }

    #[test]
    fn colours_are_clamped() {
        assert_eq!(heat_style(0.0), "background:#ffffff;color:#222");
        assert_eq!(heat_style(7.0), heat_style(1.0));
        assert_eq!(stance_style(0.0), "background:#ffffff");
        assert_eq!(stance_style(-1.0), "background:#e06666");
    }

    #[test]
    fn rtl_for_arabic_auto_otherwise() {
        assert_eq!(dir_attrs("ar"), " dir=\"rtl\" lang=\"ar\"");
        assert_eq!(dir_attrs("fr"), " dir=\"auto\" lang=\"fr\"");
        assert_eq!(dir_attrs(""), " dir=\"auto\"");
    }
}
