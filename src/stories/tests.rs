use super::framing::{compare, DocFraming, Measure};
use super::*;
use crate::score::Distance;

#[test]
fn iso_dates_become_day_numbers() {
    assert_eq!(days_of("1970-01-01"), Some(0));
    assert_eq!(days_of("2018-03-01T10:00:00+01:00"), Some(17_591));
    assert_eq!(days_of("2024-03-01").unwrap() - days_of("2024-02-28").unwrap(), 2);
    assert_eq!(days_of("01/03/2018"), None);
    assert_eq!(days_of("2018-13-01"), None);
    assert_eq!(days_of(""), None);
}

#[test]
fn related_pairs_form_stories_and_duplicates_nest_inside() {
    // 0-1-2 tell one story, 3-4 are copies that relate to nothing else, 5 is alone.
    let rel = [(0, 1, 0.5), (1, 2, 0.4), (0, 2, 0.3), (2, 5, 0.05)];
    let s = stories(6, &[None; 6], &rel, &[(3, 4)], &StoryOptions::default());
    assert_eq!(s.members, vec![vec![0, 1, 2], vec![3, 4]]);
    assert_eq!(s.story_of, vec![Some(1), Some(1), Some(1), Some(2), Some(2), None]);
    // 1 is the most related to the others (0.5 + 0.4).
    assert_eq!(s.representative[0], 1);
}

#[test]
fn a_chain_does_not_become_one_story() {
    // 0-1-2-3-4-5 each related only to the next: average linkage stops the chain.
    let rel: Vec<(u32, u32, f64)> = (0..5).map(|i| (i, i + 1, 0.3)).collect();
    let s = stories(6, &[None; 6], &rel, &[], &StoryOptions::default());
    assert!(s.members.iter().all(|m| m.len() <= 3), "{:?}", s.members);
    assert!(s.members.len() >= 2);
}

#[test]
fn dates_too_far_apart_keep_articles_apart_and_order_does_not_matter() {
    let days = [days_of("2025-01-01"), days_of("2025-01-03"), days_of("2025-03-01")];
    let rel = [(0, 1, 0.6), (0, 2, 0.6), (1, 2, 0.6)];
    let s = stories(3, &days, &rel, &[], &StoryOptions::default());
    assert_eq!(s.members, vec![vec![0, 1]]);
    let rev: Vec<(u32, u32, f64)> = rel.iter().rev().map(|&(a, b, r)| (b, a, r)).collect();
    assert_eq!(stories(3, &days, &rev, &[], &StoryOptions::default()), s);
}

#[test]
fn framing_within_a_story_compares_each_outlet_with_the_rest() {
    let frames = vec!["security".to_string(), "economy".to_string()];
    let targets = vec!["usa".to_string()];
    let docs = [
        DocFraming { group: "A", words: 500, frame_hits: vec![5, 0], stance: vec![(0.5, 2)] },
        DocFraming { group: "A", words: 500, frame_hits: vec![5, 0], stance: vec![(-0.5, 2)] },
        DocFraming { group: "B", words: 1000, frame_hits: vec![2, 3], stance: vec![(-1.0, 1)] },
    ];
    let (rows, _) = compare(&docs, &frames, &targets, Distance::JensenShannon);
    let find = |o: &str, m: Measure, k: &str| {
        rows.iter().find(|r| r.outlet == o && r.measure == m && r.key == k).unwrap()
    };
    let a_sec = find("A", Measure::Frame, "security");
    assert_eq!((a_sec.docs, a_sec.words, a_sec.n), (2, 1000, 10));
    assert!((a_sec.value - 10.0).abs() < 1e-12 && a_sec.rest_value == Some(2.0));
    assert_eq!(find("A", Measure::Frame, "economy").change, "leaves_out");
    assert_eq!(find("B", Measure::Frame, "economy").change, "adds");
    let a_usa = find("A", Measure::Stance, "usa");
    assert_eq!(
        (a_usa.value, a_usa.n, a_usa.rest_value, a_usa.rest_n),
        (0.0, 4, Some(-1.0), Some(1))
    );
    let d_ab = find("A", Measure::Distance, "B").value;
    assert!(d_ab > 0.0 && (d_ab - find("B", Measure::Distance, "A").value).abs() < 1e-12);
    // One outlet alone has nothing to compare.
    assert!(compare(&docs[..2], &frames, &targets, Distance::JensenShannon).0.is_empty());
}

#[test]
fn a_story_of_too_many_outlets_keeps_its_frame_and_stance_rows_without_distances() {
    use super::framing::MAX_DISTANCE_GROUPS;
    let frames = vec!["security".to_string()];
    let targets = vec!["usa".to_string()];
    let names: Vec<String> = (0..=MAX_DISTANCE_GROUPS).map(|i| format!("doc{i:04}")).collect();
    let docs: Vec<DocFraming<'_>> = names
        .iter()
        .enumerate()
        .map(|(i, g)| DocFraming {
            group: g,
            words: 100,
            frame_hits: vec![(i % 3) as u64],
            stance: vec![(if i % 2 == 0 { 0.5 } else { -0.5 }, 1)],
        })
        .collect();
    let (rows, distances) = compare(&docs, &frames, &targets, Distance::JensenShannon);
    assert!(!distances);
    assert!(rows.iter().all(|r| r.measure != Measure::Distance));
    // Every outlet keeps one frame row and one stance row, and the rest of
    // the story is still every other outlet.
    assert_eq!(rows.len(), 2 * docs.len());
    let total_hits: u64 = docs.iter().map(|d| d.frame_hits[0]).sum();
    for r in rows.iter().filter(|r| r.measure == Measure::Frame) {
        assert_eq!(r.n + r.rest_n.unwrap(), total_hits, "{}", r.outlet);
    }
    let first = rows.iter().find(|r| r.measure == Measure::Stance).unwrap();
    let others: f64 =
        docs[1..].iter().map(|d| d.stance[0].0).sum::<f64>() / (docs.len() - 1) as f64;
    assert!((first.rest_value.unwrap() - others).abs() < 1e-12);
    // One outlet fewer: the distances are back, one per ordered pair.
    let (rows, distances) = compare(&docs[1..], &frames, &targets, Distance::JensenShannon);
    assert!(distances);
    let n = docs.len() - 1;
    assert_eq!(rows.iter().filter(|r| r.measure == Measure::Distance).count(), n * (n - 1));
}
