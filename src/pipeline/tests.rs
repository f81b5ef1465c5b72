//! The invariants [`crate::analysis`] promises, checked on a real run: the
//! bundled seeds plus a reprint and an excerpt, so that every part of the
//! analysis is filled.

use super::*;
use crate::analysis::Analysis;
use crate::classify::Verdict;
use crate::doc::Document;
use crate::score::{Lexicon, Scorer};

fn corpus() -> Corpus {
    let mut docs: Vec<Document> = crate::seeds::documents();
    let reprint = format!("{}\nأعيد نشره.", docs[3].text);
    let excerpt: String = docs[2].text.chars().take(docs[2].text.chars().count() / 3).collect();
    docs.push(Document { id: "zz-reprint".into(), text: reprint, ..docs[3].clone() });
    docs.push(Document { id: "zz-excerpt".into(), text: excerpt, ..docs[2].clone() });
    Corpus::new(docs)
}

fn analysis(corpus: &Corpus, matrix_limit: usize) -> Analysis {
    let mut opts = crate::config::Config::default().pipeline_options(Stages::ALL).unwrap();
    opts.matrix_limit = matrix_limit;
    let scorer = Scorer::new(&Lexicon::default_lexicon(), &Normalizer::default()).unwrap();
    analyse(corpus, &opts, Some(&scorer), &Silent).unwrap().0
}

#[test]
fn the_analysis_keeps_its_invariants() {
    let corpus = corpus();
    let n = corpus.len();
    for limit in [100, 0] {
        let a = analysis(&corpus, limit);
        assert_eq!(a.documents.len(), n);
        assert!(!a.passages_skipped);
        // Pairs sorted, a < b, their passage ranges contiguous and covering
        // every passage, each passage of its own pair and inside both texts.
        assert!(a.pairs.windows(2).all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b)));
        let mut at = 0;
        for p in &a.pairs {
            assert!(p.a < p.b);
            assert_eq!(p.passages.start, at);
            at = p.passages.end;
            for f in &a.passages[p.passages.clone()] {
                assert_eq!((f.a, f.b), (p.a, p.b));
                let (ta, tb) = (&corpus.get(f.a).text, &corpus.get(f.b).text);
                let q = &f.passage;
                assert!(ta.get(q.a_start..q.a_end).is_some_and(|s| !s.is_empty()));
                assert!(tb.get(q.b_start..q.b_end).is_some_and(|s| !s.is_empty()));
                assert!(f.recurs_in >= 2, "a passage is in at least its own two documents");
            }
        }
        assert_eq!(at, a.passages.len());
        // The planted copies are found as what they are.
        let id = |d: DocId| corpus.get(d).id.as_str();
        let verdict = |x: &str, y: &str| {
            a.pairs.iter().find(|p| [id(p.a), id(p.b)] == [x, y]).map(|p| p.verdict)
        };
        let (reprint_of, excerpt_of) =
            (corpus.get(DocId(3)).id.clone(), corpus.get(DocId(2)).id.clone());
        assert_eq!(verdict(&reprint_of, "zz-reprint"), Some(Verdict::NearDuplicate));
        assert_eq!(verdict(&excerpt_of, "zz-excerpt"), Some(Verdict::Excerpt));
        let copy = a.pairs.iter().find(|p| id(p.b) == "zz-reprint").unwrap();
        assert!(copy.cluster.is_some() && !copy.passages.is_empty());
        // Scores: one per document, one cell per frame and target, every
        // hit inside its document's text and sentence list.
        let scores = a.scores.as_ref().unwrap();
        assert_eq!(scores.docs.len(), n);
        for (i, s) in scores.docs.iter().enumerate() {
            assert_eq!(s.frames.len(), scores.frames.len());
            assert_eq!(s.stance.len(), scores.targets.len());
            let text = &corpus.get(DocId(i as u32)).text;
            for h in s.hits.iter() {
                assert!(text.get(h.start..h.end).is_some());
                assert!((h.sentence as usize) < s.sentences.len());
            }
        }
        for f in &a.frame_shifts {
            assert!(f.frame < scores.frames.len());
            assert!(a.pairs.binary_search_by(|p| (p.a, p.b).cmp(&(f.a, f.b))).is_ok());
        }
        // Matrices: N×N below the limit, none above it.
        let m = &a.matrices;
        for values in [&m.similarity, &m.containment, &m.reuse, &m.related, &m.framing_distance] {
            assert_eq!(values.as_ref().map(Vec::len), (limit >= n).then_some(n * n));
        }
        assert!(a.related.windows(2).all(|w| (w[0].a, w[0].b) < (w[1].a, w[1].b)));
        let st = a.stories.as_ref().unwrap();
        assert_eq!(st.shift_with.len(), n);
        assert_eq!(st.stories.story_of.len(), n);
    }
}

/// A document scored alone ([`score_document`], what a distributed run
/// does) has the scores the whole run gives it.
#[test]
fn a_document_scored_alone_scores_as_in_the_run() {
    let corpus = corpus();
    let a = analysis(&corpus, 100);
    let scores = a.scores.expect("scored");
    let scorer = Scorer::new(&Lexicon::default_lexicon(), &Normalizer::default()).unwrap();
    let n = Normalizer::default();
    let mut hits = 0;
    for (d, run) in corpus.docs().iter().zip(&scores.docs) {
        let alone = score_document(&scorer, &d.text, &n.normalize(&d.text));
        assert_eq!(alone.words, run.words);
        assert_eq!(alone.frames, run.frames);
        assert_eq!(alone.stance, run.stance);
        assert_eq!(alone.sentences, run.sentences);
        hits += alone.hits.len();
    }
    assert!(hits > 0, "the seeds have lexicon hits");
}

#[test]
fn a_pair_is_listed_in_a_cluster_when_verified_or_a_copy_inside_one() {
    assert_eq!(pair_cluster(true, false, Some(3), Some(3)), Some(3));
    assert_eq!(pair_cluster(false, true, Some(3), Some(3)), Some(3));
    assert_eq!(pair_cluster(false, true, Some(3), Some(4)), None);
    assert_eq!(pair_cluster(false, true, None, None), None);
    assert_eq!(pair_cluster(false, false, Some(3), Some(3)), None);
    assert_eq!(candidates::min_shared_for(0), 1);
    assert_eq!(candidates::min_shared_for(5), 5);
    assert_eq!(candidates::min_shared_for(40), candidates::DEFAULT_MIN_SHARED);
}
