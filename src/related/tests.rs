use super::*;
use crate::normalize::Normalizer;
use crate::seeds;

fn prepared(texts: &[&str]) -> (Vec<Terms>, DocFreq, Vec<TermVector>) {
    let n = Normalizer::default();
    let terms: Vec<Terms> =
        texts.iter().map(|t| Terms::of(&AlignDoc::new(&n.normalize(t)))).collect();
    let df = DocFreq::new(&terms);
    let v = terms.iter().map(|t| TermVector::new(t, &df)).collect();
    (terms, df, v)
}

#[test]
fn counts_and_document_frequencies() {
    let t = Terms::from_keys(vec![5, 3, 5, 9, 5]);
    assert_eq!(t.0, vec![(3, 1), (5, 3), (9, 1)]);
    let df = DocFreq::new(&[t, Terms::from_keys(vec![5, 7])]);
    assert_eq!((df.df(5), df.df(3), df.df(4)), (2, 1, 0));
    // A term in every document weighs nothing.
    assert_eq!(df.idf(5), 0.0);
    assert!(df.idf(3) > 0.0);
}

#[test]
fn cosine_is_one_for_itself_symmetric_and_zero_without_shared_terms() {
    let (_, _, v) = prepared(&[
        "The minister of defence met the ambassador in Algiers.",
        "Rain fell over the coast while fishermen stayed home.",
        "In Algiers, the ambassador and the defence minister met on Monday.",
    ]);
    assert!((cosine(&v[0], &v[0]) - 1.0).abs() < 1e-9);
    assert_eq!(cosine(&v[0], &v[2]), cosine(&v[2], &v[0]));
    assert_eq!(cosine(&v[0], &v[1]), 0.0);
    assert!(cosine(&v[0], &v[2]) > 0.3);
}

#[test]
fn related_combines_either_evidence() {
    assert_eq!(related(0.0, 0.0), 0.0);
    assert!((related(0.5, 0.0) - 0.5).abs() < 1e-12);
    assert!((related(0.0, 0.5) - 0.5).abs() < 1e-12);
    assert!((related(0.3, 0.9) - 0.9).abs() < 1e-12);
    assert_eq!(related(1.0, 0.2), 1.0);
    // Out-of-range inputs are clamped, not propagated.
    assert_eq!(related(2.0, -1.0), 1.0);
}

/// The seeds: 000 and 001 retell one interview; on the same topic, every
/// other seed is further from 000 than 001 is.
#[test]
fn seeds_000_and_001_are_each_others_closest() {
    let texts: Vec<&str> =
        seeds::SEEDS.iter().map(|(_, b)| std::str::from_utf8(b).unwrap()).collect();
    let (_, _, v) = prepared(&texts);
    let c01 = cosine(&v[0], &v[1]);
    for j in 2..texts.len() {
        assert!(c01 > cosine(&v[0], &v[j]), "000/001 {c01} vs 000/{j:03}");
        assert!(c01 > cosine(&v[1], &v[j]), "000/001 {c01} vs 001/{j:03}");
    }
}

/// The candidate index finds a pair that shares rare terms and does not
/// propose a pair that shares none.
#[test]
fn candidate_index_finds_pairs_sharing_rare_terms() {
    // 60 filler documents; the story's words are in 2 of 62.
    let mut texts: Vec<String> = (0..60)
        .map(|i| format!("weather report number{i} mentions clouds{i} and breeze{i} today"))
        .collect();
    texts.push("Boukadoum interviewed about Tebboune and Washington defence memorandum".into());
    texts.push("Tebboune Boukadoum memorandum signed with Washington defence officials".into());
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (_, df, v) = prepared(&refs);
    let opts = RelatedOptions::default();
    let idx = CandidateIndex::new(&v, &df, &opts);
    assert_eq!(idx.len(), 62);
    assert_eq!(idx.candidates_of(60), vec![61]);
    assert_eq!(idx.candidates_of(61), vec![60]);
    assert!(idx.candidates_of(0).is_empty());
}

/// The dense walk gives the sorted merge's cosine to the bit, on every
/// pair of the seeds (the outputs must not depend on which one a pass
/// uses), and a loaded-then-unloaded array is clean for the next document.
#[test]
fn dense_cosine_equals_the_merge_to_the_bit() {
    let texts: Vec<&str> =
        seeds::SEEDS.iter().map(|(_, b)| std::str::from_utf8(b).unwrap()).collect();
    let (_, _, v) = prepared(&texts);
    let mut dense = Dense::default();
    let mut checked = 0;
    for a in &v {
        dense.load(a);
        for b in &v {
            assert_eq!(dense.cosine(b).to_bits(), cosine(a, b).to_bits());
            checked += 1;
        }
        dense.unload(a);
    }
    assert_eq!(checked, v.len() * v.len());
    assert!(dense.weights.iter().all(|&w| w == 0.0));
}

/// Counting in a dense array finds the candidates sorting did: each
/// document met on at least `min_shared` probe terms, in increasing order.
#[test]
fn candidates_into_reuses_its_buffers() {
    let texts: Vec<&str> =
        seeds::SEEDS.iter().map(|(_, b)| std::str::from_utf8(b).unwrap()).collect();
    let (_, df, v) = prepared(&texts);
    let opts = RelatedOptions { min_shared: 1, ..RelatedOptions::default() };
    let idx = CandidateIndex::new(&v, &df, &opts);
    let (mut scratch, mut out) = (Scratch::default(), Vec::new());
    for d in 0..v.len() as u32 {
        idx.candidates_into(d, &mut scratch, &mut out);
        // By the definition: every posting met, sorted, counted.
        let mut met: Vec<u32> = Vec::new();
        for &t in &idx.probes[d as usize] {
            let (s, e) = (idx.starts[t as usize] as usize, idx.starts[t as usize + 1] as usize);
            met.extend(idx.docs[s..e].iter().filter(|&&x| x != d));
        }
        met.sort_unstable();
        let mut want: Vec<u32> = met.clone();
        want.dedup();
        want.retain(|x| met.iter().filter(|y| *y == x).count() >= opts.min_shared);
        assert_eq!(out, want);
    }
    // Seeds on one topic meet each other.
    assert!(!idx.candidates_of(0).is_empty());
}
