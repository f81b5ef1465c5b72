//! Tests across writers: `write_all` on a small hand-made `Results` with
//! Arabic and Latin text, a formula-looking cell, a negative score, quotes,
//! commas and newlines.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::*;

const AR_TEXT: &str = "أعلنت الجزائر وواشنطن عن شراكة أمنية جديدة في منطقة الساحل.";
const FR_TEXT: &str = "Alger et Washington annoncent « une nouvelle coopération ».\nSuite.";

fn fixture() -> Results {
    let docs = vec![
        DocRow {
            doc_id: "ar/001.txt".into(),
            source: "ar/001.txt".into(),
            title: "<script>alert(1)</script>".into(),
            date: "2025-03-01".into(),
            outlet: "=HYPERLINK(\"http://x\")".into(),
            language: "ar".into(),
            encoding: "UTF-8".into(),
            chars: AR_TEXT.chars().count() as u64,
            words: 10,
            text: AR_TEXT.into(),
            ..DocRow::default()
        },
        DocRow {
            doc_id: "ar/002.txt".into(),
            source: "ar/002.txt".into(),
            title: "الجزائر، \"واشنطن\"".into(),
            language: "ar".into(),
            encoding: "windows-1256".into(),
            chars: AR_TEXT.chars().count() as u64,
            words: 10,
            text: AR_TEXT.into(),
            ..DocRow::default()
        },
        DocRow {
            doc_id: "fr/a.txt".into(),
            source: "fr/a.txt".into(),
            title: "Alger, Washington\net « coopération »".into(),
            language: "fr".into(),
            encoding: "UTF-8".into(),
            chars: FR_TEXT.chars().count() as u64,
            words: 9,
            text: FR_TEXT.into(),
            ..DocRow::default()
        },
    ];
    let ids: Vec<String> = docs.iter().map(|d| d.doc_id.clone()).collect();
    let sim =
        Matrix { ids: ids.clone(), values: vec![1.0, 0.9, 0.0, 0.9, 1.0, 0.0, 0.0, 0.0, 1.0] };
    Results {
        documents: docs,
        similarity: Some(sim.clone()),
        containment: Some(sim.clone()),
        reuse: Some(sim.clone()),
        framing_distance: Some(Matrix {
            ids,
            values: vec![0.0, 0.1, 0.5, 0.1, 0.0, 0.4, 0.5, 0.4, 0.0],
        }),
        pairs: vec![PairRow {
            doc_a: "ar/001.txt".into(),
            doc_b: "ar/002.txt".into(),
            jaccard_est: 0.875,
            jaccard: Some(0.9),
            containment_ab: 1.0,
            containment_ba: 1.0,
            passages: 1,
            shared_words: 10,
            longest_passage_words: 10,
            likely_source: "ar/001.txt".into(),
            source_reason: "date".into(),
            verdict: "near_duplicate".into(),
            cluster: Some(0),
            aligned_via: String::new(),
            related: Some(0.75),
        }],
        clusters: vec![
            ClusterRow {
                cluster: 0,
                doc_id: "ar/001.txt".into(),
                representative: "ar/001.txt".into(),
                size: 2,
            },
            ClusterRow {
                cluster: 0,
                doc_id: "ar/002.txt".into(),
                representative: "ar/001.txt".into(),
                size: 2,
            },
        ],
        passages: vec![PassageRow {
            passage: 0,
            doc_a: "ar/001.txt".into(),
            a_start: 6,
            a_end: 21,
            doc_b: "ar/002.txt".into(),
            b_start: 6,
            b_end: 21,
            a_words: 2,
            b_words: 2,
            score: 1.0,
            kind: "verbatim".into(),
            copied_run: 2,
            recurs_in: 2,
            boilerplate: false,
            a_text: "الجزائر وواشنطن".into(),
            b_text: "الجزائر وواشنطن".into(),
        }],
        frame_keys: vec!["security".into(), "economy".into()],
        framing: vec![FramingRow {
            doc_id: "ar/001.txt".into(),
            words: 10,
            frames: vec![FrameCell { per_1k: 100.0, hits: 1 }, FrameCell { per_1k: 0.0, hits: 0 }],
        }],
        target_keys: vec!["usa".into()],
        stance: vec![StanceRow {
            doc_id: "ar/001.txt".into(),
            targets: vec![StanceCell {
                score: Some(-0.5),
                mentions: 1,
                quoted_score: None,
                quoted_mentions: 0,
            }],
        }],
        evidence: vec![EvidenceRow {
            doc_id: "ar/001.txt".into(),
            sentence: 0,
            start: 31,
            end: 36,
            surface: "أمنية".into(),
            normalized: "امنيه".into(),
            entry: "أمن*".into(),
            category: "security".into(),
            weight: 1.0,
            modifiers: String::new(),
            target: String::new(),
            holder: String::new(),
            object: String::new(),
            voice: "author".into(),
            contribution: -0.5,
            sentence_start: 0,
            sentence_end: AR_TEXT.chars().count() as u64,
        }],
        framing_shift: vec![ShiftRow {
            doc_a: "ar/001.txt".into(),
            doc_b: "ar/002.txt".into(),
            frame: "security".into(),
            shared_a_per_1k: 100.0,
            ..ShiftRow::default()
        }],
        related: None,
        related_pairs: vec![RelatedRow {
            doc_a: "ar/001.txt".into(),
            doc_b: "ar/002.txt".into(),
            related: 0.75,
            cosine: 0.75,
            reuse: 0.5,
        }],
        stories: vec![StoryRow {
            story: 1,
            doc_id: "ar/001.txt".into(),
            title: "=cmd|' /C calc'!A0".into(),
            size: 2,
            representative: "ar/001.txt".into(),
            representative_title: "=cmd|' /C calc'!A0".into(),
            ..StoryRow::default()
        }],
        story_framing: vec![StoryFramingRow {
            story: 1,
            outlet: "@outlet".into(),
            measure: "frame".into(),
            key: "security".into(),
            value: 100.0,
            n: 1,
            rest_value: Some(0.0),
            rest_n: Some(0),
            change: "adds".into(),
            ..StoryFramingRow::default()
        }],
        summary: RunSummary {
            version: "0.1.0".into(),
            parameters: vec![
                ("shingle".into(), "word:5".into()),
                ("threshold".into(), "0.5".into()),
            ],
            counts: vec![("pairs".into(), 1)],
            problems: vec![Problem {
                path: "bad<1>.txt".into(),
                file: "bad<1>.txt".into(),
                line: None,
                reason: "not UTF-8".into(),
            }],
            notes: vec!["Large copy <groups>".into()],
            timings: vec![("align".into(), 0.25)],
        },
        passages_skipped: false,
        streamed: Default::default(),
        texts: Default::default(),
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn all_formats() -> OutputOptions {
    OutputOptions {
        formats: Formats { csv: true, xlsx: true, html: true, json: true, parquet: false },
        ..OutputOptions::default()
    }
}

#[test]
fn writes_every_file_with_bom_and_returns_them() {
    let td = tempfile::tempdir().unwrap();
    let out = td.path().join("out");
    let files = write_all(&out, &fixture(), &all_formats()).unwrap();
    let mut want: Vec<String> = TableKind::ALL.iter().map(|k| k.file_name()).collect();
    want.extend([
        XLSX_FILE.to_string(),
        HTML_FILE.to_string(),
        JSON_FILE.to_string(),
        SKIPPED_FILE.to_string(),
    ]);
    let got: Vec<String> =
        files.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(got, want);
    let mut sorted = want.clone();
    sorted.sort();
    assert_eq!(names(&out), sorted, "no staging directory left behind");
    for k in TableKind::ALL {
        let bytes = fs::read(out.join(k.file_name())).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{k:?} has a BOM");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join(JSON_FILE)).unwrap()).unwrap();
    assert_eq!(json["pairs"][0]["jaccard"], 0.9);
}

#[test]
fn exact_framing_and_evidence_csv() {
    let td = tempfile::tempdir().unwrap();
    let opts = OutputOptions {
        bom: false,
        formats: Formats { csv: true, xlsx: false, html: false, json: false, parquet: false },
        ..OutputOptions::default()
    };
    write_all(td.path(), &fixture(), &opts).unwrap();
    let framing = fs::read_to_string(td.path().join("framing.csv")).unwrap();
    assert_eq!(
        framing,
        "doc_id,words,security_per_1k,security_hits,economy_per_1k,economy_hits\r\n\
         ar/001.txt,10,100.000,1,0.000,0\r\n"
    );
    let ev = fs::read_to_string(td.path().join("evidence.csv")).unwrap();
    assert_eq!(
        ev,
        "doc_id,sentence,start,end,surface,normalized,entry,category,weight,modifiers,target,\
         voice,contribution,sentence_start,sentence_end,holder,object\r\n\
         ar/001.txt,0,31,36,أمنية,امنيه,أمن*,security,1.000000,,,author,-0.500000,0,59,,\r\n"
    );
    let docs = fs::read_to_string(td.path().join("documents.csv")).unwrap();
    assert!(docs.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{docs}");
    assert!(docs.contains("\"Alger, Washington\net « coopération »\""));
    let shift = fs::read_to_string(td.path().join("framing_shift.csv")).unwrap();
    assert!(shift.ends_with("ar/001.txt,ar/002.txt,security,100.000,0.000,0.000,0.000,0,0,0,0\r\n"));
}

#[test]
fn table_selection_and_matrix_switch() {
    let td = tempfile::tempdir().unwrap();
    let opts = OutputOptions {
        formats: Formats { csv: true, xlsx: false, html: false, json: false, parquet: false },
        matrices: false,
        tables: TableKind::DUPS.to_vec(),
        ..OutputOptions::default()
    };
    write_all(td.path(), &fixture(), &opts).unwrap();
    assert_eq!(
        names(td.path()),
        ["clusters.csv", "documents.csv", "pairs.csv", "passages.csv", "skipped.csv"]
    );
}

#[test]
fn failure_leaves_previous_run_untouched() {
    let td = tempfile::tempdir().unwrap();
    fs::write(td.path().join("documents.csv"), "old run").unwrap();
    // A directory where pairs.csv must go: writing fails at commit.
    fs::create_dir(td.path().join("pairs.csv")).unwrap();
    let err = write_all(td.path(), &fixture(), &all_formats()).unwrap_err();
    assert!(err.to_string().contains("pairs.csv"), "{err}");
    assert_eq!(names(td.path()), ["documents.csv", "pairs.csv"]);
    assert_eq!(fs::read_to_string(td.path().join("documents.csv")).unwrap(), "old run");
}

#[test]
fn outputs_are_byte_identical_across_runs() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let r = fixture();
    write_all(a.path(), &r, &all_formats()).unwrap();
    write_all(b.path(), &r, &all_formats()).unwrap();
    for name in names(a.path()) {
        assert_eq!(
            fs::read(a.path().join(&name)).unwrap(),
            fs::read(b.path().join(&name)).unwrap(),
            "{name}"
        );
    }
}

/// The JSON embedded in a rendered page, parsed back.
fn page_data(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"parallax-data\">";
    let from = html.find(open).expect("data element") + open.len();
    let to = from + html[from..].find("</script>").expect("data element closed");
    serde_json::from_str(&html[from..to]).expect("valid JSON")
}

#[test]
fn html_escapes_outside_text_and_embeds_the_data_once() {
    let html = html::render(&fixture(), &OutputOptions::default());
    // Outside text never reaches the page as markup: the title's script tag
    // is a \u003c escape inside the JSON, the problem path is HTML-escaped.
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    assert!(html.contains("bad&lt;1&gt;.txt"));
    assert!(html.contains("<p class=\"note\">Large copy &lt;groups&gt;</p>"));
    // Self-contained: nothing fetched from elsewhere; the data element and
    // our one script; the script never parses data as HTML.
    assert!(!html.contains("src="));
    assert!(!html.contains("<link"));
    assert_eq!(html.matches("<script").count(), 2);
    assert!(!html.contains("innerHTML"));
    assert!(html.contains("<input type=\"search\""));
    let data = page_data(&html);
    let strings = data["s"].as_array().unwrap();
    let st = |v: &serde_json::Value| strings[v.as_u64().unwrap() as usize].as_str().unwrap();
    let docs = data["docs"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0][1], "<script>alert(1)</script>");
    assert_eq!(st(&docs[0][3]), "=HYPERLINK(\"http://x\")");
    // The pair knows its passage by offsets into both texts.
    let p = &data["passages"][0];
    assert_eq!(p[4], serde_json::json!([6, 21, 6, 21]));
    assert_eq!(p[1], 0, "the passage points at its pair");
    assert_eq!(data["pairs"][0][8], 0, "likely source: the pair's first document");
    // Each text is embedded once: the two documents of the pair whole, no
    // excerpt of them for the evidence.
    let whole: Vec<u64> =
        data["x"].as_array().unwrap().iter().map(|x| x[0].as_u64().unwrap()).collect();
    assert_eq!(whole, vec![0, 1]);
    assert_eq!(html.matches("الساحل").count(), 2);
    // Evidence: the sentence once, the hit at its code-point place in the
    // document (the script cuts the sentence from the embedded text).
    let ev = &data["ev"][0];
    assert_eq!((st(&ev[1]), ev[2].as_u64()), ("security", Some(1)));
    let sentence = &ev[4][0];
    let h = &sentence[4][0];
    let (a, b) = (h[0].as_u64().unwrap() as usize, h[1].as_u64().unwrap() as usize);
    let doc = ev[0].as_u64().unwrap() as usize;
    let text = data["x"][doc][1].as_str().unwrap();
    assert_eq!(text.chars().skip(a).take(b - a).collect::<String>(), "أمنية");
    assert!(
        sentence[0].as_u64().unwrap() as usize <= a && b <= sentence[1].as_u64().unwrap() as usize
    );
    // Settings come last; timings only on request (they break
    // byte-identical output).
    assert!(html.find("id=\"settings\"").unwrap() > html.find("id=\"groups\"").unwrap());
    assert!(!html.contains(">align<"));
    let with =
        html::render(&fixture(), &OutputOptions { show_timings: true, ..OutputOptions::default() });
    assert!(with.contains("<td>align</td>"));
}

#[test]
fn html_sections_follow_the_tables_asked_for() {
    let opts = OutputOptions { tables: TableKind::DUPS.to_vec(), ..OutputOptions::default() };
    let data = page_data(&html::render(&fixture(), &opts));
    assert_eq!(data["show"]["pairs"], true);
    assert_eq!(data["show"]["evidence"], false);
    assert_eq!(data["ev"], serde_json::json!([]));
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_has_every_sheet_rtl_and_no_formula() {
    let td = tempfile::tempdir().unwrap();
    let opts = OutputOptions {
        formats: Formats { csv: false, xlsx: true, html: false, json: false, parquet: false },
        ..OutputOptions::default()
    };
    write_all(td.path(), &fixture(), &opts).unwrap();
    let bytes = fs::read(td.path().join(XLSX_FILE)).unwrap();
    let wb = zip_entry(&bytes, "xl/workbook.xml");
    let mut pos = 0;
    for k in TableKind::ALL {
        let tag = format!("<sheet name=\"{}\"", k.name());
        let at = wb.find(&tag).unwrap_or_else(|| panic!("sheet {} missing", k.name()));
        assert!(at >= pos, "sheets in table order");
        pos = at;
    }
    for i in 1..=TableKind::ALL.len() {
        let sheet = zip_entry(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(!sheet.contains("<f>"), "sheet{i} has a formula");
        assert!(sheet.contains("rightToLeft=\"1\""), "sheet{i} is right-to-left");
        assert!(sheet.contains("<pane "), "sheet{i} has frozen panes");
    }
    let strings: String = (1..=TableKind::ALL.len())
        .map(|i| zip_entry(&bytes, &format!("xl/worksheets/sheet{i}.xml")))
        .collect();
    assert!(
        strings.contains("t=\"inlineStr\"><is><t>=HYPERLINK(\"http://x\")</t>"),
        "text kept as is, as a string"
    );
    assert!(strings.contains("<t>الجزائر، \"واشنطن\"</t>"));
    // The negative stance score is a number.
    let stance = zip_entry(&bytes, "xl/worksheets/sheet10.xml");
    assert!(stance.contains("<v>-0.5</v>"), "{stance}");
}

/// A passage between two real seed articles, at code-point offsets found
/// the way a Python user would (`text[start:end]`).
#[test]
fn seed_passage_offsets_are_code_points_in_csv_and_html() {
    let text = |i: usize| String::from_utf8(crate::seeds::SEEDS[i].1.to_vec()).unwrap();
    let (a, b) = (text(0), text(1));
    let phrase = "بين الجزائر والولايات المتحدة";
    let cp = |t: &str| t[..t.find(phrase).unwrap()].chars().count() as u64;
    let (a_start, b_start) = (cp(&a), cp(&b));
    let len = phrase.chars().count() as u64;
    let doc = |id: &str, t: &str| DocRow {
        doc_id: id.into(),
        language: "ar".into(),
        chars: t.chars().count() as u64,
        text: t.into(),
        ..DocRow::default()
    };
    let r = Results {
        documents: vec![doc("000", &a), doc("001", &b)],
        pairs: vec![PairRow {
            doc_a: "000".into(),
            doc_b: "001".into(),
            passages: 1,
            ..PairRow::default()
        }],
        passages: vec![PassageRow {
            passage: 7,
            doc_a: "000".into(),
            a_start,
            a_end: a_start + len,
            doc_b: "001".into(),
            b_start,
            b_end: b_start + len,
            a_text: phrase.into(),
            b_text: phrase.into(),
            kind: "verbatim".into(),
            copied_run: 2,
            recurs_in: 2,
            ..PassageRow::default()
        }],
        ..Results::default()
    };
    let data = page_data(&html::render(&r, &OutputOptions::default()));
    // The page carries both seed texts and the passage's code-point
    // offsets; the script slices them the same way (tested in a browser by
    // tests/browser.rs).
    let cut = |doc: u64, s: usize| -> String {
        let x = data["x"].as_array().unwrap().iter().find(|x| x[0] == doc).unwrap();
        let t = x[1].as_str().unwrap();
        let o = &data["passages"][0][4];
        let (from, to) = (o[s].as_u64().unwrap() as usize, o[s + 1].as_u64().unwrap() as usize);
        t.chars().skip(from).take(to - from).collect()
    };
    assert_eq!(cut(0, 0), phrase);
    assert_eq!(cut(1, 2), phrase);
    let td = tempfile::tempdir().unwrap();
    let opts = OutputOptions {
        bom: false,
        formats: Formats { csv: true, xlsx: false, html: false, json: false, parquet: false },
        tables: vec![TableKind::Passages],
        ..OutputOptions::default()
    };
    write_all(td.path(), &r, &opts).unwrap();
    let csv = fs::read_to_string(td.path().join("passages.csv")).unwrap();
    assert!(csv.ends_with(&format!(
        "7,000,{a_start},{},001,{b_start},{},0,0,0.000000,false,{phrase},{phrase},verbatim,2,2\r\n",
        a_start + len,
        b_start + len
    )));
}

#[test]
fn format_list_parses_and_rejects_unknown() {
    let f = Formats::parse("csv, HTML").unwrap();
    assert_eq!(f, Formats { csv: true, xlsx: false, html: true, json: false, parquet: false });
    assert!(Formats::parse("csv,pdf").unwrap_err().to_string().contains("pdf"));
    assert!(Formats::parse("").is_err());
}

#[test]
fn html_lists_stories_with_outlets_escaped() {
    let row = |story: u64, id: &str, title: &str, outlet: &str, cluster: Option<u64>| StoryRow {
        story,
        doc_id: id.into(),
        title: title.into(),
        outlet: outlet.into(),
        date: "2018-03-13".into(),
        cluster,
        size: if story == 1 { 3 } else { 2 },
        representative: "a".into(),
        representative_title: if story == 1 {
            "طرد <دبلوماسيين>".into()
        } else {
            "x".into()
        },
        ..StoryRow::default()
    };
    let r = Results {
        stories: vec![
            row(1, "a", "طرد <دبلوماسيين>", "AFP", Some(1)),
            row(1, "b", "Expulsions", "<b>BBC</b>", Some(1)),
            row(1, "c", "C", "CNN", None),
            row(2, "d", "D", "AL", None),
            row(2, "e", "E", "SK", None),
        ],
        documents: [("a", "AFP"), ("b", "<b>BBC</b>"), ("c", "CNN"), ("d", "AL"), ("e", "SK")]
            .iter()
            .map(|(id, outlet)| DocRow {
                doc_id: id.to_string(),
                outlet: outlet.to_string(),
                ..DocRow::default()
            })
            .collect(),
        ..Results::default()
    };
    let html = html::render(&r, &OutputOptions::default());
    assert!(!html.contains("<b>BBC</b>") && !html.contains("<دبلوماسيين>"));
    let data = page_data(&html);
    let strings = data["s"].as_array().unwrap();
    let st = |v: &serde_json::Value| strings[v.as_u64().unwrap() as usize].as_str().unwrap();
    let stories = data["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2);
    // [number, size, representative, its title when not a listed document, members]
    assert_eq!((stories[0][0].as_u64(), stories[0][1].as_u64()), (Some(1), Some(3)));
    assert_eq!(stories[0][4], serde_json::json!([0, 1, 2]));
    assert_eq!(stories[1][4], serde_json::json!([3, 4]));
    let outlets: Vec<&str> = data["docs"].as_array().unwrap().iter().map(|d| st(&d[3])).collect();
    assert_eq!(outlets[1], "<b>BBC</b>", "kept as text, escaped inside the JSON");
    assert!(html.contains("\\u003cb\\u003eBBC"));
    // Each outlet's framing beside the story's others: what it adds.
    let f = |outlet: &str, measure: &str, key: &str, change: &str| StoryFramingRow {
        story: 1,
        outlet: outlet.into(),
        measure: measure.into(),
        key: key.into(),
        value: 12.5,
        rest_value: Some(0.0),
        change: change.into(),
        ..StoryFramingRow::default()
    };
    let r = Results {
        story_framing: vec![
            f("AFP", "frame", "security", "adds"),
            f("AFP", "frame", "economy", ""),
            f("<i>BBC</i>", "distance", "AFP", ""),
        ],
        ..r
    };
    let data = page_data(&html::render(&r, &OutputOptions::default()));
    let strings = data["s"].as_array().unwrap();
    let st = |v: &serde_json::Value| strings[v.as_u64().unwrap() as usize].as_str().unwrap();
    let rows = data["stories"][0][5].as_array().unwrap();
    let read: Vec<(String, String, String)> = rows
        .iter()
        .map(|f| (st(&f[0]).to_string(), st(&f[1]).to_string(), st(&f[2]).to_string()))
        .collect();
    // An unchanged frame is left to the CSV; a distance is always shown.
    assert_eq!(
        read,
        vec![
            ("AFP".to_string(), "frame".to_string(), "security".to_string()),
            ("<i>BBC</i>".to_string(), "distance".to_string(), "AFP".to_string()),
        ]
    );
    assert_eq!(rows[0][3], 12.5);
}

/// The results of a whole run over the bundled seeds (every table filled;
/// retold passages listed; matrices, or related pairs in long form when
/// `matrix_limit` is below the seven seeds).
fn seed_results(matrix_limit: usize) -> Results {
    seed_results_with(matrix_limit, false, false)
}

/// [`seed_results`], the evidence and related rows streamed when `stream`,
/// the texts set aside in a temporary file before the analysis when
/// `aside`.
fn seed_results_with(matrix_limit: usize, stream: bool, aside: bool) -> Results {
    use crate::doc::{Corpus, Document};
    use crate::normalize::Normalizer;
    use crate::score::{Lexicon, Scorer};
    let mut docs: Vec<Document> = crate::seeds::documents();
    // A reprint, so that there is a cluster.
    let reprint = format!("{}\nReprinted.", docs[3].text);
    docs.push(Document { id: "zz-reprint".into(), text: reprint, ..docs[3].clone() });
    let mut corpus = Corpus::new(docs);
    if aside {
        corpus.set_texts_aside().unwrap();
        assert!(corpus.docs().iter().all(|d| d.text.is_empty()));
    }
    let mut opts =
        crate::config::Config::default().pipeline_options(crate::pipeline::Stages::ALL).unwrap();
    opts.min_copied_run = 0;
    opts.matrix_limit = matrix_limit;
    let scorer = Scorer::new(&Lexicon::default_lexicon(), &Normalizer::default()).unwrap();
    let analysis =
        crate::pipeline::analyse(&corpus, &opts, Some(&scorer), &crate::pipeline::Silent)
            .unwrap()
            .0;
    if stream {
        super::rows::results_streamed(corpus, analysis, true).unwrap()
    } else {
        super::rows::results(&corpus, analysis, true).unwrap()
    }
}

/// Rows streamed from the typed analysis write the same bytes as rows made
/// at once, in every format that reads them (CSV, XLSX, HTML, Parquet),
/// with related pairs as a matrix and in long form; and so do the rows of
/// an analysis that read every text back from the temporary file they were
/// set aside in (the way the command runs).
#[test]
fn streamed_rows_and_texts_set_aside_write_the_same_files() {
    for (limit, aside) in [(100, false), (1, false), (100, true), (1, true)] {
        let made = seed_results(limit);
        let streamed = seed_results_with(limit, true, aside);
        // The page reads the texts it shows from the temporary file.
        assert!(streamed.texts.are_aside());
        assert!(streamed.documents.iter().all(|d| d.text.is_empty()));
        assert!(streamed.evidence.is_empty() && streamed.related_pairs.is_empty());
        assert!(streamed.evidence_len() > 50, "{}", streamed.evidence_len());
        assert_eq!(streamed.evidence_len(), made.evidence.len());
        assert_eq!(streamed.related_len(), made.related_pairs.len());
        if limit == 1 {
            assert!(streamed.related_len() > 0);
        }
        let mut opts = all_formats();
        opts.formats.json = false;
        opts.formats.parquet = cfg!(feature = "parquet");
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        write_all(a.path(), &made, &opts).unwrap();
        write_all(b.path(), &streamed, &opts).unwrap();
        let files = names(a.path());
        assert_eq!(files, names(b.path()));
        assert!(files.iter().any(|f| f == "evidence.csv") && files.iter().any(|f| f == HTML_FILE));
        for f in files {
            let (x, y) =
                (fs::read(a.path().join(&f)).unwrap(), fs::read(b.path().join(&f)).unwrap());
            assert!(x == y, "{f} differs (limit {limit}, aside {aside})");
        }
    }
}

/// The whole results, texts included (the JSON dump's rows), are the same
/// whether the analysis read the texts from memory or from the temporary
/// file.
#[test]
fn texts_set_aside_give_the_same_results() {
    for limit in [100, 1] {
        let (made, aside) = (seed_results(limit), seed_results_with(limit, false, true));
        assert!(made.documents.iter().all(|d| !d.text.is_empty()));
        let json = |r: &Results| serde_json::to_string(r).unwrap();
        assert_eq!(json(&made), json(&aside), "limit {limit}");
    }
}

/// Every cell of every table is of the type its column declares (the
/// Parquet schema and the Python columns rely on it), on a real run.
#[test]
fn every_cell_has_its_column_type() {
    let mut cells = 0;
    let runs = [(100, seed_results(100)), (1, seed_results(1))];
    for ((limit, r), kind) in runs.iter().flat_map(|lr| TableKind::ALL.map(|k| (lr, k))) {
        let Some(t) = table::build(kind, r) else {
            assert!(kind.is_matrix() && *limit == 1, "{kind:?} absent");
            continue;
        };
        assert_eq!(t.types.len(), t.header.len(), "{kind:?}");
        assert!(t.len > 0, "{kind:?} has rows on the seeds");
        for i in 0..t.len {
            let row = t.row(i);
            assert_eq!(row.len(), t.types.len(), "{kind:?} row {i}");
            for (c, (cell, ty)) in row.iter().zip(&t.types).enumerate() {
                assert!(ty.admits(cell), "{kind:?} row {i} column {}: {cell:?}", t.header[c]);
                cells += usize::from(!matches!(cell, table::Cell::Empty));
            }
        }
    }
    assert!(cells > 1000, "{cells}");
}
