//! Crash safety: a writer process is SIGKILLed at arbitrary moments; every
//! batch must then be in the archive whole or not at all, and the file must
//! pass `PRAGMA integrity_check`.
//!
//! The writer is this test binary itself, re-executed to run only the
//! ignored test [`crash_writer_child`] with `PARALLAX_CRASH_DB` set.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use super::store::tests::{params, record};
use super::Archive;

const ENV_DB: &str = "PARALLAX_CRASH_DB";
const CHILD_TEST: &str = "index::crash_tests::crash_writer_child";
const MARKER: &str = "PARALLAX-FIRST-COMMIT";
/// Records per batch (plus the `latest` record, replaced by every batch).
const PER_BATCH: i64 = 40;

/// The last batch whose `latest` record was committed, 0 if none.
fn last_batch(a: &Archive) -> u64 {
    let latest = a.get("latest").ok().flatten();
    latest.and_then(|r| r.doc.text.strip_prefix("batch ")?.parse().ok()).unwrap_or(0)
}

/// The writer: adds batches until killed. Each batch `b` holds `PER_BATCH`
/// records with source `batch:b`, and replaces `latest` (text `batch b`,
/// band keys all `b`).
#[test]
#[ignore = "run by crash_safety as a child process"]
fn crash_writer_child() {
    let Some(db) = std::env::var_os(ENV_DB) else { return };
    let mut a = Archive::create_or_open(Path::new(&db), &params()).unwrap();
    let body = "الجزائر ".repeat(150);
    let start = last_batch(&a) + 1;
    for b in start..start + 100_000 {
        let mut batch: Vec<_> = (0..PER_BATCH as u64)
            .map(|i| {
                let mut r =
                    record(&format!("b{b}-{i}"), &format!("{body} {b} {i}"), [b, i, b ^ i, 7]);
                r.doc.source = format!("batch:{b}");
                r
            })
            .collect();
        batch.push(record("latest", &format!("batch {b}"), [b; 4]));
        a.add_batch(&batch).unwrap();
        if b == start {
            println!("{MARKER}");
        }
    }
}

/// Checks the archive after a kill; returns the number of whole batches.
fn check(db: &Path) -> u64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    drop(conn);
    let (a, _) = Archive::open_existing(db).unwrap();
    let last = last_batch(&a);
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare("SELECT source, count(*) FROM docs WHERE source LIKE 'batch:%' GROUP BY source")
        .unwrap();
    let counts: Vec<(String, i64)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    for (source, n) in &counts {
        assert_eq!(*n, PER_BATCH, "{source} is partial");
    }
    // Batches 1..=last are all there, none after: `latest` and the batch
    // records of one batch committed together.
    assert_eq!(counts.len() as u64, last, "{counts:?}");
    let s = a.stats().unwrap();
    assert_eq!(s.band_rows, 4 * s.documents, "band rows of old versions were left behind");
    if last > 0 {
        let c = a.candidates(&[last; 4]).unwrap();
        assert!(c.iter().any(|c| c.id == "latest" && c.bands == 4), "{c:?}");
    }
    last
}

#[cfg(unix)]
#[test]
fn crash_safety() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let exe = std::env::current_exe().unwrap();
    let mut before = 0;
    for delay_ms in [0, 7, 23, 60, 110, 170, 260] {
        let mut child = Command::new(&exe)
            .args(["--exact", CHILD_TEST, "--ignored", "--nocapture", "--test-threads=1"])
            .env(ENV_DB, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the writer has committed once, then let it run for
        // `delay_ms` before killing it (SIGKILL: no cleanup at all).
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let started = lines.any(|l| l.map(|l| l.contains(MARKER)).unwrap_or(false));
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(started, "the writer exited before committing a batch");
        let after = check(&db);
        assert!(after > before, "the writer's first batch ({}) was lost", before + 1);
        before = after;
    }
}
