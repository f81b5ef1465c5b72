//! Clusters of near-duplicates (union-find). (being written)
