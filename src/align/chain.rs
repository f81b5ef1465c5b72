//! Chaining: seeds grouped into candidate passages.
//!
//! Input: seed points `(i, j)` and a maximum gap. Output: groups of seeds in
//! which, along A and along B, no two consecutive seeds are more than
//! `max_gap` tokens apart.
//!
//! Invariant: every seed lands in exactly one group; groups come out sorted
//! by their first seed.
//!
//! Why two-dimensional grouping and not diagonal chains: rewrites reorder
//! clauses and shuffle words, so order within a passage proves little, while
//! proximity on *both* sides proves a lot. Splitting alternately along A and
//! along B until neither splits separates reordered sentences (they are far
//! apart on one side) and scatters chance matches of topic words into
//! groups too small to become passages.

/// One candidate passage: its seeds.
pub(crate) type Group = Vec<(u32, u32)>;

/// Groups `seeds` by alternating gap splits along A and B.
pub(crate) fn group_seeds(seeds: Vec<(u32, u32)>, max_gap: u32) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    // (group, split along A next?, did the other axis split nothing?)
    let mut work: Vec<(Group, bool, bool)> = vec![(seeds, true, false)];
    while let Some((mut g, along_a, other_stable)) = work.pop() {
        if along_a {
            g.sort_unstable();
        } else {
            g.sort_unstable_by_key(|&(i, j)| (j, i));
        }
        let coord = |p: &(u32, u32)| if along_a { p.0 } else { p.1 };
        let mut parts: Vec<Group> = Vec::new();
        let mut cur: Group = Vec::new();
        for p in g {
            if let Some(last) = cur.last() {
                if coord(&p).saturating_sub(coord(last)) > max_gap {
                    parts.push(std::mem::take(&mut cur));
                }
            }
            cur.push(p);
        }
        if !cur.is_empty() {
            parts.push(cur);
        }
        if parts.len() == 1 {
            let g = parts.pop().unwrap_or_default();
            if other_stable {
                out.push(g);
            } else {
                work.push((g, !along_a, true));
            }
        } else {
            for p in parts {
                work.push((p, !along_a, false));
            }
        }
    }
    for g in &mut out {
        g.sort_unstable();
    }
    out.sort_unstable_by_key(|g| g.first().copied());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separate_blocks_and_reordering() {
        // Block 1: A 0..10 ~ B 100..110 (shuffled); block 2: A 12..20 ~ B 0..8.
        let mut seeds = vec![];
        for k in 0..10u32 {
            seeds.push((k, 100 + (k * 7) % 10));
        }
        for k in 0..8u32 {
            seeds.push((12 + k, k));
        }
        let groups = group_seeds(seeds, 5);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].len(), 10);
        assert!(groups[0].iter().all(|&(_, j)| j >= 100));
        assert_eq!(groups[1].len(), 8);
    }

    #[test]
    fn far_chance_match_is_isolated() {
        let mut seeds: Vec<(u32, u32)> = (0..10).map(|k| (k, k)).collect();
        seeds.push((5, 400)); // a topic word that also occurs far away in B
        let groups = group_seeds(seeds, 5);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].len(), 10);
        assert_eq!(groups[1], vec![(5, 400)]);
    }

    #[test]
    fn empty_input() {
        assert_eq!(
            group_seeds(vec![], 3),
            vec![Vec::<(u32, u32)>::new()]
                .into_iter()
                .filter(|g| !g.is_empty())
                .collect::<Vec<_>>()
        );
    }
}
