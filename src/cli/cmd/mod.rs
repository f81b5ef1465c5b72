//! One module per command (xsv style): each has a `run`-like entry point.

pub mod analyse;
pub mod eval;
pub mod index;
pub mod lexicon;
pub mod normalize;
pub mod passages;
