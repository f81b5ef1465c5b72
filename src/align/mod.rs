//! Passage alignment between two documents. (being written)
