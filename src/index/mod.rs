//! The persistent SQLite archive. (being written)
