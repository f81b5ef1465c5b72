//! All-or-nothing writing of an output set.
//!
//! Input: an output directory and named files to write. Output: the files,
//! in place, or an error. Invariant: a failure while writing leaves the
//! directory as it was (files of a previous run untouched, no new file);
//! files of a previous run are replaced only at the very end, each by an
//! atomic rename.
//!
//! How: every file is written into a hidden staging directory created
//! inside DIR (same file system, so `rename` is atomic), flushed and
//! fsync'd. [`Staging::commit`] then checks every target (a directory in
//! the way is an error before anything moves) and renames the files into
//! place. The staging directory is removed whatever happens. The one
//! window left is a rename that fails after an earlier one succeeded
//! (e.g. the disk is yanked); then the set is mixed old/new, never torn
//! within a file.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A set of files being written, not yet visible in the output directory.
pub(crate) struct Staging {
    dir: PathBuf,
    tmp: tempfile::TempDir,
    names: Vec<String>,
}

impl Staging {
    /// Creates `dir` if needed and a staging directory inside it.
    pub(crate) fn new(dir: &Path) -> Result<Staging> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(".parallax-tmp-")
            .tempdir_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        Ok(Staging { dir: dir.to_path_buf(), tmp, names: Vec::new() })
    }

    /// Writes the staged file `name` with `fill`, then flushes and fsyncs
    /// it; `name` is a plain file name chosen by the writers. Takes `&self`
    /// so that several files can be filled at once: register each with
    /// [`Staging::add`] afterwards, in the order [`Staging::commit`] should
    /// report them. A staged file never added is not moved.
    pub(crate) fn stage(
        &self,
        name: &str,
        fill: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
    ) -> Result<()> {
        let path = self.tmp.path().join(name);
        let file = File::create(&path).map_err(|e| Error::io(&path, e))?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        fill(&mut w).map_err(|e| Error::io(self.dir.join(name), e))?;
        let file = w.into_inner().map_err(|e| Error::io(&path, e.into_error()))?;
        file.sync_all().map_err(|e| Error::io(&path, e))
    }

    /// Registers a file filled by [`Staging::stage`].
    pub(crate) fn add(&mut self, name: &str) {
        self.names.push(name.to_string());
    }

    /// Moves every staged file into the output directory; returns their
    /// final paths in staging order.
    pub(crate) fn commit(self) -> Result<Vec<PathBuf>> {
        // Check every target before moving anything, so the common failures
        // (a directory, or a read-only file system that still let us create
        // the staging dir) leave no partial set.
        for name in &self.names {
            let target = self.dir.join(name);
            if let Ok(meta) = fs::symlink_metadata(&target) {
                if meta.is_dir() {
                    return Err(Error::io(
                        &target,
                        std::io::Error::other("a directory is in the way of an output file"),
                    ));
                }
            }
        }
        let mut done = Vec::with_capacity(self.names.len());
        for name in &self.names {
            let from = self.tmp.path().join(name);
            let to = self.dir.join(name);
            fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
            done.push(to);
        }
        sync_dir(&self.dir);
        Ok(done)
    }
}

/// Makes the renames durable where the platform allows it; a failure here
/// loses nothing already visible, so it is ignored.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn put(s: &mut Staging, name: &str, bytes: &[u8]) {
        s.stage(name, |w| w.write_all(bytes)).unwrap();
        s.add(name);
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn commit_replaces_old_files_and_cleans_up() {
        let td = tempfile::tempdir().unwrap();
        let out = td.path().join("out");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("a.csv"), "old").unwrap();
        let mut s = Staging::new(&out).unwrap();
        put(&mut s, "a.csv", b"new");
        // Not visible before commit.
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "old");
        put(&mut s, "b.csv", b"bee");
        let files = s.commit().unwrap();
        assert_eq!(files, vec![out.join("a.csv"), out.join("b.csv")]);
        assert_eq!(fs::read_to_string(out.join("a.csv")).unwrap(), "new");
        assert_eq!(entries(&out), ["a.csv", "b.csv"]);
    }

    #[test]
    fn directory_in_the_way_moves_nothing() {
        let td = tempfile::tempdir().unwrap();
        fs::create_dir(td.path().join("b.csv")).unwrap();
        let mut s = Staging::new(td.path()).unwrap();
        put(&mut s, "a.csv", b"x");
        put(&mut s, "b.csv", b"y");
        assert!(s.commit().is_err());
        assert_eq!(entries(td.path()), ["b.csv"]);
    }

    #[test]
    fn failed_fill_leaves_nothing() {
        let td = tempfile::tempdir().unwrap();
        let mut s = Staging::new(td.path()).unwrap();
        put(&mut s, "a.csv", b"x");
        let err = s.stage("b.csv", |_| Err(std::io::Error::other("boom")));
        assert!(err.is_err());
        drop(s);
        assert!(entries(td.path()).is_empty());
    }

    #[test]
    fn only_registered_files_are_committed() {
        let td = tempfile::tempdir().unwrap();
        let mut s = Staging::new(td.path()).unwrap();
        s.stage("c.csv", |w| w.write_all(b"z")).unwrap();
        put(&mut s, "a.csv", b"x");
        assert_eq!(s.commit().unwrap(), vec![td.path().join("a.csv")]);
        assert_eq!(entries(td.path()), ["a.csv"]);
    }
}
