//! Folder walking.
//!
//! Input: a folder. Output: every readable article file under it, read into
//! the [`Sink`] in sorted order (byte order of names, directory by
//! directory), ids = the path relative to the folder with `/` separators.
//!
//! Invariants: hidden files and folders (name starting with `.`) are never
//! entered; files with an extension we do not read are counted as skipped,
//! not reported as problems; entries that cannot be read (permissions, a
//! broken symlink, a symlink loop) are problems. Symlinks are followed so
//! that a corpus assembled from links reads like a copy. Only regular files
//! are opened: a FIFO, socket or device under a folder is a problem, never a
//! read that waits forever. Folders in `exclude` and folders holding a
//! parallax `manifest.json` (output folders) are not entered, with a
//! warning, so that `parallax run .` never reads its own reports.

use std::path::{Component, Path};

use walkdir::WalkDir;

use super::{os_text, read_file, FileRef, Kind, Sink};
use crate::error::Result;

/// Reads every article file under `root`.
pub(crate) fn walk(root: &Path, sink: &mut Sink<'_>) -> Result<()> {
    let exclude: Vec<std::path::PathBuf> =
        sink.opts.exclude.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let passed_over = std::cell::RefCell::new(Vec::new());
    let walker =
        WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
            if e.depth() > 0 && is_hidden(e.file_name()) {
                return false;
            }
            if e.depth() > 0 && e.file_type().is_dir() && is_output_folder(e.path(), &exclude) {
                passed_over.borrow_mut().push(os_text(e.path().as_os_str()));
                return false;
            }
            true
        });
    for entry in walker {
        for dir in passed_over.take() {
            sink.warn(&dir, None, "a parallax output folder; not read as input");
        }
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e.path().unwrap_or(root).to_string_lossy().into_owned();
                let dangling =
                    e.path().is_some_and(|p| p.symlink_metadata().is_ok() && !p.exists());
                let reason = match e.io_error() {
                    _ if dangling => "cannot read: broken symbolic link".to_owned(),
                    Some(io) => format!("cannot read: {io}"),
                    None => format!("cannot read: {e}"),
                };
                sink.problem(&shown, None, reason)?;
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let shown = os_text(path.as_os_str());
        let Some(kind) = Kind::for_path(path) else {
            sink.skipped.push(shown);
            continue;
        };
        if !entry.file_type().is_file() {
            // Opening a FIFO blocks until someone writes to it; a device may
            // never end.
            sink.problem(&shown, None, "not a regular file (a FIFO, socket or device)")?;
            continue;
        }
        let id = relative_id(root, path);
        read_file(path, &FileRef { shown, id }, kind, sink)?;
    }
    for dir in passed_over.take() {
        sink.warn(&dir, None, "a parallax output folder; not read as input");
    }
    Ok(())
}

/// True for a folder this run writes to, or one holding a parallax
/// `manifest.json`.
fn is_output_folder(dir: &Path, exclude: &[std::path::PathBuf]) -> bool {
    if !exclude.is_empty() {
        if let Ok(c) = dir.canonicalize() {
            if exclude.contains(&c) {
                return true;
            }
        }
    }
    crate::report::manifest::is_parallax_manifest(&dir.join(crate::report::manifest::FILE_NAME))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// `path` relative to `root`, `/`-separated on every platform so ids are
/// the same on every machine.
fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(os_text(s)),
            _ => None,
        })
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_use_forward_slashes_relative_to_root() {
        let root = Path::new("corpus");
        assert_eq!(relative_id(root, &root.join("a").join("b.txt")), "a/b.txt");
        assert_eq!(relative_id(root, &root.join("c.txt")), "c.txt");
    }
}
