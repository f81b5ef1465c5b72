//! FxHash against aHash (randomly keyed) for the in-memory maps whose keys
//! come from outside: word-gram hashes (passage seeds), document ids
//! (duplicate-id check at ingest), LSH band keys (the in-memory index).
//! Outputs never depend on these maps' order (lookups only), so either
//! hasher gives the same results; this measures speed on ordinary input and
//! on input built to collide (hash flooding), and BENCHMARKS.md records the
//! choice.
//!
//! `cargo bench --bench hashing`

use std::hash::{BuildHasher, Hash};
use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rustc_hash::FxBuildHasher;
use xxhash_rust::xxh3::xxh3_64;

/// Word 3-gram hashes of a seed-vocabulary text of `n` words.
fn gram_keys(n: usize, salt: u64) -> Vec<u64> {
    let mut vocab: Vec<&str> = Vec::new();
    for (_, bytes) in parallax::seeds::SEEDS {
        vocab.extend(std::str::from_utf8(bytes).unwrap_or("").split_whitespace());
    }
    let mut state = salt.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let words: Vec<&str> =
        (0..n + 2).map(|_| vocab[(next() % vocab.len() as u64) as usize]).collect();
    words.windows(3).map(|w| xxh3_64(w.join(" ").as_bytes())).collect()
}

fn count<K: Hash + Eq + Clone, S: BuildHasher + Default>(keys: &[K]) -> usize {
    let mut m: std::collections::HashMap<K, u32, S> = Default::default();
    for k in keys {
        *m.entry(k.clone()).or_default() += 1;
    }
    keys.iter().filter(|k| m.get(k).is_some_and(|&c| c == 1)).count()
}

fn bench(c: &mut Criterion) {
    // One pair's seeds: 800-word articles.
    let grams = gram_keys(800, 7);
    // Document ids of a 100k-article corpus.
    let ids: Vec<String> =
        (0..100_000).map(|i| format!("AL-internationalNews-{i}-20180312")).collect();
    // Band keys: 20,000 documents × 16 bands.
    let bands: Vec<u64> = (0..320_000u64).map(|i| xxh3_64(&i.to_le_bytes())).collect();
    // Keys built to collide under FxHash (u64 keys with their low 44 bits
    // zero: Fx's multiply keeps them zero, so every key lands in one
    // bucket group), as an input crafted against a fixed hasher would.
    let flood: Vec<u64> = (1..=8_000u64).map(|i| i << 44).collect();
    let flood8: Vec<u64> = (1..=64_000u64).map(|i| i << 44).collect();

    let mut g = c.benchmark_group("hashing");
    // Each key set under both hashers, side by side.
    fn both<K: Hash + Eq + Clone>(
        g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
        name: &str,
        keys: &[K],
    ) {
        g.bench_function(format!("{name}/fx"), |b| {
            b.iter(|| count::<K, FxBuildHasher>(black_box(keys)))
        });
        g.bench_function(format!("{name}/ahash"), |b| {
            b.iter(|| count::<K, ahash::RandomState>(black_box(keys)))
        });
    }
    both(&mut g, "grams", &grams);
    both(&mut g, "ids", &ids);
    both(&mut g, "bands", &bands);
    both(&mut g, "flood", &flood);
    both(&mut g, "flood64k", &flood8);
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
