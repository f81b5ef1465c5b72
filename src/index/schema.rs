//! The archive's SQL schema, connection settings and migrations.
//!
//! Input: a path. Output: an open `rusqlite::Connection` in WAL mode whose
//! schema is at [`SCHEMA_VERSION`]. Invariant: the schema version
//! (`PRAGMA user_version`) only ever moves forward, one migration at a time,
//! and all pending migrations of one open commit together or not at all.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::error::{Error, Message, Result, Step};

use super::SCHEMA_VERSION;

/// How long a connection waits for another one's write lock before failing.
/// Writers commit one batch at a time, so a wait is short; ten seconds
/// covers a large batch on a slow disk.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Page cache per connection, in KiB (negative `cache_size` means KiB).
/// 16 MiB keeps the upper levels of the band index hot for queries.
const CACHE_KIB: i64 = 16 * 1024;

/// Page size of new archives, in bytes. Measured (`index::measure`): with
/// article-sized texts (5-14 KB) 4 KiB pages waste the least in overflow
/// chains; 8 and 16 KiB only win for texts under ~1 KB.
const PAGE_SIZE: u32 = 4096;

/// One step of the schema: applied to a database at `version - 1`.
pub(crate) struct Migration {
    /// The version the database is at after this step.
    pub(crate) version: u32,
    /// The SQL of the step (one or more statements).
    pub(crate) sql: &'static str,
}

/// Every migration, in order. Append new steps; never edit a released one.
pub(crate) const MIGRATIONS: &[Migration] = &[Migration { version: 1, sql: V1 }];

// The last migration is the version this build writes.
const _: () = assert!(MIGRATIONS[MIGRATIONS.len() - 1].version == SCHEMA_VERSION);

/// Version 1.
///
/// - `meta`: the archive parameters (see `store::PARAM_KEYS`) and a
///   `format` marker, as text.
/// - `docs`: one row per archived id. `doc` aliases the rowid. Small
///   columns come first so that reading `id` or `content_hash` does not touch
///   the overflow pages that hold a long text. u64 values (hash) are stored
///   as i64 with the same bits; integer vectors are BLOBs (see `codec`).
///   `band_keys` is kept here too so that replacing a document deletes its
///   band rows by primary key, without a second index on `bands(doc)`.
/// - `bands`: the LSH table, `(band, key, doc)` as a WITHOUT ROWID primary
///   key: a lookup is one B-tree descent on `(band, key)` and the row is the
///   index entry itself, so no separate index or rowid is stored.
const V1: &str = "
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE docs (
    doc          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    content_hash INTEGER NOT NULL,
    band_keys    BLOB NOT NULL,
    source       TEXT NOT NULL,
    title        TEXT,
    date         TEXT,
    outlet       TEXT,
    url          TEXT,
    language     TEXT,
    encoding     TEXT NOT NULL,
    signature    BLOB NOT NULL,
    shingles     BLOB,
    text         TEXT NOT NULL
);
CREATE TABLE bands (
    band INTEGER NOT NULL,
    key  INTEGER NOT NULL,
    doc  INTEGER NOT NULL,
    PRIMARY KEY (band, key, doc)
) WITHOUT ROWID;
";

/// Maps a SQLite error on `path` to [`Error::Index`], with a hint for the
/// errors a user can do something about.
pub(crate) fn db_error(path: &str, e: rusqlite::Error) -> Error {
    let message = match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            "not an SQLite database (or a damaged one); pass the archive made by \
             `parallax index add`, or a new file name to start one"
                .to_string()
        }
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => format!(
            "another process kept the archive locked for more than {}s: {e}",
            BUSY_TIMEOUT.as_secs()
        ),
        Some(ErrorCode::ReadOnly) => format!("the archive is read-only: {e}"),
        Some(ErrorCode::CannotOpen) => format!("cannot open the file: {e}"),
        _ => e.to_string(),
    };
    index_error(path, message)
}

/// An [`Error::Index`] with `message`.
pub(crate) fn index_error(path: &str, message: impl Into<Message>) -> Error {
    Error::Index { path: path.to_string(), message: message.into() }
}

/// Opens (and with `create`, creates) the database file and sets the
/// connection up:
///
/// - `busy_timeout` first, so that every later statement, including the
///   switch to WAL, waits for another process's lock instead of failing;
/// - `journal_mode=WAL`: readers never block the writer nor the reverse, and
///   a reader sees the last committed batch;
/// - `synchronous=FULL`: a batch that `add_batch` reported as committed
///   survives a power cut, not only a crash of the process (NORMAL would
///   only guarantee the latter in WAL mode). It costs one more fsync per
///   commit, i.e. per batch, which is small next to the batch itself.
pub(crate) fn open(path: &Path, create: bool) -> Result<Connection> {
    let shown = path.display().to_string();
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    } else if !path.exists() {
        return Err(index_error(
            &shown,
            Message::from("no such archive; create one").step(Step::AddToArchive),
        ));
    }
    let conn = Connection::open_with_flags(path, flags).map_err(|e| db_error(&shown, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| db_error(&shown, e))?;
    // The page size can only be chosen before the first page is written
    // (and before WAL mode, which freezes it).
    let pages: i64 =
        conn.query_row("PRAGMA page_count", [], |r| r.get(0)).map_err(|e| db_error(&shown, e))?;
    if pages == 0 {
        conn.pragma_update(None, "page_size", PAGE_SIZE).map_err(|e| db_error(&shown, e))?;
    }
    let mode: String = conn
        .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
        .map_err(|e| db_error(&shown, e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(index_error(
            &shown,
            format!(
                "could not switch to write-ahead logging (journal mode is {mode}); \
                 keep the archive on a local file system"
            ),
        ));
    }
    conn.execute_batch(&format!("PRAGMA synchronous=FULL; PRAGMA cache_size=-{CACHE_KIB};"))
        .map_err(|e| db_error(&shown, e))?;
    Ok(conn)
}

/// Brings the schema up to the last of `migrations`, returning how many
/// steps ran. All pending steps run in one IMMEDIATE transaction (the write
/// lock is taken before the version is read), so two processes opening an
/// old archive at once cannot both migrate it, and a failing step leaves
/// the file exactly as it was.
pub(crate) fn migrate(conn: &mut Connection, path: &str, migrations: &[Migration]) -> Result<u32> {
    let err = |e| db_error(path, e);
    let latest = migrations.last().map_or(0, |m| m.version);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(err)?;
    let current: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(err)?;
    if current > latest {
        return Err(index_error(
            path,
            format!(
                "the archive has schema version {current}, newer than this parallax \
                 understands ({latest}); use a newer parallax"
            ),
        ));
    }
    if current == 0 {
        // A version-0 file is either new (empty) or someone else's SQLite
        // database: never create our tables inside the latter.
        let tables: i64 =
            tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).map_err(err)?;
        if tables > 0 {
            return Err(index_error(
                path,
                Message::from("an SQLite database, but not a parallax archive; pass another ")
                    .param("db")
                    .text(" file"),
            ));
        }
    }
    let mut applied = 0;
    for m in migrations.iter().filter(|m| m.version > current) {
        tx.execute_batch(m.sql).map_err(|e| {
            index_error(path, format!("migration to schema version {} failed: {e}", m.version))
        })?;
        // user_version lives in the database header, which is part of the
        // transaction: it commits (or rolls back) with the step's tables.
        tx.pragma_update(None, "user_version", m.version).map_err(err)?;
        applied += 1;
    }
    tx.commit().map_err(err)?;
    Ok(applied)
}

/// The schema version of an open database.
pub(crate) fn version(conn: &Connection, path: &str) -> Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| db_error(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_names(conn: &Connection) -> Vec<String> {
        let mut st = conn
            .prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            .unwrap();
        let names = st.query_map([], |r| r.get(0)).unwrap();
        names.collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn new_file_gets_wal_and_the_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let mut conn = open(&path, true).unwrap();
        assert_eq!(migrate(&mut conn, "a.db", MIGRATIONS).unwrap(), 1);
        assert_eq!(version(&conn, "a.db").unwrap(), SCHEMA_VERSION);
        assert_eq!(table_names(&conn), ["bands", "docs", "meta"]);
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "FULL");
        // A second open has nothing to do.
        assert_eq!(migrate(&mut conn, "a.db", MIGRATIONS).unwrap(), 0);
    }

    const V2_OK: Migration =
        Migration { version: 2, sql: "ALTER TABLE docs ADD COLUMN section TEXT;" };

    #[test]
    fn pending_migrations_run_in_order_on_an_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        // A version-1 file made by hand, with one document in it.
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(V1).unwrap();
            conn.execute_batch(
                "INSERT INTO docs (id, content_hash, band_keys, source, encoding, signature, text)
                 VALUES ('a', 1, x'04', 'a.txt', 'UTF-8', x'04', 'نص');
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let mut conn = open(&path, false).unwrap();
        let steps = [Migration { version: 1, sql: V1 }, V2_OK];
        assert_eq!(migrate(&mut conn, "old.db", &steps).unwrap(), 1, "only v2 is pending");
        assert_eq!(version(&conn, "old.db").unwrap(), 2);
        let (text, section): (String, Option<String>) = conn
            .query_row("SELECT text, section FROM docs WHERE id='a'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((text.as_str(), section), ("نص", None));
    }

    #[test]
    fn a_failing_migration_leaves_the_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v0.db");
        let mut conn = open(&path, true).unwrap();
        let broken = Migration { version: 3, sql: "CREATE TABLE docs (x INTEGER);" };
        let steps = [Migration { version: 1, sql: V1 }, V2_OK, broken];
        let err = migrate(&mut conn, "v0.db", &steps).unwrap_err().to_string();
        assert!(err.contains("migration to schema version 3 failed"), "{err}");
        // v1 and v2 rolled back with v3: still an empty version-0 file.
        assert_eq!(version(&conn, "v0.db").unwrap(), 0);
        assert!(table_names(&conn).is_empty());
    }

    #[test]
    fn newer_or_foreign_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let newer = dir.path().join("newer.db");
        Connection::open(&newer).unwrap().execute_batch("PRAGMA user_version = 9;").unwrap();
        let mut conn = open(&newer, false).unwrap();
        let err = migrate(&mut conn, "newer.db", MIGRATIONS).unwrap_err().to_string();
        assert!(err.contains("schema version 9, newer"), "{err}");

        let foreign = dir.path().join("foreign.db");
        Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x);").unwrap();
        let mut conn = open(&foreign, false).unwrap();
        let err = migrate(&mut conn, "foreign.db", MIGRATIONS).unwrap_err().to_string();
        assert!(err.contains("not a parallax archive"), "{err}");
        assert_eq!(table_names(&conn), ["t"]);
    }

    #[test]
    fn missing_or_non_sqlite_files_are_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(&dir.path().join("none.db"), false).unwrap_err().to_string();
        assert!(err.contains("no such archive"), "{err}");
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, "id,text\n1,hello\n".repeat(200)).unwrap();
        let err = open(&junk, false)
            .and_then(|mut c| migrate(&mut c, "junk.db", MIGRATIONS))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not an SQLite database"), "{err}");
    }
}
