//! Criterion benchmarks of the near-duplicate stages on generated fixtures:
//! shingle hashing, MinHash sketching (one-permutation vs classic), LSH
//! banding and exact verification, and normalisation. Single thread, like the stage functions.
//!
//! Run: `cargo bench --bench stages` (or `-- sketch` for one group).
//! Throughput is in bytes of source text for shingle/sketch (comparable
//! with rensa's MB/s), in documents for LSH and in pairs for verify.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use parallax::candidates::{band_keys, candidates_in_band, merge_pairs, overlap, LshParams};
use parallax::normalize::{NormalizedDoc, Normalizer};
use parallax::shingle::{shingle_hashes, shingle_set, ShingleConfig, ShingleKind};
use parallax::sketch::{Algorithm, MinHasher};

/// `n` articles of about `words` words drawn from the seeds' vocabulary
/// (real Arabic word lengths); every other article is a lightly edited copy
/// of the one before, so LSH has true pairs to find.
fn corpus(n: usize, words: usize) -> Vec<String> {
    let mut vocab: Vec<&str> = Vec::new();
    for (_, bytes) in parallax::seeds::SEEDS {
        let text = std::str::from_utf8(bytes).unwrap_or("");
        vocab.extend(text.split_whitespace());
    }
    vocab.sort_unstable();
    vocab.dedup();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(2024);
    let mut docs: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let mut w: Vec<&str> = if i % 2 == 1 {
            docs[i - 1].split(' ').collect()
        } else {
            (0..words).map(|_| vocab[rng.gen_range(0..vocab.len())]).collect()
        };
        if i % 2 == 1 {
            for _ in 0..words / 20 {
                let p = rng.gen_range(0..w.len());
                w[p] = vocab[rng.gen_range(0..vocab.len())];
            }
        }
        docs.push(w.join(" "));
    }
    docs
}

struct Fixture {
    bytes: u64,
    docs: Vec<NormalizedDoc>,
}

fn fixture() -> Fixture {
    let texts = corpus(200, 800);
    let bytes = texts.iter().map(|t| t.len() as u64).sum();
    let norm = Normalizer::default();
    Fixture { bytes, docs: texts.iter().map(|t| norm.normalize(t)).collect() }
}

/// CPU time consumed by the calling thread.
#[allow(unsafe_code, reason = "clock_gettime is a C function; see the SAFETY note")]
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant
    // that Linux and the BSDs/macOS support.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

const KINDS: [ShingleKind; 2] = [ShingleKind::Word(5), ShingleKind::Char(7)];

fn bench_shingle(c: &mut Criterion, fx: &Fixture) {
    let mut g = c.benchmark_group("shingle");
    g.throughput(Throughput::Bytes(fx.bytes));
    for kind in KINDS {
        let cfg = ShingleConfig { kind, ..ShingleConfig::default() };
        g.bench_function(BenchmarkId::new("hashes", kind), |b| {
            let mut buf = Vec::new();
            b.iter(|| {
                for d in &fx.docs {
                    shingle_hashes(&cfg, d, &mut buf);
                    black_box(&buf);
                }
            })
        });
    }
    g.finish();
}

fn bench_sketch(c: &mut Criterion, fx: &Fixture) {
    let mut g = c.benchmark_group("sketch");
    g.throughput(Throughput::Bytes(fx.bytes));
    let oph = MinHasher::builder().num_perm(128).build().unwrap();
    let classic = MinHasher::builder().num_perm(128).algorithm(Algorithm::Classic).build().unwrap();
    for kind in KINDS {
        let cfg = ShingleConfig { kind, ..ShingleConfig::default() };
        // Tokens → signature: what the pipeline does per document (the
        // number to compare with rensa).
        g.bench_function(BenchmarkId::new("oph128_from_tokens", kind), |b| {
            let mut buf = Vec::new();
            b.iter(|| {
                for d in &fx.docs {
                    shingle_hashes(&cfg, d, &mut buf);
                    black_box(oph.sketch(&buf));
                }
            })
        });
        // The same, timed in thread CPU time rather than wall time: on a
        // loaded machine wall time counts the time other processes ran.
        g.bench_function(BenchmarkId::new("oph128_from_tokens_cputime", kind), |b| {
            let mut buf = Vec::new();
            b.iter_custom(|iters| {
                let t0 = thread_cpu_time();
                for _ in 0..iters {
                    for d in &fx.docs {
                        shingle_hashes(&cfg, d, &mut buf);
                        black_box(oph.sketch(&buf));
                    }
                }
                thread_cpu_time().saturating_sub(t0)
            })
        });
        let sets: Vec<Vec<u64>> = fx.docs.iter().map(|d| shingle_set(&cfg, d)).collect();
        for (name, mh) in [("oph128_only", &oph), ("classic128_only", &classic)] {
            g.bench_function(BenchmarkId::new(name, kind), |b| {
                b.iter(|| {
                    for s in &sets {
                        black_box(mh.sketch(s));
                    }
                })
            });
        }
    }
    g.finish();
}

fn bench_lsh(c: &mut Criterion, fx: &Fixture) {
    let cfg = ShingleConfig { kind: ShingleKind::Word(5), ..ShingleConfig::default() };
    let mh = MinHasher::builder().num_perm(128).build().unwrap();
    let sigs: Vec<_> = fx.docs.iter().map(|d| mh.sketch(&shingle_set(&cfg, d))).collect();
    let params = LshParams::for_threshold(0.7, 128).unwrap();
    let mut g = c.benchmark_group("lsh");
    g.throughput(Throughput::Elements(sigs.len() as u64));
    g.bench_function("band_keys_and_pairs", |b| {
        let mut keys = Vec::new();
        b.iter(|| {
            let mut per_band: Vec<Vec<(u64, u32)>> =
                vec![Vec::with_capacity(sigs.len()); params.bands];
            for (doc, sig) in sigs.iter().enumerate() {
                band_keys(&params, sig, &mut keys);
                for (band, &k) in keys.iter().enumerate() {
                    per_band[band].push((k, doc as u32));
                }
            }
            black_box(merge_pairs(per_band.iter().map(|b| candidates_in_band(b)).collect()))
        })
    });
    g.finish();
}

fn bench_verify(c: &mut Criterion, fx: &Fixture) {
    let cfg = ShingleConfig::default();
    let sets: Vec<Vec<u64>> = fx.docs.iter().map(|d| shingle_set(&cfg, d)).collect();
    let pairs: Vec<(usize, usize)> = (0..sets.len() - 1).map(|i| (i, i + 1)).collect();
    let mut g = c.benchmark_group("verify");
    g.throughput(Throughput::Elements(pairs.len() as u64));
    g.bench_function("overlap_char7", |b| {
        b.iter(|| {
            for &(i, j) in &pairs {
                black_box(overlap(&sets[i], &sets[j]));
            }
        })
    });
    g.finish();
}

/// Normalisation of the fixture texts (bytes of source text per second),
/// plus the seed articles (real punctuation, dates, Latin words), in wall
/// time and in thread CPU time.
fn bench_normalize(c: &mut Criterion) {
    let texts = corpus(200, 800);
    let seeds: Vec<String> = parallax::seeds::SEEDS
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    let norm = Normalizer::default();
    let mut g = c.benchmark_group("normalize");
    for (name, set) in [("fixture", &texts), ("seeds", &seeds)] {
        g.throughput(Throughput::Bytes(set.iter().map(|t| t.len() as u64).sum()));
        g.bench_function(BenchmarkId::new("normalize", name), |b| {
            b.iter(|| {
                for t in set.iter() {
                    black_box(norm.normalize(t));
                }
            })
        });
        g.bench_function(BenchmarkId::new("normalize_cputime", name), |b| {
            b.iter_custom(|iters| {
                let t0 = thread_cpu_time();
                for _ in 0..iters {
                    for t in set.iter() {
                        black_box(norm.normalize(t));
                    }
                }
                thread_cpu_time().saturating_sub(t0)
            })
        });
        // What `parallax dups` does per document: text → word 5-gram
        // hashes through the keys-only path (no normalised document).
        let word5 = ShingleConfig { kind: ShingleKind::Word(5), ..ShingleConfig::default() };
        g.bench_function(BenchmarkId::new("text_to_word5_hashes_cputime", name), |b| {
            let mut buf = Vec::new();
            b.iter_custom(|iters| {
                let t0 = thread_cpu_time();
                for _ in 0..iters {
                    for t in set.iter() {
                        black_box(parallax::shingle::text_hashes(&word5, &norm, t, &mut buf));
                    }
                }
                thread_cpu_time().saturating_sub(t0)
            })
        });
        g.bench_function(BenchmarkId::new("detect_language", name), |b| {
            b.iter(|| {
                for t in set.iter() {
                    black_box(parallax::normalize::detect_language(t));
                }
            })
        });
    }
    g.finish();
}

fn stages(c: &mut Criterion) {
    bench_normalize(c);
    let fx = fixture();
    bench_shingle(c, &fx);
    bench_sketch(c, &fx);
    bench_lsh(c, &fx);
    bench_verify(c, &fx);
}

criterion_group! {
    name = benches;
    // Short runs: the machine is shared.
    config = Criterion::default().sample_size(10).warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
