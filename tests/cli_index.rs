//! `parallax index add|query|stats`: the SQLite archive through the real
//! binary — finding a rewrite, idempotent adds, parameter checks, queries
//! beside a running add, and SIGKILL in the middle of an add.

use std::process::{Child, Stdio};
use std::time::Duration;

use crate::util::{cp_slice, seeds_dir, Workdir};

/// Documents per transaction in `index add` (src/cli/cmd/index.rs).
const BATCH: u64 = 500;

const SEED0: &str = "000_4a9ff38471bb20bb.txt";

fn seed(name: &str) -> String {
    std::fs::read_to_string(seeds_dir().join(name)).expect("seed")
}

/// A light rewrite of seed 000: spelling variants, a clitic, one added
/// sentence.
fn rewrite_of_000() -> String {
    seed(SEED0)
        .replace("الأمريكية", "الأميركية")
        .replace("واشنطن", "واشنطون")
        .replace("أكد", "وأكد")
        .replacen('.', ". وهذا خبر أضيف في النسخة المعادة.", 1)
}

/// `n` short synthetic articles as JSONL (ids `g00000`...), deterministic,
/// unrelated to one another: words drawn from a made-up Arabic vocabulary.
fn generated_jsonl(n: usize, salt: u64) -> String {
    const LETTERS: [char; 12] = ['ب', 'ت', 'ج', 'د', 'ر', 'س', 'ع', 'ف', 'ق', 'ل', 'م', 'ن'];
    let mut state = 0x9e37_79b9_7f4a_7c15u64 ^ salt;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = String::new();
    for i in 0..n {
        let words: Vec<String> = (0..40)
            .map(|_| {
                let len = 3 + (next() % 4) as usize;
                (0..len).map(|_| LETTERS[(next() % LETTERS.len() as u64) as usize]).collect()
            })
            .collect();
        out.push_str(&format!("{{\"id\": \"g{i:05}\", \"text\": \"{}.\"}}\n", words.join(" ")));
    }
    out
}

/// `documents` from `parallax index stats`.
fn documents(wd: &Workdir, db: &str) -> u64 {
    let out = wd.run_ok(&["index", "stats", "--db", db]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines()
        .find_map(|l| l.strip_prefix("documents"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no document count in:\n{text}"))
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn query_finds_a_rewrite_of_an_archived_seed_with_its_passages() {
    let wd = Workdir::new();
    wd.seeds("s");
    wd.run_ok(&["index", "add", "--db", "a.db", "s", "-q"]);
    let copy = rewrite_of_000();
    wd.write("new/copy.txt", &copy);
    wd.run_ok(&["index", "query", "--db", "a.db", "new", "-o", "out", "-q", "--format", "csv"]);
    let pairs = wd.csv("out/pairs.csv").records();
    let p = pairs
        .iter()
        .find(|r| r["doc_a"] == SEED0 && r["doc_b"] == "copy.txt")
        .unwrap_or_else(|| panic!("pair with 000 missing: {pairs:?}"));
    assert_eq!(p["verdict"], "near_duplicate");
    let j: f64 = p["jaccard"].parse().unwrap();
    assert!(j >= 0.8, "jaccard {j}");
    // Sorted, and every pair involves the new document.
    let keys: Vec<(&str, &str)> =
        pairs.iter().map(|r| (r["doc_a"].as_str(), r["doc_b"].as_str())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(keys.iter().all(|(a, b)| *a == "copy.txt" || *b == "copy.txt"), "{keys:?}");

    let orig = seed(SEED0);
    let passages = wd.csv("out/passages.csv").records();
    let mine: Vec<_> =
        passages.iter().filter(|r| r["doc_a"] == SEED0 && r["doc_b"] == "copy.txt").collect();
    assert_eq!(mine.len().to_string(), p["passages"]);
    assert!(!mine.is_empty());
    let mut covered = 0;
    for r in &mine {
        let n = |k: &str| r[k].parse::<usize>().unwrap();
        // Code-point offsets slice both texts to the reported passage text.
        assert_eq!(cp_slice(&orig, n("a_start"), n("a_end")), r["a_text"]);
        assert_eq!(cp_slice(&copy, n("b_start"), n("b_end")), r["b_text"]);
        covered += n("a_end") - n("a_start");
    }
    assert!(covered * 10 >= orig.chars().count() * 9, "passages cover {covered} code points");
    // Passage numbers run 1..=n over the file.
    let numbers: Vec<String> = passages.iter().map(|r| r["passage"].clone()).collect();
    let expected: Vec<String> = (1..=passages.len()).map(|i| i.to_string()).collect();
    assert_eq!(numbers, expected);
}

#[test]
fn same_content_is_a_no_op_and_new_content_replaces() {
    let wd = Workdir::new();
    wd.seeds("s");
    let first = wd.run_ok(&["index", "add", "--db", "a.db", "s"]);
    assert!(stdout(&first).contains("5 added, 0 replaced, 0 unchanged"), "{}", stdout(&first));
    let before = std::fs::read(wd.join("a.db")).unwrap().len();
    let again = wd.run_ok(&["index", "add", "--db", "a.db", "s"]);
    assert!(stdout(&again).contains("0 added, 0 replaced, 5 unchanged"), "{}", stdout(&again));
    assert_eq!(documents(&wd, "a.db"), 5);
    // Nothing was written to the main file (a checkpoint would show).
    assert_eq!(std::fs::read(wd.join("a.db")).unwrap().len(), before);

    // Same file, new content: replaced, count unchanged, and the archive
    // now answers with the new text. (The same name in another folder is
    // another article: see cli_io::same_relative_path_under_two_inputs.)
    wd.write(&format!("s/{SEED0}"), rewrite_of_000());
    let upd = wd.run_ok(&["index", "add", "--db", "a.db", "s"]);
    assert!(stdout(&upd).contains("0 added, 1 replaced, 4 unchanged"), "{}", stdout(&upd));
    assert_eq!(documents(&wd, "a.db"), 5);
    wd.write("q/copy.txt", rewrite_of_000());
    wd.run_ok(&["index", "query", "--db", "a.db", "q", "-o", "out", "-q", "--format", "csv"]);
    let pairs = wd.csv("out/pairs.csv").records();
    let p = pairs.iter().find(|r| r["doc_a"] == SEED0).expect("pair with the new 000");
    assert_eq!(p["jaccard"], "1.000000", "{p:?}");
}

#[test]
fn mismatched_parameters_are_a_clear_error() {
    let wd = Workdir::new();
    wd.seeds("s");
    wd.run_ok(&["index", "add", "--db", "a.db", "s", "-q"]);
    let out =
        wd.command(&["index", "add", "--db", "a.db", "s", "--num-perm", "64"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("num_perm=128") && err.contains("num_perm=64"), "{err}");
    assert!(
        err.contains(
            "settings (`parallax index stats --db FILE` lists them) or use a new --db file"
        ),
        "{err}"
    );
    let out = wd.command(&["index", "add", "--db", "a.db", "s", "--seed", "7"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("seed"));
    // Query and stats on a missing archive: an error, and no file created.
    let out = wd.command(&["index", "stats", "--db", "none.db"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such archive"));
    assert!(!wd.join("none.db").exists());
    // An add that reads nothing fails before creating an archive.
    std::fs::create_dir_all(wd.join("empty")).unwrap();
    let out = wd.command(&["index", "add", "--db", "b.db", "empty"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!wd.join("b.db").exists());
    assert_eq!(documents(&wd, "a.db"), 5);
}

/// Starts `index add` in the background.
fn spawn_add(wd: &Workdir, db: &str, input: &str) -> Child {
    wd.command(&["index", "add", "--db", db, input, "-q", "-j", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn index add")
}

#[test]
fn queries_succeed_while_an_add_is_running() {
    let wd = Workdir::new();
    wd.seeds("s");
    wd.run_ok(&["index", "add", "--db", "a.db", "s", "-q"]);
    wd.write("gen/g.jsonl", generated_jsonl(1500, 1));
    wd.write("q/copy.txt", rewrite_of_000());
    let mut add = spawn_add(&wd, "a.db", "gen");
    let (mut queries, mut overlapped) = (0, false);
    let status = loop {
        let out = wd.run_ok(&["index", "query", "--db", "a.db", "q", "-o", "out", "-q"]);
        drop(out);
        queries += 1;
        // Every answer still finds 000: the add never hides committed data.
        let pairs = wd.csv("out/pairs.csv").records();
        assert!(pairs.iter().any(|r| r["doc_a"] == SEED0), "query {queries}: {pairs:?}");
        let n = documents(&wd, "a.db");
        assert!(n == 5 || (n - 5).is_multiple_of(BATCH), "a reader saw a partial batch: {n}");
        match add.try_wait().unwrap() {
            Some(status) => break status,
            None => overlapped = true,
        }
    };
    assert!(status.success(), "index add failed beside the queries");
    assert!(overlapped, "the add finished before the first query did ({queries} queries)");
    assert_eq!(documents(&wd, "a.db"), 1505);
}

/// Checks an archive after a crash with the SQLite library directly.
fn check_consistent(wd: &Workdir, db: &str, total: u64) -> u64 {
    let n = documents(wd, db);
    let conn = rusqlite::Connection::open(wd.join(db)).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let docs: u64 = conn.query_row("SELECT count(*) FROM docs", [], |r| r.get(0)).unwrap();
    assert_eq!(docs, n);
    // Whole batches only (ids are added in sorted order, 500 per batch).
    assert!(docs.is_multiple_of(BATCH) || docs == total, "{docs} documents: a partial batch");
    let bands: u64 = conn
        .query_row("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'bands'", [], |r| r.get(0))
        .unwrap();
    let rows: u64 = conn.query_row("SELECT count(*) FROM bands", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, docs * bands, "band rows of a lost batch survived");
    docs
}

#[test]
fn sigkill_during_add_leaves_whole_batches() {
    let wd = Workdir::new();
    let total = 2200u64;
    wd.write("gen/g.jsonl", generated_jsonl(total as usize, 2));
    // Kill at several moments: while the archive is being created, right
    // after a batch commits (the next one is under way), and a little later.
    // Each run resumes the same archive (committed batches come back as
    // unchanged), so later kills land in later batches.
    let moments = [(0u64, 5u64), (1, 0), (BATCH, 15), (2 * BATCH, 40), (3 * BATCH, 0)];
    let mut seen = Vec::new();
    for (at_least, then_ms) in moments {
        let mut add = spawn_add(&wd, "a.db", "gen");
        while add.try_wait().unwrap().is_none() && committed(&wd, "a.db") < at_least {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(then_ms));
        let killed = add.try_wait().unwrap().is_none();
        if killed {
            add.kill().unwrap(); // SIGKILL on Unix
        }
        add.wait().unwrap();
        if has_params(&wd, "a.db") {
            seen.push((killed, check_consistent(&wd, "a.db", total)));
        }
    }
    assert!(
        seen.iter().any(|&(killed, n)| killed && n > 0 && n < total),
        "no kill landed in the middle of the add: {seen:?}"
    );
    // A last uninterrupted run completes the archive.
    let out = wd.run_ok(&["index", "add", "--db", "a.db", "gen"]);
    assert!(stdout(&out).contains("2200 documents in the archive"), "{}", stdout(&out));
    assert_eq!(check_consistent(&wd, "a.db", total), total);
}

/// Committed documents, read without creating or locking the file (0 while
/// the archive does not exist yet).
fn committed(wd: &Workdir, db: &str) -> u64 {
    use rusqlite::OpenFlags;
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(wd.join(db), OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM docs", [], |r| r.get(0)).unwrap_or(0)
}

/// True once the archive's parameters are committed (before that, a killed
/// add leaves an empty or schema-only file that `stats` rightly refuses).
fn has_params(wd: &Workdir, db: &str) -> bool {
    let Ok(conn) = rusqlite::Connection::open(wd.join(db)) else { return false };
    conn.query_row("SELECT count(*) FROM meta WHERE key = 'bands'", [], |r| r.get::<_, i64>(0))
        .map(|n| n > 0)
        .unwrap_or(false)
}
