//! Evaluation against gold standards (PAN text alignment, stance). (being written)

pub mod stance;
