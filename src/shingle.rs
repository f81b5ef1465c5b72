//! Shingles: stable 64-bit hashes of token k-grams. (being written)
