//! `related.csv`, `stories.csv` and `story_framing.csv`: relatedness and
//! stories on the seeds and on a small corpus of real news with several
//! stories.

use std::collections::BTreeMap;

use crate::util::Workdir;

const S0: &str = "000_4a9ff38471bb20bb.txt";
const S1: &str = "001_1b4fe8d37dfc8185.txt";

/// Story number of each document in stories.csv.
fn story_of(wd: &Workdir, rel: &str) -> BTreeMap<String, String> {
    wd.csv(rel).records().into_iter().map(|r| (r["doc_id"].clone(), r["story"].clone())).collect()
}

#[test]
fn seeds_000_and_001_are_the_most_related_pair_and_share_a_story() {
    let wd = Workdir::new();
    wd.run_ok(&["run", "-q", "-o", "out", "--format", "csv"]);
    let m = wd.csv("out/related.csv").matrix();
    let r01 = m[&(S0.to_string(), S1.to_string())];
    for ((a, b), v) in &m {
        assert_eq!(*v, m[&(b.clone(), a.clone())], "symmetric");
        if a == b {
            assert_eq!(*v, 1.0);
        } else if !(a == S0 && b == S1 || a == S1 && b == S0) {
            // Every seed is about Algerian–US defence relations: related,
            // but less than the two retellings of one interview.
            assert!(*v > 0.0 && *v < r01, "{a}/{b}: {v} vs 000/001 {r01}");
        }
    }
    let stories = story_of(&wd, "out/stories.csv");
    assert!(stories.contains_key(S0), "000 is in a story: {stories:?}");
    assert_eq!(stories.get(S0), stories.get(S1));
    // pairs.csv carries the same values for the pairs it lists. The seeds
    // copy no run of words from one another, so by default none is listed;
    // with every paraphrase reported they are, and relatedness (which
    // counts every passage found) does not change.
    assert!(wd.csv("out/pairs.csv").records().is_empty());
    wd.run_ok(&["run", "-q", "-o", "wide", "--format", "csv", "--min-copied-run", "0"]);
    assert_eq!(wd.csv("wide/related.csv").matrix(), m);
    let pairs = wd.csv("wide/pairs.csv").records();
    assert!(pairs.iter().any(|r| r["doc_a"] == S0 && r["doc_b"] == S1));
    for p in &pairs {
        let v = m[&(p["doc_a"].clone(), p["doc_b"].clone())];
        assert_eq!(p["related"].parse::<f64>().unwrap(), v, "{p:?}");
    }
    // Framing compared within the story: each document stands for itself
    // (the seeds have no outlet), and the distance is symmetric.
    let sf = wd.csv("out/story_framing.csv").records();
    let dist: Vec<&BTreeMap<String, String>> =
        sf.iter().filter(|r| r["measure"] == "distance").collect();
    assert_eq!(dist.len(), 2, "{dist:?}");
    assert_eq!(dist[0]["value"], dist[1]["value"]);
    assert!(sf.iter().any(|r| r["measure"] == "frame" && r["outlet"] == S0));
}

/// Ten short ANT articles (tests/fixtures/stories/README.md): three stories
/// told by several outlets and two unrelated sports items.
#[test]
fn real_news_articles_group_into_their_stories() {
    let wd = Workdir::new();
    let input = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stories/ant_stories.jsonl");
    wd.run_ok(&["run", "-q", "-o", "out", "--format", "csv", input]);
    let stories = story_of(&wd, "out/stories.csv");
    let same = |ids: &[&str]| {
        let s: Vec<Option<&String>> = ids.iter().map(|i| stories.get(*i)).collect();
        assert!(s[0].is_some() && s.iter().all(|x| *x == s[0]), "{ids:?} in {stories:?}");
        s[0].unwrap().clone()
    };
    let sarkozy = same(&[
        "BB-internationalNews-204-20180322",
        "AL-internationalNews-544-20180320",
        "SK-internationalNews-480-20180321",
    ]);
    let diplomats = same(&[
        "AL-internationalNews-508-20180317",
        "CN-internationalNews-135-20180317",
        "FR-internationalNews-477-20180317",
    ]);
    let egypt = same(&["BB-middleEast-250-20180326", "SK-middleEast-565-20180326"]);
    assert!(sarkozy != diplomats && diplomats != egypt && sarkozy != egypt);
    assert!(!stories.contains_key("SK-sport-197-20180310"));
    assert!(!stories.contains_key("SK-sport-313-20180317"));
    assert_eq!(stories.len(), 8);
    // Each story has its representative's title on every row.
    for r in wd.csv("out/stories.csv").records() {
        assert!(!r["representative_title"].is_empty());
        assert_eq!(r["size"], if r["story"] == egypt { "2" } else { "3" });
    }
    // Outlets are compared within each story: frames one outlet adds are
    // frames the others leave out, and every outlet pair has a distance.
    let sf = wd.csv("out/story_framing.csv").records();
    for story in [&sarkozy, &diplomats] {
        let dist = sf.iter().filter(|r| &r["story"] == story && r["measure"] == "distance");
        assert_eq!(dist.count(), 6, "3 outlets: 6 ordered pairs in story {story}");
    }
    for r in sf.iter().filter(|r| r["change"] == "adds") {
        assert_eq!(r["rest_n"], "0");
        assert!(sf.iter().any(|o| o["story"] == r["story"]
            && o["key"] == r["key"]
            && o["change"] == "leaves_out"));
    }
}

/// Above the matrix limit the same stories come from the candidate index
/// (rare words) instead of every pair.
#[test]
fn above_the_matrix_limit_related_is_a_long_table_and_stories_stay() {
    let wd = Workdir::new();
    let input = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stories/ant_stories.jsonl");
    wd.run_ok(&["run", "-q", "-o", "small", "--format", "csv", input]);
    wd.run_ok(&["run", "-q", "-o", "large", "--format", "csv", "--matrix-limit", "5", input]);
    let long = wd.csv("large/related.csv");
    assert_eq!(long.header, ["doc_a", "doc_b", "related", "cosine", "reuse"]);
    let m = wd.csv("small/related.csv").matrix();
    let rows = long.records();
    assert!(rows.len() >= 7, "{rows:?}");
    for r in &rows {
        // related = max(cosine, reuse); above the limit fewer pairs are
        // aligned, so it is never above the all-pairs run's value.
        let v: f64 = r["related"].parse().unwrap();
        let c: f64 = r["cosine"].parse().unwrap();
        let u: f64 = r["reuse"].parse().unwrap();
        assert_eq!(v, c.max(u));
        assert!(v >= 0.15 && v <= m[&(r["doc_a"].clone(), r["doc_b"].clone())] + 1e-6);
    }
    assert_eq!(story_of(&wd, "large/stories.csv"), story_of(&wd, "small/stories.csv"));
}
