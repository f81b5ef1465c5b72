//! Lexicon-based framing and stance scoring. (being written)
