//! Ingest through the CLI: hostile folders, --strict, metadata.

use crate::util::Workdir;

fn hostile(wd: &Workdir) {
    let good = std::fs::read(crate::util::seeds_dir().join("000_4a9ff38471bb20bb.txt")).unwrap();
    wd.write("in/good.txt", &good);
    wd.write("in/junk.txt", (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<u8>>());
    let mut broken = good.clone();
    broken.splice(100..100, [0xC3, 0x28, 0xFF, 0xFE, 0x00, 0x80]);
    wd.write("in/broken.txt", broken);
    wd.write("in/empty.txt", "");
    wd.write("in/scan.pdf", b"%PDF-1.4 not an article format");
    wd.write("in/long.txt", "كلمة ".repeat(6 * 1024 * 1024 / 9));
    wd.write(
        "in/feed.jsonl",
        "{\"id\":\"j1\",\"text\":\"نص أول\"}\n{broken\n{\"id\":\"j3\",\"text\":\"نص ثالث\"}\n",
    );
}

#[test]
fn hostile_folder_is_processed_and_each_problem_named() {
    let wd = Workdir::new();
    hostile(&wd);
    let out = wd.run_ok(&["dups", "in", "-o", "out"]);
    let err = String::from_utf8_lossy(&out.stderr);
    for name in ["junk.txt", "broken.txt", "empty.txt", "feed.jsonl:2"] {
        assert!(err.contains(name), "stderr should name {name}:\n{err}");
    }
    // Files of other types are not errors, but the user is told.
    assert!(err.contains("1 files passed over for their extension"), "{err}");
    assert!(err.contains("scan.pdf"), "{err}");
    let docs = wd.csv("out/documents.csv");
    let ids: Vec<String> = docs.rows.iter().map(|r| r[0].clone()).collect();
    assert!(ids.contains(&"good.txt".to_string()), "{ids:?}");
    assert!(ids.contains(&"long.txt".to_string()), "{ids:?}");
    assert!(ids.contains(&"j1".to_string()) && ids.contains(&"j3".to_string()), "{ids:?}");
}

#[test]
fn strict_stops_before_writing_anything() {
    let wd = Workdir::new();
    hostile(&wd);
    let out = wd.run_err(&["dups", "in", "-o", "out", "--strict"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!wd.join("out").exists(), "--strict must not write outputs");
    assert!(String::from_utf8_lossy(&out.stderr).contains("in/"));
}

#[test]
fn dates_and_metadata_reach_documents_csv() {
    let wd = Workdir::new();
    wd.seeds("s");
    wd.write(
        "s/feed.jsonl",
        "{\"id\":\"rec-1\",\"text\":\"Le partenariat stratégique entre Alger et Washington.\",\"title\":\"=HYPERLINK(1)\",\"date\":\"2025-01-22\",\"outlet\":\"X\",\"lang\":\"fr\"}\n",
    );
    wd.run_ok(&["dups", "s", "-o", "out", "-q"]);
    let t = wd.csv("out/documents.csv");
    let recs = t.records();
    let seed3 = recs.iter().find(|r| r["doc_id"].starts_with("003_")).unwrap();
    assert_eq!(seed3["date"], "2025-09-23");
    assert_eq!(seed3["encoding"], "UTF-8");
    assert_eq!(seed3["language"], "ar");
    let rec = recs.iter().find(|r| r["doc_id"] == "rec-1").unwrap();
    assert_eq!(rec["outlet"], "X");
    assert_eq!(rec["language"], "fr");
    // A title that looks like a formula is neutralised.
    assert_eq!(rec["title"], "'=HYPERLINK(1)");
}

#[test]
fn stdin_is_one_document() {
    let wd = Workdir::new();
    let mut child = wd
        .command(&["normalize", "--tsv", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("السفير الجزائري".as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 3);
}

#[test]
fn file_size_limit_names_the_file_and_the_flag() {
    let wd = Workdir::new();
    wd.seeds("s");
    let rec = "{\"id\":\"r1\",\"text\":\"نص المقال الأول عن الشراكة\"}\n";
    wd.write("s/feed.jsonl", rec.repeat(400));
    // A record file is not held to the single-document limit...
    let out = wd.run_ok(&["dups", "s", "-o", "out", "--max-file-size", "1M"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("duplicate id r1"));
    // ...and the flag lowers both limits; the message says what to do.
    let out = wd.run_ok(&["dups", "s", "-o", "out2", "--max-file-size", "16K"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("feed.jsonl: file is") && err.contains("--max-file-size"), "{err}");
    let ids: Vec<String> = wd.csv("out2/documents.csv").rows.iter().map(|r| r[0].clone()).collect();
    assert!(!ids.iter().any(|i| i == "r1"), "{ids:?}");
    let out = wd.run_err(&["dups", "s", "-o", "out3", "--max-file-size", "lots"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-file-size \"lots\""));
}
