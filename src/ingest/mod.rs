//! Ingest: files, folders, archives of records and stdin, decoded to [`crate::doc::Document`]s. (being written)
