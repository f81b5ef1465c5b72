//! Candidate pairs: LSH banding and exact verification. (being written)
