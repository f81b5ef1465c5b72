//! The tables' rows, made from a typed [`Analysis`]: document ids for
//! document numbers, code points for byte offsets, names for enums and
//! indices. Every row of every table is made here (the archive's pairs and
//! passages too), so a column means the same in `run`, `dups`, `score`,
//! `index query` and the Python package.

use rayon::prelude::*;

use super::model::{
    ClusterRow, DocRow, EvidenceRef, EvidenceRow, FrameCell, FramingRow, Matrix, PairRow,
    PassageRow, RelatedRef, Results, ShiftRow, StanceCell, StanceRow, StoryFramingRow, StoryRow,
};
use crate::align::Passage;
use crate::analysis::{Analysis, CorpusScores, DocFacts, DocScore, StoryFindings};
use crate::candidates::Overlap;
use crate::classify::Verdict;
use crate::cluster::{Side, SourceReason};
use crate::doc::{CharIndex, Corpus, DocId, Document};
use crate::error::Result;
use crate::score::HitList;

/// The rows of every table for `analysis` of `corpus`. `keep_text` copies
/// each document's text into its row (the HTML report shows it). The run
/// summary is left for the caller.
/// Fails only when a text set aside ([`Corpus::set_texts_aside`]) cannot
/// be read back.
pub fn results(corpus: &Corpus, analysis: Analysis, keep_text: bool) -> Result<Results> {
    results_with(corpus, analysis, keep_text, false)
}

/// [`results`] for writing files, in less memory: the two longest tables,
/// `evidence.csv` and `related.csv` (long form), keep their typed form
/// ([`Streamed`]) and each row is made only as its file is written (on the
/// 72k-article news corpus their rows took 0.6 GB at once), and the corpus
/// is consumed. When `keep_text`, the texts stay set aside in a temporary
/// file ([`Corpus::set_texts_aside`], done here if it was not done before),
/// from which the HTML report reads the few it shows (the whole corpus's
/// text was the largest thing left in memory while the files were
/// written); when no temporary file can be written, each text moves into
/// its row instead, with the same output. `Results::evidence` and
/// `Results::related_pairs` stay empty; the CSV, XLSX, Parquet and HTML
/// writers read the rows through `Results::evidence_len`/`evidence_row`
/// and `related_len`/`related_row`. The JSON dump needs [`results`].
pub fn results_streamed(
    mut corpus: Corpus,
    analysis: Analysis,
    keep_text: bool,
) -> Result<Results> {
    let mut out = results_with(&corpus, analysis, false, true)?;
    if keep_text {
        match corpus.set_texts_aside() {
            Ok(()) => out.texts = corpus.texts().clone(),
            Err(_) => {
                for (row, d) in out.documents.iter_mut().zip(corpus.into_docs()) {
                    row.text = d.text;
                }
            }
        }
    }
    Ok(out)
}

fn results_with(
    corpus: &Corpus,
    analysis: Analysis,
    keep_text: bool,
    stream: bool,
) -> Result<Results> {
    let Analysis {
        documents,
        pairs,
        clusters,
        passages,
        matrices,
        scores,
        frame_shifts,
        related,
        stories,
        passages_skipped,
    } = analysis;
    let docs = corpus.docs();
    let id = |d: DocId| corpus.get(d).id.clone();
    let ids = || docs.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    let matrix = |values: Option<Vec<f64>>| values.map(|values| Matrix { ids: ids(), values });
    // Offsets become code points wherever a row holds one.
    let char_index: Vec<CharIndex> = if passages.is_empty() && scores.is_none() {
        Vec::new()
    } else {
        (0..docs.len() as u32)
            .into_par_iter()
            .map(|i| Ok(CharIndex::new(&corpus.text(DocId(i))?)))
            .collect::<Result<_>>()?
    };

    let mut out = Results {
        documents: (0..docs.len() as u32)
            .into_par_iter()
            .zip(&documents)
            .map(|(i, f)| {
                let text =
                    if keep_text { corpus.text(DocId(i))?.into_owned() } else { String::new() };
                Ok(doc_row(corpus.get(DocId(i)), f, text))
            })
            .collect::<Result<_>>()?,
        similarity: matrix(matrices.similarity),
        containment: matrix(matrices.containment),
        reuse: matrix(matrices.reuse),
        framing_distance: matrix(matrices.framing_distance),
        related: matrix(matrices.related),
        passages_skipped,
        ..Results::default()
    };
    for p in &pairs {
        let (da, db) = (corpus.get(p.a), corpus.get(p.b));
        let reuse: Vec<&Passage> = passages[p.passages.clone()]
            .iter()
            .filter(|f| !f.boilerplate)
            .map(|f| &f.passage)
            .collect();
        let mut row = pair_row(
            da,
            db,
            &p.overlap,
            p.estimate,
            p.verdict,
            (p.likely_source, p.source_reason),
            &reuse,
        );
        row.cluster = p.cluster.map(u64::from);
        row.aligned_via = p.aligned_via.map(id).unwrap_or_default();
        row.related = p.related;
        out.pairs.push(row);
    }
    for (c, members) in clusters.members.iter().enumerate() {
        let rep = id(clusters.representative[c]);
        for &m in members {
            out.clusters.push(ClusterRow {
                cluster: c as u64 + 1,
                doc_id: id(m),
                representative: rep.clone(),
                size: members.len() as u64,
            });
        }
    }
    // In parallel: each row copies its two texts and converts offsets. The
    // passages of one pair follow each other: their two texts are read
    // (back from the temporary file, when set aside) once per pair.
    let runs: Vec<(usize, &[_])> = passages
        .chunk_by(|x, y| (x.a, x.b) == (y.a, y.b))
        .scan(0, |first, run| {
            let at = *first;
            *first += run.len();
            Some((at, run))
        })
        .collect();
    let rows: Vec<Vec<PassageRow>> = runs
        .par_iter()
        .map(|&(first, run)| {
            let (ia, ib) = (run[0].a, run[0].b);
            let (a, b) = (ia.index(), ib.index());
            let texts = (corpus.text(ia)?, corpus.text(ib)?);
            Ok(run
                .iter()
                .enumerate()
                .map(|(k, f)| {
                    let mut row = passage_row_in(
                        (&docs[a], &texts.0, &char_index[a]),
                        (&docs[b], &texts.1, &char_index[b]),
                        &f.passage,
                    );
                    row.passage = (first + k) as u64 + 1;
                    row.boilerplate = f.boilerplate;
                    row.recurs_in = f.recurs_in as u64;
                    row
                })
                .collect())
        })
        .collect::<Result<_>>()?;
    out.passages = rows.into_iter().flatten().collect();
    if let Some(scores) = scores {
        out.framing_shift = frame_shifts
            .iter()
            .map(|s| ShiftRow {
                doc_a: id(s.a),
                doc_b: id(s.b),
                frame: scores.frames[s.frame].clone(),
                shared_a_words: s.shared_a_words as u64,
                rewritten_a_words: s.rewritten_a_words as u64,
                shared_b_words: s.shared_b_words as u64,
                rewritten_b_words: s.rewritten_b_words as u64,
                shared_a_per_1k: s.shared_a_per_1k,
                rewritten_a_per_1k: s.rewritten_a_per_1k,
                shared_b_per_1k: s.shared_b_per_1k,
                rewritten_b_per_1k: s.rewritten_b_per_1k,
            })
            .collect();
        score_rows(&mut out, corpus, scores, &char_index, stream)?;
    }
    if stream {
        out.streamed.related = related;
    } else {
        out.related_pairs = related
            .iter()
            .map(|r| {
                let (a, b) = (&docs[r.a.index()].id, &docs[r.b.index()].id);
                Streamed::related_ref(a, b, r).to_row()
            })
            .collect();
    }
    if stream {
        out.streamed.ids = ids();
    }
    if let Some(st) = stories {
        story_rows(&mut out, corpus, &clusters.cluster, st);
    }
    Ok(out)
}

/// `framing.csv`, `stance.csv` and `evidence.csv`. Each document's rows
/// are made on their own (in parallel: the evidence table of a large corpus
/// has millions of rows), then appended in document order; when `stream`,
/// the hits are kept packed in `out.streamed` instead of evidence rows.
fn score_rows(
    out: &mut Results,
    corpus: &Corpus,
    scores: CorpusScores,
    char_index: &[CharIndex],
    stream: bool,
) -> Result<()> {
    type DocRows = (FramingRow, StanceRow, DocHits);
    let per_doc: Vec<DocRows> = corpus
        .docs()
        .par_iter()
        .zip(scores.docs)
        .zip(char_index)
        .enumerate()
        .map(|(i, ((d, s), ci))| {
            Ok(doc_score_rows(i as u32, d, &corpus.text(DocId(i as u32))?, s, ci))
        })
        .collect::<Result<_>>()?;
    out.frame_keys = scores.frames;
    out.target_keys = scores.targets;
    let mut hits = Vec::with_capacity(per_doc.len());
    for (framing, stance, h) in per_doc {
        out.framing.push(framing);
        out.stance.push(stance);
        if !h.hits.is_empty() {
            hits.push(h);
        }
    }
    if stream {
        out.streamed.set_evidence(hits);
    } else {
        let docs = corpus.docs();
        let rows: Vec<Vec<EvidenceRow>> =
            hits.par_iter().map(|h| h.to_rows(&docs[h.doc as usize].id).collect()).collect();
        drop(hits);
        out.evidence.reserve(rows.iter().map(Vec::len).sum());
        for r in rows {
            out.evidence.extend(r);
        }
    }
    Ok(())
}

/// One document's framing and stance rows, and its hits with their
/// code-point offsets (the evidence rows).
fn doc_score_rows(
    doc: u32,
    d: &Document,
    text: &str,
    s: DocScore,
    ci: &CharIndex,
) -> (FramingRow, StanceRow, DocHits) {
    let frames = s.frames.iter().map(|f| FrameCell { per_1k: f.per_1k, hits: f.hits as u64 });
    let framing =
        FramingRow { doc_id: d.id.clone(), words: s.words as u64, frames: frames.collect() };
    let targets = s.stance.iter().map(|t| StanceCell {
        score: t.score,
        mentions: t.mentions as u64,
        quoted_score: t.quoted_score,
        quoted_mentions: t.quoted_mentions as u64,
    });
    let stance = StanceRow { doc_id: d.id.clone(), targets: targets.collect() };
    let cp = |byte: usize| ci.cp(text, byte) as u64;
    let sentences = &s.sentences;
    let mut joined = Vec::new();
    let at = s
        .hits
        .iter()
        .enumerate()
        .map(|(j, h)| {
            let (ss, se) = sentences
                .get(h.sentence as usize)
                .map_or((h.start, h.end), |x| (x.0 as usize, x.1 as usize));
            // The `modifiers` cell, when it is not one of the hit's strings.
            if h.modifiers().len() > 1 {
                joined.push((j, h.modifiers().collect::<Vec<_>>().join(";")));
            }
            [cp(h.start), cp(h.end), cp(ss), cp(se)]
        })
        .collect();
    (framing, stance, DocHits { doc, hits: s.hits, at, joined })
}

/// The rows of the long tables kept typed until written (see
/// [`results_streamed`]): the lexicon hits of each document with their
/// code-point offsets, and the related pairs.
#[derive(Clone, Debug, Default)]
pub struct Streamed {
    /// Document ids, in corpus order (set when streaming).
    ids: Vec<String>,
    /// The documents with hits, in corpus order.
    evidence: Vec<DocHits>,
    /// The row number of each entry's first hit in `evidence`.
    evidence_first: Vec<usize>,
    evidence_len: usize,
    related: Vec<crate::analysis::RelatedPair>,
}

/// A document's hits and, per hit, `[start, end, sentence start, sentence
/// end]` in code points, with the `modifiers` cell of the hits that have
/// more than one (by hit).
#[derive(Clone, Debug)]
struct DocHits {
    doc: u32,
    hits: HitList,
    at: Vec<[u64; 4]>,
    joined: Vec<(usize, String)>,
}

impl DocHits {
    /// The evidence rows.
    fn to_rows(&self, doc_id: &str) -> impl Iterator<Item = EvidenceRow> + '_ {
        let doc_id = doc_id.to_string();
        (0..self.hits.len()).map(move |j| self.row(&doc_id, j).to_row())
    }

    /// Hit `j` as an evidence row.
    fn row<'a>(&'a self, doc_id: &'a str, j: usize) -> EvidenceRef<'a> {
        let h = self.hits.get(j);
        let [start, end, sentence_start, sentence_end] = self.at[j];
        let modifiers = match self.joined.binary_search_by_key(&j, |x| x.0) {
            Ok(k) => self.joined[k].1.as_str(),
            Err(_) => h.modifiers().next().unwrap_or_default(),
        };
        EvidenceRef {
            doc_id,
            sentence: u64::from(h.sentence) + 1,
            start,
            end,
            sentence_start,
            sentence_end,
            surface: h.surface,
            normalized: h.normalized,
            entry: h.entry,
            category: h.category,
            weight: h.weight,
            modifiers,
            target: h.target.unwrap_or_default(),
            holder: h.holder.unwrap_or_default(),
            object: h.object.unwrap_or_default(),
            voice: h.voice.as_str(),
            contribution: h.contribution,
        }
    }
}

impl Streamed {
    fn set_evidence(&mut self, evidence: Vec<DocHits>) {
        let mut at = 0;
        self.evidence_first = evidence
            .iter()
            .map(|d| {
                let first = at;
                at += d.hits.len();
                first
            })
            .collect();
        self.evidence_len = at;
        self.evidence = evidence;
    }

    /// Evidence rows kept here.
    pub(crate) fn evidence_len(&self) -> usize {
        self.evidence_len
    }

    /// Evidence row `i` (`i < evidence_len()`).
    pub(crate) fn evidence_row(&self, i: usize) -> EvidenceRef<'_> {
        let k = self.evidence_first.partition_point(|&first| first <= i) - 1;
        let d = &self.evidence[k];
        d.row(&self.ids[d.doc as usize], i - self.evidence_first[k])
    }

    /// Related pairs kept here.
    pub(crate) fn related_len(&self) -> usize {
        self.related.len()
    }

    /// Related pair `i` (`i < related_len()`).
    pub(crate) fn related_row(&self, i: usize) -> RelatedRef<'_> {
        let r = &self.related[i];
        Streamed::related_ref(&self.ids[r.a.index()], &self.ids[r.b.index()], r)
    }

    fn related_ref<'a>(
        doc_a: &'a str,
        doc_b: &'a str,
        r: &crate::analysis::RelatedPair,
    ) -> RelatedRef<'a> {
        RelatedRef { doc_a, doc_b, related: r.related, cosine: r.cosine, reuse: r.reuse }
    }
}

/// `stories.csv` and `story_framing.csv`.
fn story_rows(out: &mut Results, corpus: &Corpus, cluster_of: &[Option<u32>], st: StoryFindings) {
    let id = |i: u32| corpus.get(DocId(i)).id.clone();
    let title = |i: u32| corpus.get(DocId(i)).title.clone().unwrap_or_default();
    let stories = &st.stories;
    for (k, members) in stories.members.iter().enumerate() {
        let rep = stories.representative[k];
        let rep_title = match title(rep) {
            t if t.trim().is_empty() => id(rep),
            t => t,
        };
        for &m in members {
            let d = corpus.get(DocId(m));
            out.stories.push(StoryRow {
                story: k as u64 + 1,
                doc_id: d.id.clone(),
                title: d.title.clone().unwrap_or_default(),
                outlet: d.outlet.clone().unwrap_or_default(),
                date: d.date.clone().unwrap_or_default(),
                cluster: cluster_of.get(m as usize).copied().flatten().map(u64::from),
                size: members.len() as u64,
                representative: id(rep),
                representative_title: rep_title.clone(),
                shift_with: st.shift_with[m as usize]
                    .iter()
                    .map(|&o| corpus.get(o).id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
            });
        }
    }
    out.story_framing = st
        .framing
        .into_iter()
        .map(|(k, r)| StoryFramingRow {
            story: k as u64 + 1,
            outlet: r.outlet,
            docs: r.docs,
            words: r.words,
            measure: r.measure.as_str().to_string(),
            key: r.key,
            value: r.value,
            n: r.n,
            rest_value: r.rest_value,
            rest_n: r.rest_n,
            change: r.change.to_string(),
        })
        .collect();
}

/// A documents.csv row, with `text` (empty unless a format shows texts).
fn doc_row(d: &Document, f: &DocFacts, text: String) -> DocRow {
    let language = match (&d.language, f.detected_language) {
        (Some(l), _) => l.clone(),
        (None, detected) => detected.unwrap_or_default().to_string(),
    };
    DocRow::new(d, f.words as u64, f.chars as u64, language, text)
}

/// A pairs.csv row for documents `da` < `db` (by id): their overlap,
/// MinHash estimate, verdict, likely source and passages of reuse.
/// `cluster`, `aligned_via` and `related` are left for the caller.
pub fn pair_row(
    da: &Document,
    db: &Document,
    ov: &Overlap,
    estimate: f64,
    verdict: Verdict,
    (source, reason): (Option<Side>, SourceReason),
    reuse: &[&Passage],
) -> PairRow {
    PairRow {
        doc_a: da.id.clone(),
        doc_b: db.id.clone(),
        jaccard_est: estimate,
        jaccard: Some(ov.jaccard),
        containment_ab: ov.containment_ab,
        containment_ba: ov.containment_ba,
        passages: reuse.len() as u64,
        shared_words: reuse.iter().map(|p| p.a_words as u64).sum(),
        // Both counted on doc_a's side, so the longest never exceeds the total.
        longest_passage_words: reuse.iter().map(|p| p.a_words as u64).max().unwrap_or(0),
        likely_source: match source {
            Some(Side::A) => da.id.clone(),
            Some(Side::B) => db.id.clone(),
            None => String::new(),
        },
        source_reason: reason.to_string(),
        cluster: None,
        verdict: verdict.to_string(),
        aligned_via: String::new(),
        related: None,
    }
}

/// A passages.csv row for passage `p` of documents `da` and `db` (with their
/// [`CharIndex`]es): byte spans become code points, texts are the exact
/// slices. `passage` (the number), `recurs_in` and `boilerplate` are left
/// for the caller.
pub fn passage_row(
    da: &Document,
    db: &Document,
    ia: &CharIndex,
    ib: &CharIndex,
    p: &Passage,
) -> PassageRow {
    passage_row_in((da, &da.text, ia), (db, &db.text, ib), p)
}

/// [`passage_row`] with each document's text given beside it (read back
/// when the corpus's texts are set aside).
fn passage_row_in(
    (da, ta, ia): (&Document, &str, &CharIndex),
    (db, tb, ib): (&Document, &str, &CharIndex),
    p: &Passage,
) -> PassageRow {
    PassageRow {
        passage: 0,
        doc_a: da.id.clone(),
        a_start: ia.cp(ta, p.a_start) as u64,
        a_end: ia.cp(ta, p.a_end) as u64,
        doc_b: db.id.clone(),
        b_start: ib.cp(tb, p.b_start) as u64,
        b_end: ib.cp(tb, p.b_end) as u64,
        a_words: p.a_words as u64,
        b_words: p.b_words as u64,
        score: p.score,
        kind: p.kind.to_string(),
        copied_run: p.copied_run as u64,
        recurs_in: 0,
        boilerplate: false,
        a_text: ta[p.a_start..p.a_end].to_string(),
        b_text: tb[p.b_start..p.b_end].to_string(),
    }
}
