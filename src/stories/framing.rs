//! Framing compared within a story: how each outlet tells it.
//!
//! Input: the story's documents, each with its outlet (or, when the outlet
//! is unknown, its own id: a document then stands for itself), its word
//! count, its frame hits and its stance per target (author's voice: score
//! and mentions), as `framing.csv` and `stance.csv` give them. Output: rows
//! of `story_framing.csv`, per outlet of the story:
//!
//! - `frame`: the outlet's rate per 1,000 words on this story (its hits
//!   over its words, documents pooled) beside the rate of the story's other
//!   outlets, with the difference; `change` is `adds` when the outlet uses
//!   the frame and no other outlet does on this story, `leaves_out` when it
//!   does not and another does;
//! - `stance`: the outlet's stance toward a target on this story (the
//!   mention-weighted mean of its documents' scores) beside the other
//!   outlets', with the mentions behind each;
//! - `distance`: the framing distance between this outlet's frame profile
//!   on the story and another outlet's (the run's `--distance`), for
//!   stories of at most [`MAX_DISTANCE_GROUPS`] outlets.
//!
//! A story told by a single outlet has nothing to compare and gives no row.
//! Cost: distance rows grow with the square of a story's outlets; a story of
//! thousands of documents without outlets (each its own group) would ask for
//! millions of them, so above [`MAX_DISTANCE_GROUPS`] the story gets its
//! frame and stance rows only (linear in its outlets) and the caller says so.
//! Frames and targets nobody in the story touches give no row.
//!
//! Invariant: outlets in name order, frames and targets in the lexicon's
//! order, so the rows depend only on the inputs.

use std::collections::BTreeMap;

use crate::score::{framing_distance, Distance};

/// Above this many outlets (documents without one counting one each) in a
/// story, its `distance` rows are left out: there would be one per ordered
/// pair of outlets. Real stories are told by tens of outlets.
pub const MAX_DISTANCE_GROUPS: usize = 200;

/// One document of a story, as scored.
#[derive(Clone, Debug)]
pub struct DocFraming<'a> {
    /// Outlet, or the document id when the outlet is unknown.
    pub group: &'a str,
    /// Words of the document.
    pub words: u64,
    /// Hits per frame, in the lexicon's frame order.
    pub frame_hits: Vec<u64>,
    /// `(score, mentions)` per target (author's voice), in target order.
    pub stance: Vec<(f64, u64)>,
}

/// What a row measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// A frame's rate per 1,000 words.
    Frame,
    /// Stance toward a target.
    Stance,
    /// Framing distance to another outlet.
    Distance,
}

impl Measure {
    /// The name written in the table.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Frame => "frame",
            Measure::Stance => "stance",
            Measure::Distance => "distance",
        }
    }
}

/// One row of `story_framing.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The outlet (or document id).
    pub outlet: String,
    /// The outlet's documents in the story.
    pub docs: u64,
    /// Their words.
    pub words: u64,
    /// What is measured.
    pub measure: Measure,
    /// Frame key, target key, or the other outlet (`distance`).
    pub key: String,
    /// The outlet's value: rate per 1,000 words, stance score or distance.
    pub value: f64,
    /// Hits (frame), mentions (stance) or the other outlet's documents.
    pub n: u64,
    /// The same measure over the story's other outlets (not for distance).
    pub rest_value: Option<f64>,
    /// Hits or mentions behind `rest_value`.
    pub rest_n: Option<u64>,
    /// `adds`, `leaves_out` or empty (frames only).
    pub change: &'static str,
}

#[derive(Default, Clone)]
struct Pool {
    docs: u64,
    words: u64,
    hits: Vec<u64>,
    /// Σ score·mentions and Σ mentions per target.
    stance: Vec<(f64, u64)>,
}

impl Pool {
    fn add(&mut self, d: &DocFraming<'_>) {
        self.docs += 1;
        self.words += d.words;
        add_all(&mut self.hits, &d.frame_hits);
        if self.stance.len() < d.stance.len() {
            self.stance.resize(d.stance.len(), (0.0, 0));
        }
        for (acc, &(s, m)) in self.stance.iter_mut().zip(&d.stance) {
            acc.0 += s * m as f64;
            acc.1 += m;
        }
    }

    fn merge(&mut self, o: &Pool) {
        self.docs += o.docs;
        self.words += o.words;
        add_all(&mut self.hits, &o.hits);
        if self.stance.len() < o.stance.len() {
            self.stance.resize(o.stance.len(), (0.0, 0));
        }
        for (acc, &(s, m)) in self.stance.iter_mut().zip(&o.stance) {
            acc.0 += s;
            acc.1 += m;
        }
    }

    /// `self` without `o` (a part of it): the rest of a story in one step.
    fn minus(&self, o: &Pool) -> Pool {
        let mut out = self.clone();
        out.docs -= o.docs;
        out.words -= o.words;
        for (a, b) in out.hits.iter_mut().zip(&o.hits) {
            *a -= b;
        }
        for (a, b) in out.stance.iter_mut().zip(&o.stance) {
            a.0 -= b.0;
            a.1 -= b.1;
        }
        out
    }

    fn rate(&self, f: usize) -> f64 {
        let h = self.hits.get(f).copied().unwrap_or(0);
        if self.words == 0 {
            0.0
        } else {
            h as f64 * 1000.0 / self.words as f64
        }
    }

    fn stance(&self, t: usize) -> (f64, u64) {
        match self.stance.get(t) {
            Some(&(sum, m)) if m > 0 => ((sum / m as f64).clamp(-1.0, 1.0), m),
            _ => (0.0, 0),
        }
    }

    fn profile(&self, frames: usize) -> Vec<f64> {
        (0..frames).map(|f| self.rate(f)).collect()
    }
}

fn add_all(acc: &mut Vec<u64>, v: &[u64]) {
    if acc.len() < v.len() {
        acc.resize(v.len(), 0);
    }
    for (a, b) in acc.iter_mut().zip(v) {
        *a += b;
    }
}

/// The rows of one story, and whether its `distance` rows are there: they
/// are left out when the story has more than [`MAX_DISTANCE_GROUPS`] outlets.
pub fn compare(
    docs: &[DocFraming<'_>],
    frames: &[String],
    targets: &[String],
    distance: Distance,
) -> (Vec<Row>, bool) {
    let mut pools: BTreeMap<&str, Pool> = BTreeMap::new();
    for d in docs {
        pools.entry(d.group).or_default().add(d);
    }
    if pools.len() < 2 {
        return (Vec::new(), true);
    }
    let mut total = Pool::default();
    for p in pools.values() {
        total.merge(p);
    }
    let small = pools.len() <= MAX_DISTANCE_GROUPS;
    let mut rows = Vec::new();
    for (&outlet, p) in &pools {
        // The rest of the story: every other outlet, pooled. Summed outlet
        // by outlet on stories of usual size; on a larger one, the whole
        // story less this outlet (the same counts; stance sums may differ
        // in the last bits), so that the cost stays linear.
        let rest = if small {
            let mut rest = Pool::default();
            for (&o, q) in &pools {
                if o != outlet {
                    rest.merge(q);
                }
            }
            rest
        } else {
            total.minus(p)
        };
        let row = |measure, key: &str, value, n, rest_value, rest_n, change| Row {
            outlet: outlet.to_string(),
            docs: p.docs,
            words: p.words,
            measure,
            key: key.to_string(),
            value,
            n,
            rest_value,
            rest_n,
            change,
        };
        for (f, key) in frames.iter().enumerate() {
            let (h, rh) =
                (p.hits.get(f).copied().unwrap_or(0), rest.hits.get(f).copied().unwrap_or(0));
            if h == 0 && rh == 0 {
                continue;
            }
            let change = match (h > 0, rh > 0) {
                (true, false) => "adds",
                (false, true) => "leaves_out",
                _ => "",
            };
            rows.push(row(Measure::Frame, key, p.rate(f), h, Some(rest.rate(f)), Some(rh), change));
        }
        for (t, key) in targets.iter().enumerate() {
            let ((s, m), (rs, rm)) = (p.stance(t), rest.stance(t));
            if m == 0 && rm == 0 {
                continue;
            }
            rows.push(row(Measure::Stance, key, s, m, Some(rs), Some(rm), ""));
        }
        if !small {
            continue;
        }
        for (&other, q) in &pools {
            if other == outlet {
                continue;
            }
            let d = framing_distance(&p.profile(frames.len()), &q.profile(frames.len()), distance);
            rows.push(row(Measure::Distance, other, d, q.docs, None, None, ""));
        }
    }
    (rows, small)
}
