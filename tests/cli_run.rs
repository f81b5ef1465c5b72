//! `parallax` / `parallax run`: the whole analysis on the bundled seeds.

use crate::util::{cp_slice, Workdir};

const ALL_FILES: &[&str] = &[
    "documents.csv",
    "similarity.csv",
    "containment.csv",
    "reuse.csv",
    "pairs.csv",
    "clusters.csv",
    "passages.csv",
    "framing.csv",
    "framing_distance.csv",
    "stance.csv",
    "evidence.csv",
    "framing_shift.csv",
    "related.csv",
    "stories.csv",
    "story_framing.csv",
    "report.html",
    "parallax.xlsx",
];

const S0: &str = "000_4a9ff38471bb20bb.txt";
const S1: &str = "001_1b4fe8d37dfc8185.txt";

#[test]
fn bare_parallax_writes_every_file_of_the_contract() {
    let wd = Workdir::new();
    let out = wd.run_ok(&[]);
    for f in ALL_FILES {
        let p = wd.join(&format!("parallax-out/{f}"));
        assert!(p.is_file(), "missing {f}");
        assert!(std::fs::metadata(&p).unwrap().len() > 0, "empty {f}");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("5 documents read"), "summary: {stdout}");
    // Every CSV starts with a BOM by default.
    assert!(wd.read("parallax-out/documents.csv").starts_with('\u{feff}'));
}

#[test]
fn seeds_000_and_001_are_the_most_similar_and_most_reused_pair() {
    let wd = Workdir::new();
    wd.run_ok(&["run", "-q"]);
    // 000 and 001 retell one report in their own words, copying no run of
    // it: by default they are the most similar pair but not reported as
    // reuse (they are related: tests/cli_stories.rs).
    let pairs = wd.csv("parallax-out/pairs.csv").records();
    assert!(!pairs.iter().any(|r| r["doc_a"] == S0 && r["doc_b"] == S1), "{pairs:?}");
    // Asked for every paraphrase, they are a rewrite and the most reused.
    wd.run_ok(&["run", "-q", "--min-copied-run", "0", "-o", "wide"]);
    let pairs = wd.csv("wide/pairs.csv").records();
    let p01 = pairs.iter().find(|r| r["doc_a"] == S0 && r["doc_b"] == S1).expect("000/001");
    assert_eq!(p01["verdict"], "rewrite");
    for file in ["parallax-out/similarity.csv", "wide/similarity.csv", "wide/reuse.csv"] {
        let m = wd.csv(file).matrix();
        let best = m
            .iter()
            .filter(|((a, b), _)| a < b)
            .max_by(|x, y| x.1.total_cmp(y.1))
            .map(|((a, b), _)| (a.clone(), b.clone()))
            .unwrap();
        assert_eq!(best, (S0.to_string(), S1.to_string()), "{file}");
        for ((a, b), v) in &m {
            if a == b {
                assert_eq!(*v, 1.0, "{file} diagonal");
            }
        }
    }
}

#[test]
fn passages_of_000_and_001_slice_the_original_text() {
    let wd = Workdir::new();
    wd.run_ok(&["run", "-q", "--min-copied-run", "0"]);
    let t = wd.csv("parallax-out/passages.csv");
    let a_text = std::fs::read_to_string(crate::util::seeds_dir().join(S0)).unwrap();
    let b_text = std::fs::read_to_string(crate::util::seeds_dir().join(S1)).unwrap();
    let rows: Vec<_> = t
        .records()
        .into_iter()
        .filter(|r| r["doc_a"] == S0 && r["doc_b"] == S1 && r["boilerplate"] == "false")
        .collect();
    assert!(rows.len() >= 2, "expected several passages between 000 and 001, got {}", rows.len());
    // The retold facts: the ambassador's announcement, and the defence
    // dialogue with its list of topics (intelligence, arms, rescue).
    for needle in ["صبري بوقادوم", "وزارتي الدفاع", "المعلومات الاستخباراتية", "البحث والإنقاذ"]
    {
        let at = a_text.find(needle).expect("needle in 000");
        let at = a_text[..at].chars().count();
        assert!(
            rows.iter().any(|r| {
                let (s, e): (usize, usize) =
                    (r["a_start"].parse().unwrap(), r["a_end"].parse().unwrap());
                s <= at && at < e
            }),
            "no passage covers {needle:?}"
        );
    }
    // The Trump-era Morocco paragraph is 000's own.
    let at = a_text[..a_text.find("مواقف داعمة للمغرب").unwrap()].chars().count();
    assert!(rows.iter().all(|r| {
        let (s, e): (usize, usize) = (r["a_start"].parse().unwrap(), r["a_end"].parse().unwrap());
        !(s <= at && at < e)
    }));
    let mut covered = 0;
    for r in &rows {
        let (s, e): (usize, usize) = (r["a_start"].parse().unwrap(), r["a_end"].parse().unwrap());
        assert_eq!(cp_slice(&a_text, s, e), r["a_text"].trim_start_matches('\''));
        let (s, e): (usize, usize) = (r["b_start"].parse().unwrap(), r["b_end"].parse().unwrap());
        assert_eq!(cp_slice(&b_text, s, e), r["b_text"].trim_start_matches('\''));
        covered += r["a_words"].parse::<usize>().unwrap();
    }
    assert!(covered >= 60, "passages cover only {covered} words of 000");
}

#[test]
fn unrelated_seed_pairs_share_no_long_passage() {
    let wd = Workdir::new();
    wd.run_ok(&["run", "-q"]);
    let t = wd.csv("parallax-out/passages.csv");
    for r in t.records() {
        let pair = (r["doc_a"].as_str(), r["doc_b"].as_str());
        if pair == (S0, S1) || r["boilerplate"] == "true" {
            continue;
        }
        let words: usize = r["a_words"].parse().unwrap();
        // 002 (opinion) against the 000/001 interview reports: no long passage.
        if r["doc_a"].starts_with("002") || r["doc_b"].starts_with("002") {
            assert!(words < 25, "unexpected long passage {pair:?}: {words} words");
        }
    }
}

#[test]
fn serial_and_parallel_runs_are_byte_identical() {
    let wd = Workdir::new();
    wd.run_ok(&[
        "run",
        "-q",
        "--threads",
        "1",
        "-o",
        "serial",
        "--format",
        "csv,xlsx,html,json,parquet",
    ]);
    wd.run_ok(&[
        "run",
        "-q",
        "--threads",
        "2",
        "-o",
        "parallel",
        "--format",
        "csv,xlsx,html,json,parquet",
    ]);
    let mut names: Vec<_> = std::fs::read_dir(wd.join("serial"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.len() >= ALL_FILES.len());
    for n in names {
        let a = std::fs::read(wd.join(&format!("serial/{n}"))).unwrap();
        let b = std::fs::read(wd.join(&format!("parallel/{n}"))).unwrap();
        assert!(a == b, "{n} differs between --threads 1 and --threads 2");
    }
}

/// The texts wait in a temporary file while the stages run; where none can
/// be made (`TMPDIR` missing) they stay in memory, and every file is the
/// same.
#[test]
fn runs_without_a_temporary_directory_write_the_same_files() {
    let wd = Workdir::new();
    let formats = ["--format", "csv,xlsx,html,json"];
    wd.run_ok(&[&["run", "-q", "-o", "aside"][..], &formats].concat());
    let mut cmd = wd.command(&[&["run", "-q", "-o", "in-memory"][..], &formats].concat());
    let out = cmd.env("TMPDIR", wd.join("no-such-dir")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut names: Vec<_> = std::fs::read_dir(wd.join("aside"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert!(names.iter().any(|n| n == "report.html") && names.len() >= ALL_FILES.len());
    for n in names {
        let a = std::fs::read(wd.join(&format!("aside/{n}"))).unwrap();
        let b = std::fs::read(wd.join(&format!("in-memory/{n}"))).unwrap();
        assert!(a == b, "{n} differs without a temporary directory");
    }
}

#[test]
fn no_bom_and_format_options() {
    let wd = Workdir::new();
    wd.run_ok(&["run", "-q", "--no-bom", "--format", "csv"]);
    assert!(!wd.read("parallax-out/documents.csv").starts_with('\u{feff}'));
    assert!(!wd.join("parallax-out/report.html").exists());
    assert!(!wd.join("parallax-out/parallax.xlsx").exists());
}

#[test]
fn bad_options_fail_before_any_work() {
    let wd = Workdir::new();
    let out = wd.run_err(&["run", "--threshold", "1.5"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threshold"));
    let out = wd.run_err(&["run", "--shingle", "word:0"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--shingle"));
    assert!(!wd.join("parallax-out").exists(), "nothing must be written");
    let out = wd.run_err(&["run", "no/such/folder"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/folder"));
    assert_eq!(out.status.code(), Some(2));
}

/// `--timings` lists every stage with its wall time on stderr, and on Linux
/// the resident memory after it and the peak so far; it changes no output.
#[test]
fn timings_name_each_stage_and_its_memory() {
    let wd = Workdir::new();
    let out = wd.run_ok(&["run", "-q", "--timings", "--format", "csv", "-o", "timed"]);
    let err = String::from_utf8_lossy(&out.stderr);
    for stage in ["ingest", "normalise + sketch + score", "verify", "align", "related", "write"] {
        let line = err.lines().find(|l| l.trim_start().starts_with(stage));
        let line = line.unwrap_or_else(|| panic!("no {stage:?} line in: {err}"));
        assert!(line.contains(" s"), "{line}");
        if cfg!(target_os = "linux") {
            assert!(line.contains("MiB resident (peak so far "), "{line}");
        }
    }
    assert!(err.contains("peak RSS") || !cfg!(target_os = "linux"), "{err}");
    wd.run_ok(&["run", "-q", "--format", "csv", "-o", "plain"]);
    assert_eq!(wd.read("timed/pairs.csv"), wd.read("plain/pairs.csv"));
}
