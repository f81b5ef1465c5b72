//! Clusters of near-duplicates, their representatives, and which document
//! of a pair is the likely source.
//!
//! Input: the verified pairs (edges between [`DocId`]s) and the documents.
//! Output: a [`ClusterInfo`] (connected components of two or more
//! documents) and, per pair, a [`likely_source`] verdict with its reason.
//!
//! Invariants: the result depends only on the set of edges, not on their
//! order; clusters are numbered from 1 in order of their smallest member;
//! members are listed in id order; documents in no edge are in no cluster.

use std::fmt;

use crate::candidates::Overlap;
use crate::doc::{DocId, Document};

/// Disjoint sets over `0..n` with path halving and union by size.
#[derive(Clone, Debug)]
pub struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    /// `n` singletons.
    pub fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n as u32).collect(), size: vec![1; n] }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    /// True when there are no elements.
    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    /// The representative of `x`'s set (`x` itself when out of range).
    pub fn find(&mut self, x: u32) -> u32 {
        let mut x = x;
        while let Some(&p) = self.parent.get(x as usize) {
            if p == x {
                break;
            }
            // Path halving: point x at its grandparent as we climb.
            let gp = self.parent.get(p as usize).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x as usize) {
                *slot = gp;
            }
            x = gp;
        }
        x
    }

    /// Merges the sets of `a` and `b`; false when they were already one set
    /// (or either is out of range).
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let n = self.parent.len() as u32;
        if a >= n || b >= n {
            return false;
        }
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (sa, sb) = (self.size[ra as usize], self.size[rb as usize]);
        let (big, small) = if sa >= sb { (ra, rb) } else { (rb, ra) };
        self.parent[small as usize] = big;
        self.size[big as usize] = sa + sb;
        true
    }
}

/// Clusters of a corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterInfo {
    /// Per document: its cluster number (from 1), or `None` when it is in
    /// no pair.
    pub cluster: Vec<Option<u32>>,
    /// `members[c - 1]`: the documents of cluster `c`, in id order.
    pub members: Vec<Vec<DocId>>,
    /// `representative[c - 1]`: the representative of cluster `c`.
    pub representative: Vec<DocId>,
}

impl ClusterInfo {
    /// Number of clusters.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// True when no document is in a cluster.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }
}

/// Connected components of the edges among `n_docs` documents.
///
/// Components with two or more documents are clusters, numbered from 1 by
/// their smallest member. The representative is the earliest-dated member
/// (ISO `YYYY-MM-DD`; undated or unreadable dates last), then the longest
/// text (`chars[i]`, its length in code points), then the smallest id.
/// Edges naming a document `≥ n_docs` and self-edges are ignored; a
/// document missing from `docs` counts as undated, and from `chars` as
/// empty.
pub fn clusters(
    n_docs: usize,
    edges: &[(DocId, DocId)],
    docs: &[Document],
    chars: &[usize],
) -> ClusterInfo {
    let mut uf = UnionFind::new(n_docs);
    let mut in_edge = vec![false; n_docs];
    for &(a, b) in edges {
        if a == b || a.index() >= n_docs || b.index() >= n_docs {
            continue;
        }
        uf.union(a.0, b.0);
        in_edge[a.index()] = true;
        in_edge[b.index()] = true;
    }
    // Documents in id order: the first member of a component met in this
    // scan is its smallest, which fixes the numbering.
    let mut number_of_root: Vec<Option<u32>> = vec![None; n_docs];
    let mut info = ClusterInfo { cluster: vec![None; n_docs], ..ClusterInfo::default() };
    for (d, _) in in_edge.iter().enumerate().filter(|(_, &linked)| linked) {
        let root = uf.find(d as u32) as usize;
        let c = match number_of_root[root] {
            Some(c) => c,
            None => {
                info.members.push(Vec::new());
                let c = info.members.len() as u32;
                number_of_root[root] = Some(c);
                c
            }
        };
        info.cluster[d] = Some(c);
        if let Some(m) = info.members.get_mut(c as usize - 1) {
            m.push(DocId(d as u32));
        }
    }
    info.representative = info
        .members
        .iter()
        .map(|m| {
            m.iter()
                .copied()
                .min_by_key(|&id| {
                    let doc = docs.get(id.index());
                    // Earliest day, then earliest instant when known.
                    let date = doc
                        .and_then(|d| crate::ingest::date_key(d.date.as_deref()?))
                        .map(|(day, at)| (day, at.unwrap_or(i64::MAX)));
                    let chars = chars.get(id.index()).copied().unwrap_or(0);
                    // None sorts after every date; longer first; then id.
                    (date.is_none(), date, std::cmp::Reverse(chars), id)
                })
                .unwrap_or(DocId(0))
        })
        .collect();
    info
}

/// One side of a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The first document (`doc_a`).
    A,
    /// The second document (`doc_b`).
    B,
}

/// Why a document was judged the likely source of a pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceReason {
    /// Both are dated and this one was published first.
    EarlierDate,
    /// No usable dates; the other document's shingles are mostly contained
    /// in this one, so the other looks like an excerpt (the copy).
    Contains,
    /// Neither rule decides.
    Unknown,
}

impl fmt::Display for SourceReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SourceReason::EarlierDate => "earlier_date",
            SourceReason::Contains => "contained",
            SourceReason::Unknown => "unknown",
        })
    }
}

/// Containment above which the contained document counts as an excerpt.
pub const EXCERPT_CONTAINMENT: f64 = 0.8;

/// How much more contained the excerpt must be than the other direction,
/// so that two near-identical copies (both ≈ 1) stay undecided.
pub const CONTAINMENT_MARGIN: f64 = 0.1;

/// Which of `a` and `b` is the likely source, and why.
///
/// 1. Both dates readable and different: the earlier one
///    ([`SourceReason::EarlierDate`]).
/// 2. Otherwise, when one document's shingles are mostly (≥ 80 %) found in
///    the other and clearly more so than the reverse (by ≥ 0.1), the
///    contained one is taken as the copy — republishers trim far more often
///    than they pad — and the containing one as the source
///    ([`SourceReason::Contains`]).
/// 3. Otherwise `(None, Unknown)`.
pub fn likely_source(a: &Document, b: &Document, ov: &Overlap) -> (Option<Side>, SourceReason) {
    let ka = a.date.as_deref().and_then(crate::ingest::date_key);
    let kb = b.date.as_deref().and_then(crate::ingest::date_key);
    if let (Some(ka), Some(kb)) = (ka, kb) {
        // Instants when both dates have a time and a zone (same-day
        // reprints are ordered), else calendar days.
        let order = match (ka.1, kb.1) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => ka.0.cmp(&kb.0),
        };
        if order != std::cmp::Ordering::Equal {
            let side = if order.is_lt() { Side::A } else { Side::B };
            return (Some(side), SourceReason::EarlierDate);
        }
    }
    if ov.containment_ba >= EXCERPT_CONTAINMENT
        && ov.containment_ba - ov.containment_ab >= CONTAINMENT_MARGIN
    {
        return (Some(Side::A), SourceReason::Contains);
    }
    if ov.containment_ab >= EXCERPT_CONTAINMENT
        && ov.containment_ab - ov.containment_ba >= CONTAINMENT_MARGIN
    {
        return (Some(Side::B), SourceReason::Contains);
    }
    (None, SourceReason::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidates::overlap;

    fn doc(id: &str, date: Option<&str>, text: &str) -> Document {
        Document {
            id: id.into(),
            date: date.map(Into::into),
            text: text.into(),
            ..Document::default()
        }
    }

    fn e(a: u32, b: u32) -> (DocId, DocId) {
        (DocId(a), DocId(b))
    }

    #[test]
    fn union_find_is_transitive() {
        let mut uf = UnionFind::new(6);
        assert!(uf.union(0, 1));
        assert!(uf.union(1, 2));
        assert!(!uf.union(0, 2));
        assert!(uf.union(4, 5));
        assert_eq!(uf.find(0), uf.find(2));
        assert_ne!(uf.find(0), uf.find(4));
        assert_ne!(uf.find(3), uf.find(4));
        assert!(!uf.union(0, 99));
        assert_eq!(uf.find(99), 99);
    }

    #[test]
    fn clusters_numbered_by_smallest_member_whatever_the_edge_order() {
        let docs: Vec<Document> = (0..7).map(|i| doc(&format!("d{i}"), None, "x")).collect();
        let edges = [e(5, 6), e(1, 3), e(3, 4), e(6, 2), e(9, 1), e(0, 0)];
        let info = clusters(7, &edges, &docs, &[1; 7]);
        assert_eq!(
            info.members,
            vec![vec![DocId(1), DocId(3), DocId(4)], vec![DocId(2), DocId(5), DocId(6)]]
        );
        assert_eq!(info.cluster, vec![None, Some(1), Some(2), Some(1), Some(1), Some(2), Some(2)]);
        let mut reversed: Vec<_> = edges.iter().map(|&(a, b)| (b, a)).collect();
        reversed.reverse();
        assert_eq!(clusters(7, &reversed, &docs, &[1; 7]), info);
    }

    #[test]
    fn representative_rules() {
        let docs = vec![
            doc("a", None, "the longest text of all of them"),
            doc("b", Some("2024-03-02"), "short"),
            doc("c", Some("2024-03-01"), "tiny"),
            doc("d", Some("2024-03-01"), "a bit longer"),
            doc("e", None, "xx"),
            doc("f", None, "yy"),
            doc("g", Some("not a date"), "the longest text of all of them!!"),
        ];
        let chars: Vec<usize> = docs.iter().map(|d| d.text.chars().count()).collect();
        // Earliest date wins; on equal dates the longer text (d over c).
        let info = clusters(7, &[e(0, 1), e(1, 2), e(2, 3)], &docs, &chars);
        assert_eq!(info.representative, vec![DocId(3)]);
        // Undated: longest, then smallest id; an unreadable date is undated.
        let info = clusters(7, &[e(4, 5), e(0, 6)], &docs, &chars);
        assert_eq!(info.representative, vec![DocId(6), DocId(4)]);
        // Missing documents do not panic.
        assert_eq!(clusters(3, &[e(1, 2)], &[], &[]).representative, vec![DocId(1)]);
    }

    #[test]
    fn likely_source_rules() {
        let long = [1u64, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        let excerpt = [2u64, 3, 4, 5];
        let ov = overlap(&long, &excerpt);
        let a = doc("a", None, "");
        let b = doc("b", None, "");
        assert_eq!(likely_source(&a, &b, &ov), (Some(Side::A), SourceReason::Contains));
        assert_eq!(
            likely_source(&b, &a, &overlap(&excerpt, &long)),
            (Some(Side::B), SourceReason::Contains)
        );
        // Dates beat containment.
        let a_late = doc("a", Some("2025-02-01"), "");
        let b_early = doc("b", Some("2025-01-31"), "");
        assert_eq!(
            likely_source(&a_late, &b_early, &ov),
            (Some(Side::B), SourceReason::EarlierDate)
        );
        // Same date and near-identical sets: undecided.
        let same = overlap(&long, &long);
        assert_eq!(likely_source(&a_late, &a_late, &same), (None, SourceReason::Unknown));
        assert_eq!(SourceReason::Contains.to_string(), "contained");
        assert_eq!(SourceReason::EarlierDate.to_string(), "earlier_date");
        assert_eq!(SourceReason::Unknown.to_string(), "unknown");
    }
}
