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
//! place. The staging directory is removed whatever happens.
//!
//! The set as a whole: the previous run's `manifest.json` is removed before
//! the first rename and the new one is renamed in after the last, so a folder
//! with a manifest holds exactly the files it lists (with their hashes) and a
//! run killed between two renames leaves a folder without a manifest, which
//! the next run replaces whole. Files of the previous set that this one does
//! not write are removed. A staging directory left by a killed run
//! (`.parallax-tmp-<pid>-...`, its process gone) is removed by the next run.

use std::fs::{self, File};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::manifest::{self, Manifest, OutputFile, RunInfo};
use crate::error::{Error, Message, Result};

/// Prefix of staging directories.
const TMP_PREFIX: &str = ".parallax-tmp-";

/// A set of files being written, not yet visible in the output directory.
pub(crate) struct Staging {
    dir: PathBuf,
    tmp: tempfile::TempDir,
    names: Vec<String>,
}

/// Refuses `dir` when it holds entries parallax did not write, unless
/// `force`. Parallax's own: the manifest, the files it lists, names for
/// which `ours` is true (outputs of runs that predate manifests, or of a run
/// killed before its manifest) and staging directories. A missing folder is
/// fine (it will be created).
pub(crate) fn check_folder(dir: &Path, force: bool, ours: &dyn Fn(&str) -> bool) -> Result<()> {
    if force {
        return Ok(());
    }
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
    let listed: Vec<String> = manifest::read(&dir.join(manifest::FILE_NAME))
        .map(|m| m.files.into_iter().map(|f| f.name).collect())
        .unwrap_or_default();
    let mut foreign: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            !(n == manifest::FILE_NAME
                || n.starts_with(TMP_PREFIX)
                || listed.contains(n)
                || ours(n))
        })
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let more =
        if foreign.len() > 3 { format!(" and {} more", foreign.len() - 3) } else { String::new() };
    foreign.truncate(3);
    Err(Error::config(
        Message::from(format!(
            "the output folder {} holds files parallax did not write ({}{more}); a run \
             replaces the whole folder's outputs, so pick a new or empty folder, or ",
            dir.display(),
            foreign.join(", ")
        ))
        .set("force")
        .text(" to write beside them"),
    ))
}

/// Removes staging directories of processes that no longer run (a run
/// killed with SIGKILL cannot clean up after itself). Only where the
/// platform tells whether a process is alive (`/proc`).
fn remove_stale_staging(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(TMP_PREFIX) else { continue };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Whether process `pid` runs; `true` when it cannot be told.
fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return true;
    }
    proc.join(pid.to_string()).exists()
}

impl Staging {
    /// Creates `dir` if needed and a staging directory inside it (named
    /// after this process, so a later run can tell a dead run's leftovers).
    pub(crate) fn new(dir: &Path) -> Result<Staging> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        remove_stale_staging(dir);
        let tmp = tempfile::Builder::new()
            .prefix(&format!("{TMP_PREFIX}{}-", std::process::id()))
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
    #[cfg(test)]
    pub(crate) fn commit(self) -> Result<Vec<PathBuf>> {
        self.commit_set(None, &|_| false)
    }

    /// Moves every staged file into the output directory as one set (see
    /// the module docs): the old manifest goes first, the files of the
    /// previous set that this one does not write (those its manifest lists,
    /// or for which `ours` is true) are removed, and the new manifest (when
    /// `run` is given) comes last. Returns the final paths in staging
    /// order, the manifest last.
    pub(crate) fn commit_set(
        self,
        run: Option<&RunInfo>,
        ours: &dyn Fn(&str) -> bool,
    ) -> Result<Vec<PathBuf>> {
        // Check every target before moving anything, so the common failures
        // (a directory, or a read-only file system that still let us create
        // the staging dir) leave no partial set.
        for name in self.names.iter().map(String::as_str).chain([manifest::FILE_NAME]) {
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
        if let Some(run) = run {
            let mut files = Vec::with_capacity(self.names.len());
            for name in &self.names {
                let path = self.tmp.path().join(name);
                let (bytes, xxh3_128) =
                    manifest::file_hash(&path).map_err(|e| Error::io(&path, e))?;
                files.push(OutputFile { name: name.clone(), bytes, xxh3_128 });
            }
            let m = Manifest::new(run, files);
            self.stage(manifest::FILE_NAME, |w| {
                serde_json::to_writer_pretty(&mut *w, &m).map_err(std::io::Error::other)?;
                std::io::Write::write_all(w, b"\n")
            })?;
        }
        let manifest_path = self.dir.join(manifest::FILE_NAME);
        let previous: Vec<String> = manifest::read(&manifest_path)
            .map(|m| m.files.into_iter().map(|f| f.name).collect())
            .unwrap_or_default();
        // From here until the new manifest is in place the folder has none:
        // a reader (or the next run) sees an unfinished set.
        match fs::remove_file(&manifest_path) {
            Ok(()) => sync_dir(&self.dir),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&manifest_path, e)),
        }
        let mut done = Vec::with_capacity(self.names.len() + 1);
        for name in &self.names {
            let from = self.tmp.path().join(name);
            let to = self.dir.join(name);
            fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
            done.push(to);
        }
        // The previous set's files this set does not have.
        let mut stale: Vec<String> = previous;
        if let Ok(entries) = fs::read_dir(&self.dir) {
            stale.extend(
                entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| ours(n)),
            );
        }
        for name in stale {
            if name != manifest::FILE_NAME && !self.names.contains(&name) {
                let path = self.dir.join(&name);
                match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(Error::io(&path, e)),
                }
            }
        }
        if run.is_some() {
            sync_dir(&self.dir);
            let from = self.tmp.path().join(manifest::FILE_NAME);
            fs::rename(&from, &manifest_path).map_err(|e| Error::io(&manifest_path, e))?;
            done.push(manifest_path);
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
