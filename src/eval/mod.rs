//! Evaluation against gold standards: PAN text alignment ([`pan`]) and the
//! stance/polarity scorer against human codes ([`stance`]).
//!
//! Evaluation code may read third-party corpora (e.g. `../shared/data`); the
//! tests never do, they use small fixtures.

pub mod pan;
pub mod stance;
