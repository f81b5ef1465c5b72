//! The persistent archive behind `parallax index add/query/stats`: one
//! SQLite file that keeps every added article with its sketch.
//!
//! Input: [`Record`]s (a [`Document`] plus its content hash, MinHash
//! signature, LSH band keys and, optionally, its sorted shingle set), built by
//! the caller with the [`ArchiveParams`] the archive was created with.
//! Output: candidates that share LSH band keys with a query, whole records
//! back for verification and alignment, and [`ArchiveStats`].
//!
//! Invariants:
//! - an archive only ever holds sketches made with one set of
//!   [`ArchiveParams`]; opening it with other parameters is an error that
//!   names the parameter, because mixing them would silently miss matches;
//! - every `(band, key)` row in the band table belongs to exactly one current
//!   version of a document: replacing a document removes its old keys in the
//!   same transaction;
//! - a batch is all-or-nothing, even if the process is killed mid-batch.
//!
//! This layer knows nothing about shingling or MinHash: it stores and returns
//! plain integers. The SQL layout is in `docs/archive-schema.md` and in
//! `schema.rs`.

mod codec;
mod schema;
mod store;

#[cfg(test)]
mod crash_tests;
#[cfg(test)]
mod measure;

pub use self::store::Archive;

use crate::doc::Document;

/// The archive schema version this build creates (and migrates older
/// archives to). An archive with a higher version is refused.
pub const SCHEMA_VERSION: u32 = 1;

/// The sketch settings an archive was built with. Stored in the archive on
/// creation and compared on every later open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveParams {
    /// Shingle kind and size, e.g. `word:3` or `char:5`.
    pub shingle: String,
    /// Number of MinHash permutations (signature length).
    pub num_perm: u32,
    /// Seed of the MinHash permutations.
    pub seed: u64,
    /// Number of LSH bands (band keys per document).
    pub bands: u32,
    /// Rows (signature values) per band.
    pub rows: u32,
    /// Version or fingerprint of the normaliser, so that archived shingles
    /// and new ones are made from the same token forms.
    pub normalizer: String,
}

/// One archived article: the document and its sketch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The article (id, source, metadata, encoding, text).
    pub doc: Document,
    /// Hash of the content as the caller defines it; re-adding an id with
    /// the same hash is a no-op.
    pub content_hash: u64,
    /// MinHash signature, `num_perm` values.
    pub signature: Vec<u64>,
    /// LSH band keys, one per band, in band order (`band_keys[b]` is band
    /// `b`'s key).
    pub band_keys: Vec<u64>,
    /// The document's shingle hashes as a sorted set, for exact Jaccard
    /// verification; `None` when the caller does not keep them.
    pub shingles: Option<Vec<u64>>,
}

/// What [`Archive::add_batch`] did with a batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddStats {
    /// New ids inserted.
    pub added: u64,
    /// Existing ids whose content hash changed: the old version (and its
    /// band keys) was replaced.
    pub replaced: u64,
    /// Existing ids with the same content hash: nothing written.
    pub unchanged: u64,
}

/// An archived document that shares at least one band key with a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// SQLite row id of the document (stable while the id is archived).
    pub rowid: i64,
    /// The document's id.
    pub id: String,
    /// How many bands matched (1..=bands); more bands, more similar.
    pub bands: u32,
}

/// Size and settings of an archive, for `parallax index stats`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveStats {
    /// Archived documents.
    pub documents: u64,
    /// Rows in the band table (documents × bands when consistent).
    pub band_rows: u64,
    /// Total UTF-8 bytes of archived texts.
    pub text_bytes: u64,
    /// Size of the database file plus its write-ahead log.
    pub bytes_on_disk: u64,
    /// Schema version of the file (after migrations).
    pub schema_version: u32,
    /// The parameters the archive was built with.
    pub params: ArchiveParams,
}
