//! MinHash sketches. (being written)
