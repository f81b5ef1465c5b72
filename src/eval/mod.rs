//! Evaluation against gold standards: PAN text alignment ([`pan`]).

pub mod pan;
