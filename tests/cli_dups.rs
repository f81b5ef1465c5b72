//! `parallax dups`: planted near-duplicates, excerpts, clusters, likely source.

use crate::util::Workdir;

/// A small corpus: an original, a light rewrite of it (clitics, spelling,
/// one inserted sentence), an excerpt of it inside another article, and
/// unrelated seeds.
fn corpus(wd: &Workdir) {
    let s0 =
        std::fs::read_to_string(crate::util::seeds_dir().join("000_4a9ff38471bb20bb.txt")).unwrap();
    wd.write("c/orig.txt", format!("date 2025-02-01\n{s0}"));
    let rewrite = s0
        .replace("الأمريكية", "الأميركية")
        .replace("واشنطن", "واشنطون")
        .replace("أكد", "وأكد")
        .replacen('.', ". وهذا خبر أضيف في النسخة المعادة.", 1);
    wd.write("c/copy.txt", format!("date 2025-02-03\n{rewrite}"));
    let para: String = s0.split('\n').take(2).collect::<Vec<_>>().join("\n");
    let s2 =
        std::fs::read_to_string(crate::util::seeds_dir().join("002_92781ffd2688aa3b.txt")).unwrap();
    wd.write("c/excerpt.txt", para.clone());
    wd.write("c/other.txt", s2);
}

#[test]
fn rewrite_is_a_near_duplicate_with_its_source() {
    let wd = Workdir::new();
    corpus(&wd);
    wd.run_ok(&["dups", "c", "-o", "out", "-q"]);
    let pairs = wd.csv("out/pairs.csv");
    let recs = pairs.records();
    let p = recs
        .iter()
        .find(|r| r["doc_a"] == "copy.txt" && r["doc_b"] == "orig.txt")
        .unwrap_or_else(|| panic!("rewrite pair missing: {recs:?}"));
    let j: f64 = p["jaccard"].parse().unwrap();
    assert!(j >= 0.5, "jaccard {j}");
    assert_eq!(p["likely_source"], "orig.txt");
    // The excerpt is contained in the original.
    let e = recs.iter().find(|r| r["doc_a"] == "excerpt.txt" && r["doc_b"] == "orig.txt").unwrap();
    let c: f64 = e["containment_ab"].parse().unwrap();
    assert!(c >= 0.8, "containment {c}");
    // Nothing pairs with the unrelated opinion piece.
    assert!(recs.iter().all(|r| r["doc_a"] != "other.txt" && r["doc_b"] != "other.txt"));
    // One cluster holding orig, copy and excerpt, represented by the earliest.
    let cl = wd.csv("out/clusters.csv").records();
    let members: Vec<&str> = cl.iter().map(|r| r["doc_id"].as_str()).collect();
    assert_eq!(members, ["copy.txt", "excerpt.txt", "orig.txt"]);
    assert!(cl.iter().all(|r| r["representative"] == "orig.txt" && r["size"] == "3"));
}

#[test]
fn matrices_are_square_symmetric_and_ordered() {
    let wd = Workdir::new();
    corpus(&wd);
    wd.run_ok(&["dups", "c", "-o", "out", "-q"]);
    let sim = wd.csv("out/similarity.csv");
    assert_eq!(sim.header[0], "doc_id");
    let ids: Vec<&str> = sim.header[1..].iter().map(String::as_str).collect();
    assert_eq!(ids, ["copy.txt", "excerpt.txt", "orig.txt", "other.txt"]);
    let m = sim.matrix();
    for a in &ids {
        for b in &ids {
            let (x, y) = (m[&(a.to_string(), b.to_string())], m[&(b.to_string(), a.to_string())]);
            assert!((x - y).abs() < 1e-12, "similarity not symmetric at {a},{b}");
        }
    }
    // Containment is not symmetric: the excerpt is inside the original.
    let c = wd.csv("out/containment.csv").matrix();
    assert!(
        c[&("excerpt.txt".into(), "orig.txt".into())]
            > c[&("orig.txt".into(), "excerpt.txt".into())]
    );
}

#[test]
fn matrix_limit_switches_matrices_off_unless_asked() {
    let wd = Workdir::new();
    corpus(&wd);
    wd.run_ok(&["dups", "c", "-o", "out", "-q", "--matrix-limit", "2"]);
    assert!(!wd.join("out/similarity.csv").exists());
    assert!(wd.join("out/pairs.csv").exists());
    wd.run_ok(&["dups", "c", "-o", "out2", "-q", "--matrix-limit", "2", "--matrices"]);
    assert!(wd.join("out2/similarity.csv").exists());
}

/// A flood of three-word records drawn from a few words (many exact
/// repeats, many sharing two of three words): a short text matches only its
/// exact copies: the pairs listed are exactly the pairs of copies. (Before, sharing two words made a near-duplicate:
/// candidate pairs grew with the square of the records.)
#[test]
fn short_records_match_only_their_exact_copies() {
    let wd = Workdir::new();
    let words = ["اتفاق", "توقع", "إعلان", "الجزائر", "واشنطن", "زيارة", "وزير", "الساحل"];
    let mut state = 0x2545_F491_4F6C_DD1D_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut lines = String::new();
    let mut texts = std::collections::BTreeMap::new();
    for i in 0..3000 {
        let text: Vec<&str> = (0..3).map(|_| words[(next() % 8) as usize]).collect();
        let text = text.join(" ");
        lines.push_str(&format!("{{\"id\": \"t{i:04}\", \"text\": \"{text}\"}}\n"));
        texts.insert(format!("t{i:04}"), text);
    }
    wd.write("flood.jsonl", lines);
    wd.run_ok(&["dups", "flood.jsonl", "-o", "out", "-q"]);
    let pairs = wd.csv("out/pairs.csv").records();
    assert!(!pairs.is_empty(), "exact repeats are found");
    // Exactly the pairs of exact copies (the groups are far below the LSH
    // bucket cap, so each group gives all its pairs).
    let mut groups: std::collections::BTreeMap<&str, usize> = Default::default();
    for t in texts.values() {
        *groups.entry(t.as_str()).or_default() += 1;
    }
    let copy_pairs: usize = groups.values().map(|&s| s * (s - 1) / 2).sum();
    assert_eq!(pairs.len(), copy_pairs);
    for p in &pairs {
        assert_eq!(texts[&p["doc_a"]], texts[&p["doc_b"]], "{} ~ {}", p["doc_a"], p["doc_b"]);
    }
    // Every record with a repeat is in a cluster with its copies only.
    let clusters = wd.csv("out/clusters.csv").records();
    let mut by_cluster: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for c in &clusters {
        by_cluster.entry(c["cluster"].as_str()).or_default().push(c["doc_id"].as_str());
    }
    assert!(by_cluster.len() >= 400, "{} clusters", by_cluster.len());
    for members in by_cluster.values() {
        assert!(members.iter().all(|m| texts[*m] == texts[members[0]]), "{members:?}");
    }
}
