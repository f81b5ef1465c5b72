//! Typed errors for the library.
//!
//! Every error that comes from user input names where it happened (a path,
//! and a line or offset when there is one) so the CLI can print it as is.
//! The CLI adds context with `anyhow`; the library never panics on input.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, and where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file at fault.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// An input document (or a record in it) is malformed.
    #[error("{}: {message}", Location::new(path, *line))]
    Input {
        /// The file (or `-` for standard input).
        path: String,
        /// 1-based line (or record) number, when known.
        line: Option<u64>,
        /// What is wrong and what to do about it.
        message: String,
    },
    /// A lexicon file is malformed.
    #[error("lexicon {}: {message}", Location::new(path, *line))]
    Lexicon {
        /// The lexicon file.
        path: String,
        /// 1-based line number, when known.
        line: Option<u64>,
        /// What is wrong and what to do about it.
        message: String,
    },
    /// An option or a combination of options is invalid.
    #[error("{0}")]
    Config(String),
    /// A parameter is out of range. `name` is the parameter's name
    /// (`num_perm`, `threshold`); the CLI shows it as its flag.
    #[error("{name} {message}")]
    Param {
        /// The parameter, as the library and the Python package call it.
        name: &'static str,
        /// What is wrong with its value (`must be in (0, 1], got 2`).
        message: String,
    },
    /// The SQLite archive failed or does not match the options.
    #[error("archive {path}: {message}")]
    Index {
        /// The database file.
        path: String,
        /// What is wrong and what to do about it.
        message: String,
    },
    /// An evaluation corpus or gold file is malformed.
    #[error("{}: {message}", Location::new(path, *line))]
    Eval {
        /// The file at fault.
        path: String,
        /// 1-based line number, when known.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }

    /// A malformed input at `path` (and `line`, when known).
    pub fn input(path: impl Into<String>, line: Option<u64>, message: impl Into<String>) -> Error {
        Error::Input { path: path.into(), line, message: message.into() }
    }

    /// A malformed lexicon at `path` (and `line`, when known).
    pub fn lexicon(
        path: impl Into<String>,
        line: Option<u64>,
        message: impl Into<String>,
    ) -> Error {
        Error::Lexicon { path: path.into(), line, message: message.into() }
    }

    /// An invalid option.
    pub fn config(message: impl Into<String>) -> Error {
        Error::Config(message.into())
    }

    /// True when this error (or its cause) is a broken pipe, which the CLI
    /// treats as a normal end (`parallax ... | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// `path` or `path:line`, for messages.
struct Location<'a> {
    path: &'a str,
    line: Option<u64>,
}

impl<'a> Location<'a> {
    fn new(path: &'a str, line: Option<u64>) -> Location<'a> {
        Location { path, line }
    }
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => f.write_str(self.path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_place() {
        let e = Error::input("a/b.jsonl", Some(7), "invalid JSON");
        assert_eq!(e.to_string(), "a/b.jsonl:7: invalid JSON");
        let e = Error::lexicon("lex.tsv", None, "empty");
        assert_eq!(e.to_string(), "lexicon lex.tsv: empty");
    }
}
