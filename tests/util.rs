//! Test helpers: a unique working folder per test and a runner for the real
//! `parallax` executable (the binary users run, not library calls).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A temporary folder in which a test writes fixtures and runs parallax.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    /// A fresh, empty folder.
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::Builder::new().prefix("parallax-test-").tempdir().expect("tempdir"),
        }
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `path()/rel`.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating parent folders).
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, contents).expect("write fixture");
        p
    }

    /// Copies the bundled seeds into `rel/`.
    pub fn seeds(&self, rel: &str) -> PathBuf {
        let dir = self.join(rel);
        std::fs::create_dir_all(&dir).expect("mkdir");
        for entry in std::fs::read_dir(seeds_dir()).expect("seeds/") {
            let entry = entry.expect("entry");
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy seed");
        }
        dir
    }

    /// A `parallax` command running in this folder.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_parallax"));
        cmd.current_dir(self.path()).args(args).env("NO_COLOR", "1").stdin(Stdio::null());
        cmd
    }

    /// Runs parallax and asserts success; returns the output.
    pub fn run_ok(&self, args: &[&str]) -> Output {
        let out = self.command(args).output().expect("run parallax");
        assert!(
            out.status.success(),
            "parallax {args:?} failed ({}):\nstdout:\n{}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs parallax and asserts failure; returns the output.
    pub fn run_err(&self, args: &[&str]) -> Output {
        let out = self.command(args).output().expect("run parallax");
        assert!(
            !out.status.success(),
            "parallax {args:?} should have failed:\nstdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Reads a file written by parallax.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.join(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// Reads a CSV written by parallax (BOM stripped) as header + rows.
    pub fn csv(&self, rel: &str) -> Table {
        Table::parse(&self.read(rel))
    }
}

/// The repository's `seeds/` folder.
pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A parsed CSV.
#[derive(Debug)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Parses CSV text (a leading BOM is dropped).
    pub fn parse(text: &str) -> Table {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rdr = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let header = rdr.headers().expect("header").iter().map(str::to_string).collect();
        let rows = rdr
            .records()
            .map(|r| r.expect("record").iter().map(str::to_string).collect())
            .collect();
        Table { header, rows }
    }

    /// The rows as maps column → value.
    pub fn records(&self) -> Vec<BTreeMap<String, String>> {
        self.rows
            .iter()
            .map(|r| self.header.iter().cloned().zip(r.iter().cloned()).collect())
            .collect()
    }

    /// A matrix CSV as `(row id, column id) → value`.
    pub fn matrix(&self) -> BTreeMap<(String, String), f64> {
        let mut m = BTreeMap::new();
        for r in &self.rows {
            for (j, v) in r.iter().enumerate().skip(1) {
                m.insert((r[0].clone(), self.header[j].clone()), v.parse().expect("number"));
            }
        }
        m
    }
}

/// Slices `text` by code points, as Python's `text[start:end]` does.
pub fn cp_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// True when the environment asks for the external checkers to run (CI).
pub fn tools_required() -> bool {
    std::env::var_os("PARALLAX_REQUIRE_TOOLS").is_some()
}
