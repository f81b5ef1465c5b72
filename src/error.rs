//! Typed errors for the library.
//!
//! Every error that comes from user input names where it happened (a path,
//! and a line or offset when there is one) so the CLI can print it as is.
//! The CLI adds context with `anyhow`; the library never panics on input.
//!
//! Messages name parameters as the library and the Python package call
//! them (`text_col`), never as command-line flags: a [`Message`] keeps each
//! parameter it names apart from its words, and the CLI renders the same
//! message with its flags through its own [`Naming`].

use std::fmt;
use std::io;
use std::path::PathBuf;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, and where.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    Io {
        /// The file at fault.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// An input document (or a record in it) is malformed.
    Input {
        /// The file (or `-` for standard input).
        path: String,
        /// 1-based line (or record) number, when known.
        line: Option<u64>,
        /// What is wrong and what to do about it.
        message: Message,
    },
    /// A lexicon file is malformed.
    Lexicon {
        /// The lexicon file.
        path: String,
        /// 1-based line number, when known.
        line: Option<u64>,
        /// What is wrong and what to do about it.
        message: String,
    },
    /// An option or a combination of options is invalid.
    Config(Message),
    /// A parameter is out of range. `name` is the parameter's name
    /// (`num_perm`, `threshold`); the CLI shows it as its flag.
    Param {
        /// The parameter, as the library and the Python package call it.
        name: &'static str,
        /// What is wrong with its value (`must be in (0, 1], got 2`).
        message: Message,
    },
    /// The SQLite archive failed or does not match the options.
    Index {
        /// The database file.
        path: String,
        /// What is wrong and what to do about it.
        message: Message,
    },
    /// An evaluation corpus or gold file is malformed.
    Eval {
        /// The file at fault.
        path: String,
        /// 1-based line number, when known.
        line: Option<u64>,
        /// What is wrong.
        message: Message,
    },
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }

    /// A malformed input at `path` (and `line`, when known).
    pub fn input(path: impl Into<String>, line: Option<u64>, message: impl Into<Message>) -> Error {
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
    pub fn config(message: impl Into<Message>) -> Error {
        Error::Config(message.into())
    }

    /// An out-of-range parameter, `name` as the library calls it.
    pub fn param(name: &'static str, message: impl Into<Message>) -> Error {
        Error::Param { name, message: message.into() }
    }

    /// True when this error (or its cause) is a broken pipe, which the CLI
    /// treats as a normal end (`parallax ... | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }

    /// The message with parameters named by `naming`; `Display` is this
    /// with [`Params`].
    pub fn render(&self, naming: &dyn Naming) -> String {
        match self {
            Error::Io { path, source } => format!("{}: {source}", path.display()),
            Error::Input { path, line, message } | Error::Eval { path, line, message } => {
                format!("{}: {}", Location::new(path, *line), message.render(naming))
            }
            Error::Lexicon { path, line, message } => {
                format!("lexicon {}: {message}", Location::new(path, *line))
            }
            Error::Config(message) => message.render(naming),
            Error::Param { name, message } => {
                format!("{} {}", naming.param(name), message.render(naming))
            }
            Error::Index { path, message } => format!("archive {path}: {}", message.render(naming)),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&Params))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Words for a person that may name parameters, and a step the command
/// line can offer as a command.
///
/// Displayed, a message names each parameter as the library and the Python
/// package call it (`set text_col=NAME`); [`Message::render`] names them
/// another way (the CLI: `pass --text-col NAME`). Build one from its words
/// and append:
///
/// ```
/// use parallax::error::Message;
/// let m = Message::from("no `text` column").text("; ").set_to("text_col", "NAME");
/// assert_eq!(m.to_string(), "no `text` column; set text_col=NAME");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message(Vec<Part>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Param(&'static str),
    Value(&'static str, String),
    Set(&'static str, Option<String>),
    Step(Step),
}

impl Message {
    /// Appends words.
    pub fn text(mut self, text: impl Into<String>) -> Message {
        self.0.push(Part::Text(text.into()));
        self
    }

    /// Appends a parameter's name (`encoding`).
    pub fn param(mut self, name: &'static str) -> Message {
        self.0.push(Part::Param(name));
        self
    }

    /// Appends a parameter with a value (`date_order=dmy`).
    pub fn value(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.0.push(Part::Value(name, value.into()));
        self
    }

    /// Appends advice to set a parameter (`set encoding`).
    pub fn set(mut self, name: &'static str) -> Message {
        self.0.push(Part::Set(name, None));
        self
    }

    /// Appends advice to set a parameter to a value (`set text_col=NAME`).
    pub fn set_to(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.0.push(Part::Set(name, Some(value.into())));
        self
    }

    /// Appends a step (the library's words for it, or the CLI's command).
    pub fn step(mut self, step: Step) -> Message {
        self.0.push(Part::Step(step));
        self
    }

    /// The message with parameters and steps named by `naming`.
    pub fn render(&self, naming: &dyn Naming) -> String {
        let mut out = String::new();
        for part in &self.0 {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Param(n) => out.push_str(&naming.param(n)),
                Part::Value(n, v) => out.push_str(&naming.value(n, v)),
                Part::Set(n, v) => {
                    out.push_str(naming.verb());
                    out.push(' ');
                    out.push_str(&match v {
                        Some(v) => naming.value(n, v),
                        None => naming.param(n),
                    });
                }
                Part::Step(s) => out.push_str(&naming.step(*s)),
            }
        }
        out
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message(vec![Part::Text(text)])
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Message {
        Message::from(text.to_owned())
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&Params))
    }
}

/// Something to do that the command line has a command for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// Add articles to the archive (which creates it).
    AddToArchive,
    /// Open the archive for writing, which upgrades its schema.
    UpgradeArchive,
    /// Look up the settings an archive was built with.
    ArchiveSettings,
}

/// How a [`Message`] names parameters and steps: [`Params`] for the
/// library and the Python package, the CLI's own for flags and commands.
pub trait Naming {
    /// A parameter: `encoding`.
    fn param(&self, name: &'static str) -> String;
    /// A parameter with a value: `date_order=dmy`.
    fn value(&self, name: &'static str, value: &str) -> String;
    /// The verb of advice to set a parameter: `set`.
    fn verb(&self) -> &'static str;
    /// The words a step adds after the advice that asks for it (may be
    /// none).
    fn step(&self, step: Step) -> String;
}

/// Parameters as the library and the Python package call them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Params;

impl Naming for Params {
    fn param(&self, name: &'static str) -> String {
        name.to_owned()
    }

    fn value(&self, name: &'static str, value: &str) -> String {
        format!("{name}={value}")
    }

    fn verb(&self) -> &'static str {
        "set"
    }

    fn step(&self, step: Step) -> String {
        match step {
            Step::AddToArchive => String::new(),
            Step::UpgradeArchive => " (opening it for writing does)".into(),
            Step::ArchiveSettings => " (its stats list them)".into(),
        }
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

    /// Names parameters as a command line would, to show which words of a
    /// message are parameters (the CLI's own naming is checked by the
    /// integration tests, which run it).
    struct Dashes;

    impl Naming for Dashes {
        fn param(&self, name: &'static str) -> String {
            format!("--{name}")
        }
        fn value(&self, name: &'static str, value: &str) -> String {
            format!("--{name} {value}")
        }
        fn verb(&self) -> &'static str {
            "pass"
        }
        fn step(&self, _: Step) -> String {
            " `--step`".into()
        }
    }

    /// The library's message names `param`, and no flag; the same message
    /// rendered for a command line has a flag (or a command) in its place.
    fn names(library: String, dashes: String, param: &str) {
        assert!(!library.contains("--"), "a flag in a library message: {library}");
        assert!(library.contains(param), "{param} is not named: {library}");
        assert!(dashes.contains("--"), "the parameter is not typed: {dashes}");
    }

    fn error_names(e: Error, param: &str) {
        names(e.to_string(), e.render(&Dashes), param);
    }

    fn problem_names(p: &crate::ingest::Problem, param: &str) {
        names(p.to_string(), p.render(&Dashes), param);
    }

    #[test]
    fn library_messages_name_parameters_not_flags() {
        use crate::ingest::{ingest_bytes, IngestOptions};
        let e = crate::sketch::MinHasher::builder().num_perm(0).build().unwrap_err();
        error_names(e, "num_perm must be between 1 and");
        let e = crate::candidates::LshParams::for_threshold(1.5, 128).unwrap_err();
        error_names(e, "threshold must be above");
        let e = crate::candidates::LshParams::for_threshold(0.5, 1).unwrap_err();
        error_names(e, "raise num_perm (e.g. 64) or threshold");
        for list in ["pdf", ""] {
            error_names(crate::report::Formats::parse(list).unwrap_err(), "format: ");
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let e = crate::report::check_out_dir(dir.path(), false).unwrap_err();
        error_names(e, "or set force to write beside them");

        let opts = IngestOptions::default();
        let problem = |name: &str, bytes: &[u8], opts: &IngestOptions| {
            let got = ingest_bytes(name, bytes, opts).unwrap();
            got.problems.into_iter().chain(got.warnings).next().expect(name)
        };
        let csv = problem("a.csv", b"uid,body\n1,x\n", &opts);
        problem_names(&csv, "set text_col=NAME");
        let jsonl = problem("a.jsonl", br#"{"id": "a", "title": "t"}"#, &opts);
        problem_names(&jsonl, "set text_col");
        let twice = problem(
            "a.jsonl",
            b"{\"id\":\"x\",\"text\":\"a\"}\n{\"id\":\"x\",\"text\":\"b\"}\n",
            &opts,
        );
        problem_names(&twice, "rename or set id_col");
        let big = IngestOptions { max_file_bytes: 4, ..IngestOptions::default() };
        problem_names(&problem("a.txt", b"too long", &big), "raise the limit with max_file_size");
        let utf16: Vec<u8> = "Hello, world".encode_utf16().flat_map(u16::to_le_bytes).collect();
        problem_names(&problem("a.txt", &utf16, &opts), "set encoding=utf-16le");
        let forced =
            IngestOptions { encoding: crate::ingest::encoding_by_label("utf-8"), ..opts.clone() };
        problem_names(&problem("a.txt", b"caf\xe9", &forced), "(as forced by encoding)");
        let mut broken = "é".repeat(20).into_bytes();
        broken.push(0xff);
        problem_names(&problem("a.txt", &broken, &opts), "fix the file or set encoding");
        let weak = b"The minister said the talks weren\x92t over, and more meetings would follow.";
        problem_names(&problem("a.txt", weak, &opts), "set encoding (e.g. utf-8");
        let ambiguous = problem("a.jsonl", br#"{"text": "t", "date": "04/03/2018"}"#, &opts);
        problem_names(&ambiguous, "set date_order=dmy or date_order=mdy");
        let unreadable = problem("a.jsonl", br#"{"text": "t", "date": "1/2"}"#, &opts);
        problem_names(&unreadable, "numeric with date_order");
        let strict = IngestOptions { strict: true, ..IngestOptions::default() };
        error_names(ingest_bytes("a.csv", b"uid\n1\n", &strict).unwrap_err(), "text_col");
        #[cfg(feature = "archive")]
        archive_messages(dir.path());
    }

    #[cfg(feature = "archive")]
    fn archive_messages(dir: &std::path::Path) {
        use crate::index::{Archive, ArchiveParams};
        let steps = |e: Error, words: &str| {
            let (library, cli) = (e.to_string(), e.render(&Dashes));
            assert!(!library.contains("--") && library.contains(words), "{library}");
            assert!(cli.contains("`--step`"), "{cli}");
        };
        let missing = Archive::open_for_reading(&dir.join("none.db")).err().unwrap();
        steps(missing, "no such archive; create one");
        let params = ArchiveParams {
            shingle: "word:3".into(),
            num_perm: 8,
            seed: 42,
            bands: 4,
            rows: 2,
            normalizer: "norm-v1".into(),
        };
        let path = dir.join("a.db");
        Archive::create_or_open(&path, &params).unwrap();
        let other = ArchiveParams { seed: 43, ..params.clone() };
        let e = Archive::create_or_open(&path, &other).err().unwrap();
        steps(e, "or use a new db file");
        let e = Archive::create_or_open(&path, &other).err().unwrap();
        error_names(e, "db");
        let foreign = dir.join("other.db");
        rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
        let e = Archive::create_or_open(&foreign, &params).err().unwrap();
        error_names(e, "pass another db file");
    }
}
