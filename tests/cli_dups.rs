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
