//! Which pairs are compared and aligned: the paraphrase 000/001 is found in
//! a corpus larger than `--matrix-limit`, copies are aligned with their
//! cluster's representative, and large copy groups are said.

use crate::util::Workdir;

const S0: &str = "000_4a9ff38471bb20bb.txt";
const S1: &str = "001_1b4fe8d37dfc8185.txt";
const S3: &str = "003_ccc08362114acaf6.txt";

/// `n` filler articles of 150–250 words drawn from a large synthetic
/// vocabulary (Latin letters, so they share no word with the seeds), each
/// in its own file under `dir/`.
fn fillers(wd: &Workdir, dir: &str, n: usize) {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let letters: Vec<char> = "bcdfghklmnprstvz".chars().collect();
    let vowels: Vec<char> = "aeiou".chars().collect();
    for i in 0..n {
        let words = 150 + (next() % 100) as usize;
        let mut text = String::new();
        for w in 0..words {
            let id = next() % 40_000;
            let mut x = id;
            for _ in 0..3 {
                text.push(letters[(x % 16) as usize]);
                x /= 16;
                text.push(vowels[(x % 5) as usize]);
                x /= 5;
            }
            text.push(if w % 15 == 14 { '.' } else { ' ' });
            if w % 15 == 14 {
                text.push(' ');
            }
        }
        wd.write(&format!("{dir}/filler{i:03}.txt"), text);
    }
}

#[test]
fn paraphrase_is_found_above_the_matrix_limit() {
    let wd = Workdir::new();
    wd.seeds("in");
    fillers(&wd, "in", 120);
    let out =
        wd.run_ok(&["run", "in", "-o", "out", "--matrix-limit", "50", "--min-copied-run", "0"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("125 documents read"), "{stdout}");
    // Above the limit: no matrices, and 000/001 (Jaccard 0.09, far below
    // any duplicate threshold) are still aligned for their retold passages.
    assert!(!wd.join("out/similarity.csv").exists());
    let pair = wd
        .csv("out/pairs.csv")
        .records()
        .into_iter()
        .find(|r| r["doc_a"] == S0 && r["doc_b"] == S1)
        .expect("000~001 in pairs.csv");
    assert!(pair["passages"].parse::<u64>().unwrap() >= 2, "{pair:?}");
    // Over a fifth of the shorter document lies in retold passages.
    assert_eq!(pair["verdict"], "rewrite");
    // The fillers share no content with anything: no pair of them is listed.
    assert!(
        wd.csv("out/pairs.csv").records().iter().all(|r| !r["doc_a"].starts_with("filler")),
        "a filler pair was reported"
    );
}

/// Seed 003 and five copies, each with a line of its own at the end (so
/// the copies differ in length and the representative is the longest).
fn copies(wd: &Workdir, dir: &str, n: usize) -> Vec<String> {
    let text = std::fs::read_to_string(crate::util::seeds_dir().join(S3)).unwrap();
    let mut names = vec![S3.to_string()];
    wd.write(&format!("{dir}/{S3}"), &text);
    for i in 0..n {
        let name = format!("copy{i:03}.txt");
        let tail = " انتهى".repeat(i + 1);
        wd.write(&format!("{dir}/{name}"), format!("{text}\nالمصدر رقم {i}{tail}"));
        names.push(name);
    }
    names
}

#[test]
fn copies_are_aligned_with_their_representative_only() {
    for limit in ["2000", "3"] {
        let wd = Workdir::new();
        let names = copies(&wd, "in", 5);
        // Unrelated articles around the copies.
        fillers(&wd, "in", 30);
        let out = wd.run_ok(&["run", "in", "-o", "out", "--matrix-limit", limit]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let clusters = wd.csv("out/clusters.csv").records();
        assert_eq!(clusters.len(), 6, "limit {limit}: {clusters:?}");
        assert!(clusters.iter().all(|c| c["size"] == "6"));
        let rep = clusters[0]["representative"].clone();
        // The longest copy (the last, with the longest tail).
        assert_eq!(rep, names[5], "limit {limit}");
        let pairs = wd.csv("out/pairs.csv").records();
        assert_eq!(pairs.len(), 15, "every pair of the six copies is listed (limit {limit})");
        for r in &pairs {
            let with_rep = r["doc_a"] == rep || r["doc_b"] == rep;
            assert_eq!(r["verdict"], "near_duplicate", "{r:?}");
            if with_rep {
                assert_eq!(r["aligned_via"], "", "{r:?}");
                assert!(r["passages"].parse::<u64>().unwrap() >= 1, "{r:?}");
            } else {
                assert_eq!(r["aligned_via"], rep, "{r:?}");
                assert_eq!(r["passages"], "0", "{r:?}");
            }
        }
        let passages = wd.csv("out/passages.csv").records();
        assert!(!passages.is_empty());
        assert!(
            passages.iter().all(|p| p["doc_a"] == rep || p["doc_b"] == rep),
            "a passage between two copies other than the representative (limit {limit})"
        );
        assert!(stdout.contains("10 pairs of copies in one cluster"), "{stdout}");
    }
}

#[test]
fn a_large_copy_group_is_said_and_every_copy_listed() {
    let wd = Workdir::new();
    let names = copies(&wd, "in", 109);
    let out = wd.run_ok(&["dups", "in", "-o", "out", "--matrix-limit", "10"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Large copy groups:"), "{stdout}");
    assert!(stdout.contains("held more than 100 documents (the largest 110)"), "{stdout}");
    // Every copy is listed with the representative.
    let clusters = wd.csv("out/clusters.csv").records();
    assert_eq!(clusters.len(), names.len());
    assert!(clusters.iter().all(|c| c["size"] == "110" && c["representative"] == names[109]));
    // The report says it too.
    let html = wd.read("out/report.html");
    assert!(html.contains("Large copy groups:"));
}
