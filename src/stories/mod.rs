//! Stories: groups of articles that tell the same story.
//!
//! Input: the number of documents, each document's date (days since
//! 1970-01-01, when readable), the related pairs ([`crate::related`]) and the
//! near-duplicate pairs. Output: [`Stories`]: each story's members (at least
//! two documents) and its representative.
//!
//! The rule (deterministic, documented in DESIGN.md):
//!
//! 1. Near-duplicates (copies, excerpts) always share a story: their
//!    clusters are merged first, so every near-duplicate cluster nests
//!    inside one story.
//! 2. An edge is a pair with `related ≥ threshold` whose dates, when both
//!    are known, are at most `window_days` apart.
//! 3. Edges are taken from the most related down (ties by document
//!    numbers). Two groups merge when the mean relatedness over *all* their
//!    cross pairs (pairs that are not edges count 0) is at least `linkage`.
//!    Plain connected components chain: A tells B's story, B tells C's, and
//!    at scale everything ends in one group. Average linkage lets a story
//!    grow only with articles related to much of it.
//! 4. Stories are numbered from 1 by size (largest first), then by their
//!    smallest document number. The representative is the member most
//!    related to the others (sum over the story's edges), then the earliest
//!    date, then the smallest document number.
//!
//! Invariant: the result depends only on the inputs, not on their order
//! (edges are sorted here).

pub mod framing;

use std::collections::BTreeMap;

/// Settings of the story rule.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryOptions {
    /// Smallest relatedness of an edge.
    pub threshold: f64,
    /// Largest distance in days between the dates of an edge's documents
    /// (documents without a readable date are not constrained).
    pub window_days: i64,
    /// Smallest mean relatedness over all cross pairs for two groups to
    /// merge.
    pub linkage: f64,
}

impl Default for StoryOptions {
    fn default() -> Self {
        StoryOptions { threshold: 0.2, window_days: 7, linkage: 0.1 }
    }
}

/// The stories of a corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stories {
    /// Members of each story (document numbers, increasing); story `k` is
    /// numbered `k + 1`.
    pub members: Vec<Vec<u32>>,
    /// Representative of each story.
    pub representative: Vec<u32>,
    /// Story number (from 1) of each document, `None` when it is alone.
    pub story_of: Vec<Option<u32>>,
}

/// Days since 1970-01-01 of an ISO date (`YYYY-MM-DD`, a time may
/// follow), or `None` when it is not one. Dates are read by the same rule
/// as everywhere else ([`crate::ingest::date_key`]).
pub fn days_of(date: &str) -> Option<i64> {
    crate::ingest::date_key(date).map(|k| k.0)
}

/// Groups `n` documents into stories. `related` holds `(a, b, related)`
/// pairs (`a != b`, any order; pairs below the threshold are ignored),
/// `duplicates` the near-duplicate pairs, `days` each document's date.
pub fn stories(
    n: usize,
    days: &[Option<i64>],
    related: &[(u32, u32, f64)],
    duplicates: &[(u32, u32)],
    opts: &StoryOptions,
) -> Stories {
    let within = |a: u32, b: u32| match (days.get(a as usize), days.get(b as usize)) {
        (Some(Some(x)), Some(Some(y))) => (x - y).abs() <= opts.window_days,
        _ => true,
    };
    let mut edges: Vec<(f64, u32, u32)> = related
        .iter()
        .filter(|&&(a, b, _)| a != b && (a as usize) < n && (b as usize) < n)
        .filter(|&&(a, b, r)| r >= opts.threshold && within(a, b))
        .map(|&(a, b, r)| (r, a.min(b), a.max(b)))
        .collect();
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    edges.dedup_by(|x, y| x.1 == y.1 && x.2 == y.2);
    let mut adj: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
    for &(r, a, b) in &edges {
        adj[a as usize].push((b, r));
        adj[b as usize].push((a, r));
    }
    let mut g = Groups::new(n);
    for &(a, b) in duplicates {
        if (a as usize) < n && (b as usize) < n {
            g.union(a, b);
        }
    }
    // The sum of edge weights between each two groups, kept up to date as
    // groups merge (the smaller link list moves), so that deciding a merge
    // costs one lookup: walking a group's members at every edge made a
    // corpus of many short, loosely related texts quadratic (BENCHMARKS.md
    // §14). Sorted maps keep the order of additions, and so the sums,
    // independent of hashing.
    let mut links: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); n];
    for &(r, a, b) in &edges {
        let (ra, rb) = (g.find(a), g.find(b));
        if ra != rb {
            *links[ra as usize].entry(rb).or_insert(0.0) += r;
            *links[rb as usize].entry(ra).or_insert(0.0) += r;
        }
    }
    for &(_, a, b) in &edges {
        let (ra, rb) = (g.find(a), g.find(b));
        if ra == rb {
            continue;
        }
        let sizes = (g.members[ra as usize].len(), g.members[rb as usize].len());
        let sum = links[ra as usize].get(&rb).copied().unwrap_or(0.0);
        if sum / (sizes.0 * sizes.1) as f64 >= opts.linkage {
            let keep = g.union(ra, rb);
            let gone = if keep == ra { rb } else { ra };
            merge_links(&mut links, keep, gone);
        }
    }
    // Groups of two or more, numbered by size then smallest member.
    let roots: Vec<u32> = (0..n as u32).filter(|&i| g.find(i) == i).collect();
    let mut groups: Vec<Vec<u32>> = roots
        .into_iter()
        .filter(|&i| g.members[i as usize].len() >= 2)
        .map(|i| {
            let mut m = g.members[i as usize].clone();
            m.sort_unstable();
            m
        })
        .collect();
    groups.sort_by(|x, y| y.len().cmp(&x.len()).then(x[0].cmp(&y[0])));
    let mut story_of = vec![None; n];
    for (k, m) in groups.iter().enumerate() {
        for &d in m {
            story_of[d as usize] = Some(k as u32 + 1);
        }
    }
    let representative = groups
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let story = Some(k as u32 + 1);
            let centrality = |d: u32| -> f64 {
                adj[d as usize]
                    .iter()
                    .filter(|(x, _)| story_of[*x as usize] == story)
                    .map(|(_, r)| r)
                    .sum()
            };
            // Most central, then earliest date (unknown last), then smallest.
            let key = |d: u32| (centrality(d), days.get(d as usize).copied().flatten());
            let mut best = m[0];
            let mut best_key = key(best);
            for &d in &m[1..] {
                let k = key(d);
                let earlier = match (k.1, best_key.1) {
                    (Some(x), Some(y)) => x < y,
                    (Some(_), None) => true,
                    _ => false,
                };
                if k.0 > best_key.0 || (k.0 == best_key.0 && earlier) {
                    best = d;
                    best_key = k;
                }
            }
            best
        })
        .collect();
    Stories { members: groups, representative, story_of }
}

/// Moves group `gone`'s links to `keep`, which it was merged into: each
/// neighbour's link to `gone` becomes (or adds to) its link to `keep`.
fn merge_links(links: &mut [BTreeMap<u32, f64>], keep: u32, gone: u32) {
    let moved = std::mem::take(&mut links[gone as usize]);
    links[keep as usize].remove(&gone);
    for (nbr, w) in moved {
        if nbr == keep {
            continue;
        }
        let l = &mut links[nbr as usize];
        l.remove(&gone);
        *l.entry(keep).or_insert(0.0) += w;
        *links[keep as usize].entry(nbr).or_insert(0.0) += w;
    }
}

/// Union-find with member lists (the smaller list moves).
struct Groups {
    parent: Vec<u32>,
    members: Vec<Vec<u32>>,
}

impl Groups {
    fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n as u32).collect(),
            members: (0..n as u32).map(|i| vec![i]).collect(),
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    /// Merges the groups of `a` and `b`; returns the root kept.
    fn union(&mut self, a: u32, b: u32) -> u32 {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return ra;
        }
        // The larger group's root stays (ties: the smaller root), so the
        // roots, like everything else, depend only on the merge order.
        let (keep, gone) =
            match self.members[ra as usize].len().cmp(&self.members[rb as usize].len()) {
                std::cmp::Ordering::Greater => (ra, rb),
                std::cmp::Ordering::Less => (rb, ra),
                std::cmp::Ordering::Equal => (ra.min(rb), ra.max(rb)),
            };
        self.parent[gone as usize] = keep;
        let moved = std::mem::take(&mut self.members[gone as usize]);
        self.members[keep as usize].extend(moved);
        keep
    }
}

#[cfg(test)]
mod tests;
