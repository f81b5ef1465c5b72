//! Evaluation against gold standards: PAN text alignment ([`pan`]), the
//! stance/polarity scorer against human codes ([`stance`]) and relatedness
//! against "same story" ratings ([`related`]).
//!
//! Evaluation code may read third-party corpora (the shared data folder); the
//! tests never do, they use small fixtures.

pub mod pan;
pub mod related;
pub mod stance;
