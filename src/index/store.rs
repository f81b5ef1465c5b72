//! [`Archive`]: add records in batches, look up candidates by band key, read
//! records back.
//!
//! Input: [`Record`]s and band keys made with the archive's
//! [`ArchiveParams`]. Output: [`AddStats`], [`Candidate`]s, [`Record`]s,
//! [`ArchiveStats`]. Invariant: after every committed batch, the `bands`
//! table holds exactly the band keys of the current version of each
//! document (each batch is one transaction).

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

use super::codec;
use super::schema::{self, db_error, index_error};
use super::{AddStats, ArchiveParams, ArchiveStats, Candidate, Record};
use crate::doc::Document;
use crate::error::{Message, Result, Step};

/// Value of the `format` row in `meta`: marks the file as ours.
const FORMAT: &str = "parallax-archive";

/// A persistent archive of articles and their sketches (one SQLite file).
///
/// One `Archive` is one connection: use it from one thread at a time. Any
/// number of processes or threads may each open their own; readers see the
/// last committed batch and never wait, a second writer waits for the first
/// one's batch to commit.
pub struct Archive {
    conn: Connection,
    path: String,
    params: ArchiveParams,
}

/// What [`apply`] did with one record.
enum Outcome {
    Added,
    Replaced,
    Unchanged,
}

impl Archive {
    /// Opens the archive at `path`, creating it with `params` if the file
    /// does not exist (or is empty). An existing archive is migrated to the
    /// current schema, then its stored parameters must equal `params`;
    /// otherwise the error names the first parameter that differs, both
    /// values, and what to do.
    pub fn create_or_open(path: &Path, params: &ArchiveParams) -> Result<Archive> {
        let shown = path.display().to_string();
        check_params(&shown, params)?;
        let mut conn = schema::open(path, true)?;
        schema::migrate(&mut conn, &shown, schema::MIGRATIONS)?;
        // Read-or-store the parameters under the write lock, so two
        // processes creating the same archive cannot store different ones.
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&shown, e))?;
        match read_params(&tx, &shown)? {
            Some(stored) => compare_params(&shown, &stored, params)?,
            None => write_params(&tx, &shown, params)?,
        }
        tx.commit().map_err(|e| db_error(&shown, e))?;
        Ok(Archive { conn, path: shown, params: params.clone() })
    }

    /// Opens an existing archive (for `query` and `stats`), migrating it to
    /// the current schema, and returns it with the parameters it was built
    /// with. A missing file is an error, not a new archive.
    pub fn open_existing(path: &Path) -> Result<(Archive, ArchiveParams)> {
        let shown = path.display().to_string();
        let mut conn = schema::open(path, false)?;
        schema::migrate(&mut conn, &shown, schema::MIGRATIONS)?;
        let params = read_params(&conn, &shown)?.ok_or_else(|| {
            index_error(
                &shown,
                Message::from(
                    "holds no archive parameters (an empty or unfinished archive); add articles",
                )
                .step(Step::AddToArchive),
            )
        })?;
        let archive = Archive { conn, path: shown, params: params.clone() };
        Ok((archive, params))
    }

    /// Opens an existing archive for reading (`query`, `stats`): like
    /// [`Archive::open_existing`], and when that fails because the file or
    /// its folder cannot be written (a read-only file system, a read-only
    /// mount of a shared archive), opens it read-only as an immutable file.
    /// An archive that would need a schema migration cannot be read that way.
    pub fn open_for_reading(path: &Path) -> Result<(Archive, ArchiveParams)> {
        let first = match Archive::open_existing(path) {
            Ok(a) => return Ok(a),
            Err(e) => e,
        };
        if !path.is_file() {
            return Err(first);
        }
        let shown = path.display().to_string();
        // `immutable=1`: no locks, no WAL index (both need to write). Only
        // sound when nobody writes the file, which a read-only file system
        // guarantees; a read-write one did not fail above.
        let Some(text) = path.to_str() else { return Err(first) };
        let uri = format!("file:{}?immutable=1", uri_escape(text));
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
            | rusqlite::OpenFlags::SQLITE_OPEN_URI
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(conn) = Connection::open_with_flags(&uri, flags) else { return Err(first) };
        let latest = schema::MIGRATIONS.last().map_or(0, |m| m.version);
        match schema::version(&conn, &shown) {
            Ok(v) if v == latest => {}
            Ok(v) if v < latest && v > 0 => {
                return Err(index_error(
                    &shown,
                    Message::from(format!(
                        "cannot be opened for writing ({first}), and its schema (version {v}) \
                         must be upgraded to {latest} before this parallax can read it; upgrade \
                         it once where it is writable"
                    ))
                    .step(Step::UpgradeArchive),
                ))
            }
            _ => return Err(first),
        }
        let Some(params) = read_params(&conn, &shown)? else { return Err(first) };
        Ok((Archive { conn, path: shown, params: params.clone() }, params))
    }

    /// The source of the archived document `id`, if there is one.
    pub fn source_of(&self, id: &str) -> Result<Option<String>> {
        let path = self.path.as_str();
        self.conn
            .prepare_cached("SELECT source FROM docs WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| db_error(path, e))
    }

    /// The parameters every record and query must be made with.
    pub fn params(&self) -> &ArchiveParams {
        &self.params
    }

    /// The archive's path, as shown in messages.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Adds `records` in one transaction: a new id is inserted; an existing
    /// id with the same content hash is left alone; an existing id with
    /// another hash is replaced (text, metadata, sketch and band keys).
    /// Records are applied in order, so a later duplicate id in the same
    /// batch wins. If any record is invalid (wrong signature or band count)
    /// nothing of the batch is written.
    pub fn add_batch(&mut self, records: &[Record]) -> Result<AddStats> {
        for r in records {
            self.check_record(r)?;
        }
        let path = self.path.as_str();
        // IMMEDIATE: take the write lock before the first read, so that a
        // concurrent writer makes us wait (busy_timeout) rather than fail
        // with a stale snapshot when we upgrade from reading to writing.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(path, e))?;
        let mut stats = AddStats::default();
        for r in records {
            match apply(&tx, r).map_err(|e| db_error(path, e))? {
                Outcome::Added => stats.added += 1,
                Outcome::Replaced => stats.replaced += 1,
                Outcome::Unchanged => stats.unchanged += 1,
            }
        }
        tx.commit().map_err(|e| db_error(path, e))?;
        Ok(stats)
    }

    /// Archived documents that share at least one band key with
    /// `band_keys` (`band_keys[b]` is the query's key for band `b`; a key
    /// only matches the same key in the same band). Sorted by `rowid`, each
    /// with the number of bands that matched. A query document that is
    /// itself archived finds itself; the caller filters it out by id.
    pub fn candidates(&self, band_keys: &[u64]) -> Result<Vec<Candidate>> {
        let path = self.path.as_str();
        if band_keys.is_empty() {
            return Ok(Vec::new()); // a document without shingles matches nothing
        }
        if band_keys.len() != self.params.bands as usize {
            return Err(index_error(
                path,
                format!(
                    "a query has {} band keys but the archive uses {} bands",
                    band_keys.len(),
                    self.params.bands
                ),
            ));
        }
        let err = |e| db_error(path, e);
        let mut lookup = self
            .conn
            .prepare_cached("SELECT doc FROM bands WHERE band = ?1 AND key = ?2")
            .map_err(err)?;
        // BTreeMap: results come out sorted by rowid, whatever the order
        // SQLite returns rows in.
        let mut hits = std::collections::BTreeMap::<i64, u32>::new();
        for (band, &key) in band_keys.iter().enumerate() {
            let docs = lookup.query_map(params![band as i64, codec::to_sql(key)], |r| r.get(0));
            for doc in docs.map_err(err)? {
                *hits.entry(doc.map_err(err)?).or_insert(0) += 1;
            }
        }
        let mut id_of =
            self.conn.prepare_cached("SELECT id FROM docs WHERE doc = ?1").map_err(err)?;
        let mut out = Vec::with_capacity(hits.len());
        for (rowid, bands) in hits {
            // A band row always has its document (same transaction); skip
            // rather than fail if a damaged file says otherwise.
            if let Some(id) = id_of.query_row([rowid], |r| r.get(0)).optional().map_err(err)? {
                out.push(Candidate { rowid, id, bands });
            }
        }
        Ok(out)
    }

    /// The archived record with this id (text, metadata, sketch), if any.
    pub fn get(&self, id: &str) -> Result<Option<Record>> {
        let path = self.path.as_str();
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT {RECORD_COLUMNS} FROM docs WHERE id = ?1"))
            .map_err(|e| db_error(path, e))?;
        let raw =
            st.query_row([id], RawRecord::from_row).optional().map_err(|e| db_error(path, e))?;
        raw.map(|raw| raw.decode(path)).transpose()
    }

    /// The stored shingle set of `id` (`Some(None)` when the document was
    /// archived without one), without reading its text: a query verifies
    /// candidates on these before fetching the few worth aligning.
    pub fn shingles(&self, id: &str) -> Result<Option<Option<Vec<u64>>>> {
        let path = self.path.as_str();
        let mut st = self
            .conn
            .prepare_cached("SELECT shingles FROM docs WHERE id = ?1")
            .map_err(|e| db_error(path, e))?;
        let blob: Option<Option<Vec<u8>>> =
            st.query_row([id], |r| r.get(0)).optional().map_err(|e| db_error(path, e))?;
        match blob {
            None => Ok(None),
            Some(None) => Ok(Some(None)),
            Some(Some(b)) => codec::decode(&b).map(|v| Some(Some(v))).ok_or_else(|| {
                index_error(path, format!("document {id}: the stored shingles are damaged"))
            }),
        }
    }

    /// The stored content hash of `id`, if archived: lets the caller skip
    /// sketching a document that is already archived unchanged.
    pub fn content_hash(&self, id: &str) -> Result<Option<u64>> {
        let path = self.path.as_str();
        let mut st = self
            .conn
            .prepare_cached("SELECT content_hash FROM docs WHERE id = ?1")
            .map_err(|e| db_error(path, e))?;
        let hash: Option<i64> =
            st.query_row([id], |r| r.get(0)).optional().map_err(|e| db_error(path, e))?;
        Ok(hash.map(codec::from_sql))
    }

    /// Counts, sizes and settings of the archive.
    pub fn stats(&self) -> Result<ArchiveStats> {
        let path = self.path.as_str();
        let err = |e| db_error(path, e);
        let (documents, text_bytes): (i64, i64) = self
            .conn
            .query_row(
                "SELECT count(*), coalesce(sum(length(CAST(text AS BLOB))), 0) FROM docs",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(err)?;
        let band_rows: i64 =
            self.conn.query_row("SELECT count(*) FROM bands", [], |r| r.get(0)).map_err(err)?;
        let file_len = |p: &str| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let bytes_on_disk = file_len(path) + file_len(&format!("{path}-wal"));
        Ok(ArchiveStats {
            documents: documents.max(0) as u64,
            band_rows: band_rows.max(0) as u64,
            text_bytes: text_bytes.max(0) as u64,
            bytes_on_disk,
            schema_version: schema::version(&self.conn, path)?,
            params: self.params.clone(),
        })
    }

    /// A record whose sketch was not made with this archive's parameters
    /// would be unfindable (or find the wrong documents): refuse it.
    fn check_record(&self, r: &Record) -> Result<()> {
        let p = &self.params;
        // A document without a single shingle (only punctuation, or fewer
        // words than a shingle) has no sketch and no band keys: it is kept
        // in the archive but can match nothing.
        let empty = r.signature.iter().all(|&v| v == u64::from(crate::sketch::Signature::EMPTY));
        if empty && r.band_keys.is_empty() {
            return Ok(());
        }
        if r.signature.len() != p.num_perm as usize {
            return Err(index_error(
                &self.path,
                format!(
                    "document {}: signature has {} values but the archive uses num_perm={}",
                    r.doc.id,
                    r.signature.len(),
                    p.num_perm
                ),
            ));
        }
        if r.band_keys.len() != p.bands as usize {
            return Err(index_error(
                &self.path,
                format!(
                    "document {}: {} band keys but the archive uses bands={}",
                    r.doc.id,
                    r.band_keys.len(),
                    p.bands
                ),
            ));
        }
        Ok(())
    }
}

/// `path` for an SQLite `file:` URI: `%`, `?` and `#` escaped.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Inserts, replaces or skips one record inside the batch's transaction.
fn apply(tx: &Transaction<'_>, r: &Record) -> rusqlite::Result<Outcome> {
    let existing: Option<(i64, i64, Vec<u8>)> = tx
        .prepare_cached("SELECT doc, content_hash, band_keys FROM docs WHERE id = ?1")?
        .query_row([&r.doc.id], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?;
    let hash = codec::to_sql(r.content_hash);
    let band_blob = codec::encode(&r.band_keys);
    let sig_blob = codec::encode(&r.signature);
    let shingle_blob = r.shingles.as_deref().map(codec::encode);
    let d = &r.doc;
    let (doc, outcome) = match existing {
        Some((_, old_hash, _)) if old_hash == hash => return Ok(Outcome::Unchanged),
        Some((doc, _, old_bands)) => {
            // Delete the old version's band rows by primary key. A blob that
            // does not decode cannot be trusted to list them all: fall back
            // to a scan, slow but correct.
            let mut del =
                tx.prepare_cached("DELETE FROM bands WHERE band = ?1 AND key = ?2 AND doc = ?3")?;
            match codec::decode(&old_bands) {
                Some(keys) => {
                    for (band, key) in keys.into_iter().enumerate() {
                        del.execute(params![band as i64, codec::to_sql(key), doc])?;
                    }
                }
                None => {
                    tx.execute("DELETE FROM bands WHERE doc = ?1", [doc])?;
                }
            }
            tx.prepare_cached(
                "UPDATE docs SET content_hash = ?2, band_keys = ?3, source = ?4, title = ?5,
                 date = ?6, outlet = ?7, url = ?8, language = ?9, encoding = ?10,
                 signature = ?11, shingles = ?12, text = ?13 WHERE doc = ?1",
            )?
            .execute(params![
                doc,
                hash,
                band_blob,
                d.source,
                d.title,
                d.date,
                d.outlet,
                d.url,
                d.language,
                d.encoding,
                sig_blob,
                shingle_blob,
                d.text
            ])?;
            (doc, Outcome::Replaced)
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO docs (id, content_hash, band_keys, source, title, date, outlet,
                 url, language, encoding, signature, shingles, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                d.id,
                hash,
                band_blob,
                d.source,
                d.title,
                d.date,
                d.outlet,
                d.url,
                d.language,
                d.encoding,
                sig_blob,
                shingle_blob,
                d.text
            ])?;
            (tx.last_insert_rowid(), Outcome::Added)
        }
    };
    // OR IGNORE: two bands are distinct rows even with equal keys; the same
    // (band, key, doc) twice can only be a leftover, and one row is enough.
    let mut ins =
        tx.prepare_cached("INSERT OR IGNORE INTO bands (band, key, doc) VALUES (?1, ?2, ?3)")?;
    for (band, &key) in r.band_keys.iter().enumerate() {
        ins.execute(params![band as i64, codec::to_sql(key), doc])?;
    }
    Ok(outcome)
}

/// Columns read by [`RawRecord::from_row`], in its order.
const RECORD_COLUMNS: &str = "id, content_hash, band_keys, source, title, date, outlet, url, \
                              language, encoding, signature, shingles, text";

/// A `docs` row before its BLOBs are decoded.
struct RawRecord {
    doc: Document,
    content_hash: i64,
    band_keys: Vec<u8>,
    signature: Vec<u8>,
    shingles: Option<Vec<u8>>,
}

impl RawRecord {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<RawRecord> {
        Ok(RawRecord {
            doc: Document {
                id: r.get(0)?,
                source: r.get(3)?,
                title: r.get(4)?,
                date: r.get(5)?,
                outlet: r.get(6)?,
                url: r.get(7)?,
                language: r.get(8)?,
                encoding: r.get(9)?,
                text: r.get(12)?,
                // The archive keeps the fields its queries report.
                extra: Vec::new(),
            },
            content_hash: r.get(1)?,
            band_keys: r.get(2)?,
            signature: r.get(10)?,
            shingles: r.get(11)?,
        })
    }

    fn decode(self, path: &str) -> Result<Record> {
        let id = &self.doc.id;
        let blob = |name: &str, bytes: &[u8]| {
            codec::decode(bytes).ok_or_else(|| {
                index_error(path, format!("document {id}: the stored {name} is damaged"))
            })
        };
        let band_keys = blob("band keys", &self.band_keys)?;
        let signature = blob("signature", &self.signature)?;
        let shingles = self.shingles.as_deref().map(|b| blob("shingles", b)).transpose()?;
        Ok(Record {
            content_hash: codec::from_sql(self.content_hash),
            band_keys,
            signature,
            shingles,
            doc: self.doc,
        })
    }
}

/// Parameters that cannot make a working archive.
fn check_params(path: &str, p: &ArchiveParams) -> Result<()> {
    if p.num_perm == 0 || p.bands == 0 || p.rows == 0 {
        return Err(index_error(path, "num_perm, bands and rows must all be at least 1"));
    }
    if u64::from(p.bands) * u64::from(p.rows) > u64::from(p.num_perm) {
        return Err(index_error(
            path,
            format!(
                "bands × rows = {} × {} needs more than num_perm={} signature values",
                p.bands, p.rows, p.num_perm
            ),
        ));
    }
    Ok(())
}

/// `(meta key, value)` of each parameter, in the order mismatches are
/// reported.
fn param_rows(p: &ArchiveParams) -> [(&'static str, String); 6] {
    [
        ("shingle", p.shingle.clone()),
        ("num_perm", p.num_perm.to_string()),
        ("seed", p.seed.to_string()),
        ("bands", p.bands.to_string()),
        ("rows", p.rows.to_string()),
        ("normalizer", p.normalizer.clone()),
    ]
}

fn write_params(tx: &Transaction<'_>, path: &str, p: &ArchiveParams) -> Result<()> {
    let mut ins = tx
        .prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")
        .map_err(|e| db_error(path, e))?;
    ins.execute(params!["format", FORMAT]).map_err(|e| db_error(path, e))?;
    for (key, value) in param_rows(p) {
        ins.execute(params![key, value]).map_err(|e| db_error(path, e))?;
    }
    Ok(())
}

/// The stored parameters; `None` when none are stored yet (a new file).
fn read_params(conn: &Connection, path: &str) -> Result<Option<ArchiveParams>> {
    let get = |key: &str| -> Result<Option<String>> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| db_error(path, e))
    };
    let Some(format) = get("format")? else { return Ok(None) };
    if format != FORMAT {
        return Err(index_error(path, format!("unknown archive format {format:?}")));
    }
    let text = |key: &str| -> Result<String> {
        get(key)?
            .ok_or_else(|| index_error(path, format!("the archive lacks its `{key}` parameter")))
    };
    let number = |key: &str| -> Result<u64> {
        let v = text(key)?;
        v.parse().map_err(|_| {
            index_error(path, format!("the archive's `{key}` parameter is not a number: {v:?}"))
        })
    };
    let small = |key: &str| -> Result<u32> {
        u32::try_from(number(key)?)
            .map_err(|_| index_error(path, format!("the archive's `{key}` parameter is too large")))
    };
    Ok(Some(ArchiveParams {
        shingle: text("shingle")?,
        num_perm: small("num_perm")?,
        seed: number("seed")?,
        bands: small("bands")?,
        rows: small("rows")?,
        normalizer: text("normalizer")?,
    }))
}

/// Errors on the first parameter that differs, naming it.
fn compare_params(path: &str, stored: &ArchiveParams, requested: &ArchiveParams) -> Result<()> {
    for ((key, old), (_, new)) in param_rows(stored).into_iter().zip(param_rows(requested)) {
        if old != new {
            return Err(index_error(
                path,
                Message::from(format!(
                    "built with {key}={old}, but {key}={new} was requested; sketches made \
                     with different settings cannot be compared. Rerun with the archive's \
                     settings"
                ))
                .step(Step::ArchiveSettings)
                .text(" or use a new ")
                .param("db")
                .text(" file"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn params() -> ArchiveParams {
        ArchiveParams {
            shingle: "word:3".into(),
            num_perm: 8,
            seed: 42,
            bands: 4,
            rows: 2,
            normalizer: "norm-v1".into(),
        }
    }

    /// A record whose sketch is derived from `text` by a toy rule (one
    /// value per char class), enough to make band keys that overlap when
    /// texts overlap.
    pub(crate) fn record(id: &str, text: &str, band_keys: [u64; 4]) -> Record {
        let hash = xxhash_rust::xxh3::xxh3_64_with_seed(text.as_bytes(), 7);
        Record {
            doc: Document {
                id: id.into(),
                source: format!("{id}.txt"),
                title: Some(format!("عنوان {id}")),
                date: Some("2024-05-01".into()),
                outlet: None,
                url: Some(format!("https://example.org/{id}")),
                language: Some("ar".into()),
                encoding: "UTF-8".into(),
                text: text.into(),
                extra: Vec::new(),
            },
            content_hash: hash,
            signature: (0..8).map(|i| hash.rotate_left(i * 8)).collect(),
            band_keys: band_keys.to_vec(),
            shingles: Some(vec![1, 5, u64::MAX - 3]),
        }
    }

    const SEED0: &str = "قال سفير الجزائر لدى الولايات المتحدة صبري بوقادوم إن العلاقات بين البلدين";
    const SEED1: &str = "أكد سفير الجزائر صبري بوقادوم أن العلاقات الجزائرية الأمريكية جيدة";

    #[test]
    fn a_record_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let mut a = Archive::create_or_open(&path, &params()).unwrap();
        let mut r = record("000", SEED0, [1, 2, 3, u64::MAX]);
        r.doc.outlet = Some("El Khabar".into());
        let mut no_shingles = record("001", SEED1, [9, 9, 9, 9]);
        no_shingles.shingles = None;
        let stats = a.add_batch(&[r.clone(), no_shingles.clone()]).unwrap();
        assert_eq!(stats, AddStats { added: 2, replaced: 0, unchanged: 0 });
        drop(a);
        let (a, stored) = Archive::open_existing(&path).unwrap();
        assert_eq!(stored, params());
        assert_eq!(a.get("000").unwrap(), Some(r.clone()));
        assert_eq!(a.get("001").unwrap(), Some(no_shingles));
        assert_eq!(a.get("002").unwrap(), None);
        assert_eq!(a.content_hash("000").unwrap(), Some(r.content_hash));
        let s = a.stats().unwrap();
        assert_eq!((s.documents, s.band_rows, s.schema_version), (2, 8, 1));
        assert_eq!(s.text_bytes, (SEED0.len() + SEED1.len()) as u64);
        assert!(s.bytes_on_disk > 0);
    }

    #[test]
    fn candidates_match_per_band_and_count_bands() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::create_or_open(&dir.path().join("c.db"), &params()).unwrap();
        a.add_batch(&[
            record("x", SEED0, [10, 20, 30, 40]),
            record("y", SEED1, [10, 21, 31, 40]),
            record("z", "other", [40, 30, 20, 10]),
        ])
        .unwrap();
        let found = a.candidates(&[10, 20, 99, 40]).unwrap();
        let got: Vec<(&str, u32)> = found.iter().map(|c| (c.id.as_str(), c.bands)).collect();
        // z has keys 10 and 40 too, but in other bands: no match.
        assert_eq!(got, [("x", 3), ("y", 2)]);
        assert!(found[0].rowid < found[1].rowid);
        assert!(a.candidates(&[1, 2, 3, 4]).unwrap().is_empty());
        let err = a.candidates(&[10, 20]).unwrap_err().to_string();
        assert!(err.contains("2 band keys but the archive uses 4 bands"), "{err}");
    }

    #[test]
    fn same_content_is_a_no_op_and_new_content_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::create_or_open(&dir.path().join("r.db"), &params()).unwrap();
        a.add_batch(&[record("000", SEED0, [1, 2, 3, 4])]).unwrap();
        let rowid = a.candidates(&[1, 0, 0, 0]).unwrap()[0].rowid;

        let again = a.add_batch(&[record("000", SEED0, [1, 2, 3, 4])]).unwrap();
        assert_eq!(again, AddStats { added: 0, replaced: 0, unchanged: 1 });

        let new = record("000", SEED1, [5, 6, 7, 8]);
        let st = a.add_batch(std::slice::from_ref(&new)).unwrap();
        assert_eq!(st, AddStats { added: 0, replaced: 1, unchanged: 0 });
        assert!(a.candidates(&[1, 2, 3, 4]).unwrap().is_empty(), "old keys must be gone");
        let c = a.candidates(&[5, 6, 7, 8]).unwrap();
        assert_eq!((c[0].id.as_str(), c[0].bands, c[0].rowid), ("000", 4, rowid));
        assert_eq!(a.get("000").unwrap(), Some(new));
        assert_eq!(a.stats().unwrap().band_rows, 4);
    }

    #[test]
    fn later_duplicates_in_a_batch_win() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::create_or_open(&dir.path().join("d.db"), &params()).unwrap();
        let st = a
            .add_batch(&[
                record("k", SEED0, [1, 1, 1, 1]),
                record("k", SEED0, [1, 1, 1, 1]),
                record("k", SEED1, [2, 2, 2, 2]),
            ])
            .unwrap();
        assert_eq!(st, AddStats { added: 1, replaced: 1, unchanged: 1 });
        assert_eq!(a.get("k").unwrap().map(|r| r.doc.text), Some(SEED1.to_string()));
        assert_eq!(a.stats().unwrap().band_rows, 4);
    }

    #[test]
    fn an_invalid_record_rejects_the_whole_batch() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::create_or_open(&dir.path().join("i.db"), &params()).unwrap();
        let mut bad = record("b", SEED1, [1, 2, 3, 4]);
        bad.signature.pop();
        let err = a.add_batch(&[record("a", SEED0, [1, 2, 3, 4]), bad]).unwrap_err().to_string();
        assert!(
            err.contains("document b: signature has 7 values but the archive uses num_perm=8"),
            "{err}"
        );
        assert_eq!(a.stats().unwrap().documents, 0);
    }

    #[test]
    fn a_params_mismatch_names_the_parameter() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.db");
        Archive::create_or_open(&path, &params()).unwrap();
        assert!(Archive::create_or_open(&path, &params()).is_ok());
        type Change = fn(&mut ArchiveParams);
        let cases: [(&str, Change); 4] = [
            ("num_perm=8, but num_perm=16", |p| p.num_perm = 16),
            ("seed=42, but seed=43", |p| p.seed = 43),
            ("shingle=word:3, but shingle=char:5", |p| p.shingle = "char:5".into()),
            ("normalizer=norm-v1, but normalizer=norm-v2", |p| p.normalizer = "norm-v2".into()),
        ];
        for (want, change) in cases {
            let mut p = params();
            change(&mut p);
            let err = Archive::create_or_open(&path, &p).err().unwrap().to_string();
            assert!(err.contains(want), "{err}");
            assert!(err.contains("settings (its stats list them) or use a new db file"), "{err}");
        }
        let mut p = params();
        p.rows = 3;
        let err = Archive::create_or_open(&path, &p).err().unwrap().to_string();
        assert!(err.contains("bands × rows = 4 × 3"), "{err}");
    }

    #[test]
    fn open_existing_refuses_a_file_without_parameters() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.db");
        drop(schema::open(&path, true).unwrap());
        let err = Archive::open_existing(&path).err().unwrap().to_string();
        assert!(err.contains("holds no archive parameters"), "{err}");
    }

    #[test]
    fn readers_see_the_last_commit_while_a_writer_holds_a_transaction() {
        use std::sync::mpsc;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let mut writer = Archive::create_or_open(&path, &params()).unwrap();
        writer.add_batch(&[record("old", SEED0, [1, 2, 3, 4])]).unwrap();
        let (reader, _) = Archive::open_existing(&path).unwrap();

        let (held_tx, held_rx) = mpsc::channel();
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            let mut writer = writer;
            let tx = writer.conn.transaction_with_behavior(TransactionBehavior::Immediate).unwrap();
            assert!(matches!(apply(&tx, &record("new", SEED1, [1, 9, 9, 9])), Ok(Outcome::Added)));
            assert!(matches!(
                apply(&tx, &record("old", SEED1, [8, 8, 8, 8])),
                Ok(Outcome::Replaced)
            ));
            held_tx.send(()).unwrap();
            go_rx.recv().unwrap();
            tx.commit().unwrap();
        });
        held_rx.recv().unwrap();
        // The writer holds uncommitted changes: the reader sees the old state.
        let c = reader.candidates(&[1, 2, 3, 4]).unwrap();
        assert_eq!(c.iter().map(|c| (c.id.as_str(), c.bands)).collect::<Vec<_>>(), [("old", 4)]);
        assert_eq!(reader.get("old").unwrap().map(|r| r.doc.text), Some(SEED0.to_string()));
        assert_eq!(reader.get("new").unwrap(), None);
        go_tx.send(()).unwrap();
        thread.join().unwrap();
        // After the commit: the new state.
        let c = reader.candidates(&[1, 2, 3, 4]).unwrap();
        assert_eq!(c.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), ["new"]);
        assert_eq!(reader.get("old").unwrap().map(|r| r.doc.text), Some(SEED1.to_string()));
    }

    #[test]
    fn a_second_writer_waits_for_the_first() {
        use std::sync::mpsc;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ww.db");
        let mut first = Archive::create_or_open(&path, &params()).unwrap();
        let mut second = Archive::create_or_open(&path, &params()).unwrap();
        let (held_tx, held_rx) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let tx = first.conn.transaction_with_behavior(TransactionBehavior::Immediate).unwrap();
            apply(&tx, &record("a", SEED0, [1, 2, 3, 4])).unwrap();
            held_tx.send(()).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(200));
            tx.commit().unwrap();
        });
        held_rx.recv().unwrap();
        // Blocks on the lock (busy_timeout), then sees `a` as committed.
        let st = second.add_batch(&[record("a", SEED0, [1, 2, 3, 4])]).unwrap();
        assert_eq!(st, AddStats { added: 0, replaced: 0, unchanged: 1 });
        thread.join().unwrap();
    }
}
