//! Tests of the whole ingest path: encodings of the seeds, the fixture
//! folder, records, hostile folders, strict mode and duplicate ids.

use std::fs;
use std::path::{Path, PathBuf};

use encoding_rs::WINDOWS_1256;
use rand::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest")
}

fn read(inputs: &[Input], opts: &IngestOptions) -> Ingested {
    match ingest(inputs, opts) {
        Ok(got) => got,
        Err(e) => panic!("ingest failed: {e}"),
    }
}

fn path(p: &Path) -> Input {
    Input::Path(p.to_path_buf())
}

fn seed_text(i: usize) -> &'static str {
    std::str::from_utf8(crate::seeds::SEEDS[i].1).expect("seeds are UTF-8")
}

/// The problem whose path ends with `suffix`, shown as `path:line: reason`.
fn problem_for<'a>(got: &'a Ingested, suffix: &str) -> &'a Problem {
    got.problems
        .iter()
        .find(|p| p.path.ends_with(suffix))
        .unwrap_or_else(|| panic!("no problem for {suffix}: {:?}", got.problems))
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for unit in text.encode_utf16() {
        out.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
    }
    out
}

#[test]
fn every_encoding_of_every_seed_decodes_to_the_same_text() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (name, _)) in crate::seeds::SEEDS.iter().enumerate() {
        let text = seed_text(i);
        let (cp1256, _, unmappable) = WINDOWS_1256.encode(text);
        assert!(!unmappable, "{name} fits windows-1256");
        let variants: [(&str, Vec<u8>); 5] = [
            ("UTF-8", text.as_bytes().to_vec()),
            ("UTF-8-BOM", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()),
            ("UTF-16LE", utf16(text, false)),
            ("UTF-16BE", utf16(text, true)),
            ("windows-1256", cp1256.into_owned()),
        ];
        for (label, bytes) in variants {
            let sub = dir.path().join(label);
            fs::create_dir_all(&sub).unwrap();
            fs::write(sub.join(name), bytes).unwrap();
        }
    }
    let got = read(&[path(dir.path())], &IngestOptions::default());
    assert!(got.problems.is_empty(), "{:?}", got.problems);
    assert_eq!(got.docs.len(), 25);
    for doc in &got.docs {
        let (label, name) = doc.id.split_once('/').unwrap();
        let i = crate::seeds::SEEDS.iter().position(|(n, _)| *n == name).unwrap();
        assert_eq!(doc.encoding, label, "{}", doc.id);
        assert!(doc.text == seed_text(i), "{} decodes to the seed text", doc.id);
    }
    // Sorted walk: folder by folder, names in byte order.
    assert_eq!(got.docs[0].id, "UTF-16BE/000_4a9ff38471bb20bb.txt");
    assert_eq!(got.docs[24].id, "windows-1256/004_94536d5c27f008d4.txt");
}

#[test]
fn seeds_decode_like_files_and_seed_003_has_its_date() {
    let got = read(&[Input::Seeds], &IngestOptions::default());
    assert_eq!(got.files_read, 5);
    let ids: Vec<&str> = got.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, crate::seeds::SEEDS.iter().map(|(n, _)| *n).collect::<Vec<_>>());
    let d3 = &got.docs[3];
    assert_eq!(d3.source, "seeds/003_ccc08362114acaf6.txt");
    assert_eq!(d3.date.as_deref(), Some("2025-09-23"));
    assert!(d3.text.starts_with(" date 2025-09-23 - "), "text kept unchanged");
    assert!(got.docs.iter().all(|d| d.encoding == "UTF-8" && d.title.is_none()));
    assert_eq!(got.docs.iter().filter(|d| d.date.is_some()).count(), 1);
}

#[test]
fn fixture_folder_walk_order_ids_and_skips() {
    let root = fixtures().join("corpus");
    let got = read(&[path(&root)], &IngestOptions::default());
    let ids: Vec<&str> = got.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["a.txt", "r1", "records.jsonl:5", "sub/b.md", "sub/c.html", "t1", "t2"],
        "walk order, then record order"
    );
    assert_eq!(got.skipped.len(), 1);
    assert!(got.skipped[0].ends_with("notes.rtf"));
    assert_eq!(got.files_read, 5, "hidden entries are not read");
    assert!(got.docs.iter().all(|d| !d.text.contains("hidden")));

    let by_id = |id: &str| got.docs.iter().find(|d| d.id == id).unwrap();
    let b = by_id("sub/b.md");
    assert_eq!(b.title.as_deref(), Some("Accord gazier entre Alger et Rome"));
    assert!(b.text.starts_with("# Accord"));
    assert_eq!(b.source, root.join("sub/b.md").to_string_lossy());

    let c = by_id("sub/c.html");
    assert_eq!(c.title.as_deref(), Some("زيارة رسمية"));
    assert_eq!(c.text, "استقبل الوزير نظيره \"الجزائري\" يوم الثلاثاء.");
    assert_eq!(c.language.as_deref(), Some("ar"));
}

#[test]
fn jsonl_records_and_their_problems_by_line() {
    let file = fixtures().join("corpus/records.jsonl");
    let got = read(&[path(&file)], &IngestOptions::default());
    assert_eq!(got.docs.len(), 2);
    let r1 = &got.docs[0];
    assert_eq!(r1.id, "r1");
    assert_eq!(r1.source, format!("{}:1", file.to_string_lossy()));
    assert_eq!(r1.date.as_deref(), Some("2025-01-05T10:00:00"), "the time is kept");
    assert_eq!(r1.outlet.as_deref(), Some("Daily Example"), "`source` as outlet");
    assert_eq!(r1.language.as_deref(), Some("en"));
    assert_eq!(r1.title.as_deref(), Some("Arrival"));
    let r5 = &got.docs[1];
    assert_eq!(r5.id, "records.jsonl:5", "file name (given directly) + line");
    assert_eq!(r5.text, "Un article sans id, texte dans content.");
    assert_eq!(r5.url.as_deref(), Some("https://example.org/x"));

    let lines: Vec<Option<u64>> = got.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(3), Some(4), Some(6)], "{:?}", got.problems);
    assert!(got.problems[0].reason.to_string().starts_with("invalid JSON"));
    assert!(got.problems[1].reason.to_string().starts_with("no text"));
    assert!(got.problems[2].reason.to_string().contains("expected a JSON object, found an array"));
    let shown = got.problems[0].to_string();
    assert!(shown.ends_with(&format!("records.jsonl:3: {}", got.problems[0].reason)), "{shown}");
}

#[test]
fn csv_rows_custom_columns_and_a_missing_text_column() {
    let table = fixtures().join("corpus/table.csv");
    let got = read(&[path(&table)], &IngestOptions::default());
    assert_eq!(got.docs.len(), 2);
    assert_eq!(got.docs[0].text, "Texte du premier article, avec une virgule.");
    assert_eq!(got.docs[0].outlet.as_deref(), Some("Le Quotidien"));
    assert_eq!(got.docs[1].text, "Texte sur\ndeux lignes.");
    assert_eq!(got.docs[1].outlet, None);
    assert_eq!(got.docs[1].source, format!("{}:3", table.to_string_lossy()));
    assert_eq!(got.problems.len(), 1);
    assert_eq!(got.problems[0].line, Some(5));
    assert_eq!(got.problems[0].reason.to_string(), "text cell: empty text");

    let custom = fixtures().join("custom_cols.csv");
    let got = read(&[path(&custom)], &IngestOptions::default());
    assert!(got.docs.is_empty());
    assert_eq!(
        got.problems[0].reason.to_string(),
        "no `text` column (columns: uid, headline, body, published); set text_col=NAME"
    );

    let opts = IngestOptions {
        text_col: "body".into(),
        id_col: "uid".into(),
        title_col: "Headline".into(),
        date_col: "published".into(),
        ..IngestOptions::default()
    };
    let got = read(&[path(&custom)], &opts);
    assert!(got.problems.is_empty(), "{:?}", got.problems);
    let ids: Vec<&str> = got.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["k-1", "k-2"]);
    assert_eq!(got.docs[0].title.as_deref(), Some("Titre un"));
    assert_eq!(got.docs[0].date.as_deref(), Some("2024-03-01"));
    assert_eq!(got.docs[1].date.as_deref(), Some("01/03/2024"));
}

/// A folder of everything that goes wrong in real corpora.
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
    let mut junk = vec![0u8; 4096];
    rng.fill_bytes(&mut junk);
    fs::write(p.join("junk.txt"), &junk).unwrap();
    // Junk without NUL bytes: caught by the control-character share or by
    // the refusal of multi-byte guesses.
    let no_nul: Vec<u8> = junk.iter().map(|&b| b.max(1)).collect();
    fs::write(p.join("junk_no_nul.txt"), &no_nul).unwrap();
    // Two bad bytes, each inserted at a character boundary.
    let text = seed_text(0);
    let boundary = |from: usize| (from..).find(|&i| text.is_char_boundary(i)).unwrap();
    let (first, second) = (boundary(100), boundary(2000));
    let mut broken = text.as_bytes().to_vec();
    broken.insert(second, 0xFF);
    broken.insert(first, 0xC3);
    fs::write(p.join("broken_utf8.txt"), &broken).unwrap();
    fs::write(p.join("empty.txt"), b"").unwrap();
    fs::write(p.join("blank.md"), b" \n\t\n").unwrap();
    let big = "كلمة word ".repeat(6_000_000 / "كلمة word ".len());
    fs::write(p.join("big_line.txt"), &big).unwrap();
    fs::write(p.join("feed.jsonl"), "{\"id\": \"ok\", \"text\": \"fine\"}\n{\"id\": \"bad\", \n")
        .unwrap();
    fs::write(p.join("nul_record.jsonl"), "{\"text\": \"a\\u0000b\"}\n").unwrap();
    fs::write(p.join("page.html"), "<html><script>x()</script></html>").unwrap();
    let deep = format!("{}x{}", "<div><b>".repeat(50_000), "</b></div>".repeat(50_000));
    fs::write(p.join("deep.html"), deep).unwrap();
    fs::write(p.join("bad_utf16.txt"), [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8]).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.join("missing-target.txt"), p.join("dangling.txt")).unwrap();
    dir
}

#[test]
fn hostile_folder_is_read_without_panic_and_each_problem_is_named() {
    let dir = hostile_folder();
    let got = read(&[path(dir.path())], &IngestOptions::default());
    let ids: Vec<&str> = got.docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["big_line.txt", "ok"]);
    assert!(got.docs[0].text.len() > 5_900_000);

    let reason = |suffix: &str| problem_for(&got, suffix).reason.to_string();
    assert!(reason("/junk.txt").starts_with("binary data (NUL byte"), "{}", reason("/junk.txt"));
    let r = reason("junk_no_nul.txt");
    assert!(r.contains("binary") || r.contains("garbled"), "{r}");
    let r = reason("broken_utf8.txt");
    assert!(r.starts_with("invalid UTF-8 at byte 10") && r.contains("(2 broken"), "{r}");
    assert_eq!(reason("empty.txt"), "empty file");
    assert_eq!(reason("blank.md"), "no text (only whitespace)");
    assert_eq!(problem_for(&got, "feed.jsonl").line, Some(2));
    assert!(reason("feed.jsonl").starts_with("invalid JSON"));
    assert!(reason("nul_record.jsonl").contains("NUL"));
    assert_eq!(reason("page.html"), "no visible text in the HTML body");
    assert!(reason("deep.html").starts_with("HTML nested about 100000 elements deep"));
    assert!(reason("bad_utf16.txt").contains("not valid UTF-16LE"));
    #[cfg(unix)]
    assert_eq!(reason("dangling.txt"), "cannot read: broken symbolic link");
    let expected = if cfg!(unix) { 11 } else { 10 };
    assert_eq!(got.problems.len(), expected, "{:#?}", got.problems);
}

#[test]
fn strict_mode_stops_at_the_first_problem_naming_the_file() {
    let dir = hostile_folder();
    let opts = IngestOptions { strict: true, ..IngestOptions::default() };
    let err = ingest(&[path(dir.path())], &opts).unwrap_err().to_string();
    // Sorted walk: bad_utf16.txt is the first bad file.
    assert!(err.contains("bad_utf16.txt: "), "{err}");
    assert!(err.contains("not valid UTF-16LE"), "{err}");
}

#[test]
fn duplicate_ids_keep_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    fs::write(&feed, "{\"id\": \"x\", \"text\": \"one\"}\n{\"id\": \"x\", \"text\": \"two\"}\n")
        .unwrap();
    let got = read(&[path(&feed)], &IngestOptions::default());
    assert_eq!(got.docs.len(), 1);
    assert_eq!(got.docs[0].text, "one");
    let p = &got.problems[0];
    assert_eq!(p.line, Some(2));
    assert_eq!(
        p.reason.to_string(),
        format!("duplicate id x, first seen in {}:1; rename or set id_col", feed.display())
    );
    // The same file twice: the second copy is the duplicate.
    let txt = dir.path().join("a.txt");
    fs::write(&txt, "texte").unwrap();
    let got = read(&[path(&txt), path(&txt)], &IngestOptions::default());
    assert_eq!(got.docs.len(), 1);
    assert!(got.problems[0].reason.to_string().starts_with("duplicate id a.txt"));
}

#[test]
fn explicit_files_missing_paths_and_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("article.text");
    fs::write(&odd, "date: 2024-02-29\nUn texte.").unwrap();
    let got = read(&[path(&odd)], &IngestOptions::default());
    assert_eq!(got.docs[0].id, "article.text", "given by name: read as text");
    assert_eq!(got.docs[0].date.as_deref(), Some("2024-02-29"));

    let err = ingest(&[path(&dir.path().join("nope"))], &IngestOptions::default()).unwrap_err();
    assert!(err.to_string().ends_with("nope: no such file or folder"), "{err}");

    let opts = IngestOptions { max_file_bytes: 8, ..IngestOptions::default() };
    let got = read(&[path(&odd)], &opts);
    assert!(got.docs.is_empty());
    assert!(got.problems[0]
        .reason
        .to_string()
        .starts_with("file is 26 bytes, over the limit of 8 bytes"));
}

#[test]
fn legacy_html_follows_its_meta_charset() {
    let page = "<html><head><meta charset=\"windows-1256\"><title>خبر</title></head>\
                <body><p>نص الخبر</p></body></html>";
    let (bytes, _, _) = WINDOWS_1256.encode(page);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.htm");
    fs::write(&file, &bytes).unwrap();
    let got = read(&[path(&file)], &IngestOptions::default());
    assert_eq!(got.docs[0].encoding, "windows-1256");
    assert_eq!(got.docs[0].title.as_deref(), Some("خبر"));
    assert_eq!(got.docs[0].text, "نص الخبر");
}

#[test]
fn encoding_labels_for_the_cli() {
    assert_eq!(encoding_by_label("cp1256"), Some(WINDOWS_1256));
    assert_eq!(encoding_by_label("utf-16le").map(|e| e.name()), Some("UTF-16LE"));
    assert_eq!(encoding_by_label("nonsense"), None);
}

/// A file large enough to be read in parallel pieces comes back byte for
/// byte, and the size limit still holds for it.
#[test]
fn large_files_read_in_pieces_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.jsonl");
    let mut bytes = vec![0u8; 2 * PARALLEL_READ + 12_345];
    Xoshiro256PlusPlus::seed_from_u64(7).fill_bytes(&mut bytes);
    fs::write(&p, &bytes).unwrap();
    assert!(read_limited(&p, u64::MAX) == Ok(bytes.clone()), "bytes differ");
    let len = bytes.len() as u64;
    assert_eq!(read_limited(&p, len).map(|b| b.len()), Ok(bytes.len()));
    let err = read_limited(&p, len - 1).unwrap_err().to_string();
    assert!(err.contains(&format!("file is {len} bytes")), "{err}");
}

/// A pipe reports no size and cannot seek: it is read to its end.
#[cfg(unix)]
#[test]
fn pipes_are_read_whole() {
    let mut child = std::process::Command::new("sh")
        .args(["-c", "printf 'one\\ntwo\\n'"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let fd = child.stdout.take().unwrap();
    let dev = {
        use std::os::fd::AsRawFd;
        PathBuf::from(format!("/dev/fd/{}", fd.as_raw_fd()))
    };
    assert_eq!(read_limited(&dev, 100), Ok(b"one\ntwo\n".to_vec()));
    child.wait().unwrap();
}
