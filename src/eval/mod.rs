//! Evaluation against gold standards: PAN text alignment ([`pan`]) and the
//! stance/polarity scorer against human codes ([`stance`]).
//!
//! Evaluation code may read third-party corpora (the shared data folder); the
//! tests never do, they use small fixtures.

pub mod pan;
pub mod stance;
