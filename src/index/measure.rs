//! Measurements, not checks: bytes per archived document and
//! `candidates()` latency on a large synthetic archive. Ignored by default;
//! run with
//! `cargo test --lib index::measure -- --ignored --nocapture --test-threads=1`
//! (add `--release` for representative timings).

use std::path::Path;
use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::{Archive, ArchiveParams, Record};
use crate::doc::Document;

/// 128 permutations in 16 bands of 8 rows.
fn params() -> ArchiveParams {
    ArchiveParams {
        shingle: "word:3".into(),
        num_perm: 128,
        seed: 1,
        bands: 16,
        rows: 8,
        normalizer: "measure".into(),
    }
}

/// A random record: `text`, a 128-value signature (64-bit values, or
/// 32-bit with `narrow`), 16 band keys, and `shingles` shingle hashes.
fn random_record(
    rng: &mut Xoshiro256PlusPlus,
    id: String,
    text: String,
    narrow: bool,
    shingles: usize,
) -> Record {
    let mut set: Vec<u64> = (0..shingles).map(|_| rng.gen()).collect();
    set.sort_unstable();
    Record {
        doc: Document {
            source: format!("{id}.txt"),
            id,
            title: Some("عنوان المقال".into()),
            date: Some("2024-05-01".into()),
            outlet: Some("outlet".into()),
            url: None,
            language: Some("ar".into()),
            encoding: "UTF-8".into(),
            text,
            extra: Vec::new(),
        },
        content_hash: rng.gen(),
        signature: (0..128)
            .map(|_| if narrow { u64::from(rng.gen::<u32>()) } else { rng.gen() })
            .collect(),
        band_keys: (0..16).map(|_| rng.gen()).collect(),
        shingles: (shingles > 0).then_some(set),
    }
}

/// Bytes on disk after a full checkpoint (the WAL folded into the file).
fn settled_size(path: &Path) -> u64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    drop(conn);
    std::fs::metadata(path).unwrap().len()
}

#[test]
#[ignore = "measurement; run by hand"]
fn bytes_per_document() {
    let seeds: Vec<String> =
        crate::seeds::SEEDS.iter().map(|(_, b)| String::from_utf8_lossy(b).into_owned()).collect();
    let n = 2_000;
    for (label, with_text, narrow, shingles) in [
        ("sketch only, u64 signature", false, false, 0),
        ("sketch only, u32 signature", false, true, 0),
        ("seed text + u64 signature", true, false, 0),
        ("seed text + u64 signature + 1500 shingles", true, false, 1500),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut a = Archive::create_or_open(&path, &params()).unwrap();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let empty = settled_size(&path);
        for chunk in 0..n / 500 {
            let batch: Vec<Record> = (0..500)
                .map(|i| {
                    let k = chunk * 500 + i;
                    let text =
                        if with_text { seeds[k % seeds.len()].clone() } else { String::new() };
                    random_record(&mut rng, format!("doc-{k:06}"), text, narrow, shingles)
                })
                .collect();
            a.add_batch(&batch).unwrap();
        }
        let text_bytes = a.stats().unwrap().text_bytes;
        drop(a);
        let size = settled_size(&path);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut st = conn
            .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY name")
            .unwrap();
        let per_table: Vec<String> = st
            .query_map([], |r| {
                Ok(format!("{} {}", r.get::<_, String>(0)?, r.get::<_, i64>(1)? / n as i64))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        println!("  per table, bytes/doc: {}", per_table.join(", "));
        println!(
            "{label}: {} bytes/doc on disk ({} of them text)",
            (size - empty) / n as u64,
            text_bytes / n as u64
        );
    }
}

#[test]
#[ignore = "measurement; run by hand"]
fn candidates_latency_at_100k() {
    let n: usize =
        std::env::var("PARALLAX_MEASURE_DOCS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let mut a = Archive::create_or_open(&path, &params()).unwrap();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(11);
    let text = "نص قصير لمقال اصطناعي ".repeat(20);
    let mut kept = Vec::new();
    let t = Instant::now();
    for chunk in 0..n.div_ceil(1000) {
        let batch: Vec<Record> = (chunk * 1000..n.min(chunk * 1000 + 1000))
            .map(|k| random_record(&mut rng, format!("doc-{k:06}"), text.clone(), false, 0))
            .collect();
        kept.extend(batch.iter().step_by(97).map(|r| r.band_keys.clone()));
        a.add_batch(&batch).unwrap();
    }
    let load = t.elapsed();
    drop(a);
    let size = settled_size(&path);
    let (a, _) = Archive::open_existing(&path).unwrap();
    // Queries: half near-duplicates of archived documents (1 to 4 bands
    // kept), half unrelated. Each is timed with the `get` of its first hit,
    // which the caller needs next.
    let mut times = Vec::new();
    let mut hits = 0;
    let mut slow = Vec::new();
    for q in 0..2_000 {
        let mut keys: Vec<u64> = (0..16).map(|_| rng.gen()).collect();
        if q % 2 == 0 {
            let src = &kept[rng.gen_range(0..kept.len())];
            for b in 0..rng.gen_range(1..=4) {
                keys[b * 3] = src[b * 3];
            }
        }
        let t = Instant::now();
        let c = a.candidates(&keys).unwrap();
        if let Some(first) = c.first() {
            assert!(a.get(&first.id).unwrap().is_some());
            hits += 1;
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
        if times[times.len() - 1] > 2.0 {
            slow.push(q);
        }
    }
    // On a shared machine the few slow queries come at a regular period
    // (preemption), not from SQLite; printed so that this can be seen.
    println!("queries over 2 ms (by query number): {slow:?}");
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    println!(
        "{n} docs: load {:.1}s, {} bytes on disk ({} /doc); {hits} of {} queries hit; \
         candidates+get ms: p50 {:.3} p95 {:.3} p99 {:.3} max {:.3}",
        load.as_secs_f64(),
        size,
        size / n as u64,
        times.len(),
        pct(0.5),
        pct(0.95),
        pct(0.99),
        pct(1.0)
    );
}
