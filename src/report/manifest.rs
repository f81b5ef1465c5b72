//! `manifest.json`: what an output folder holds and how it was made.
//!
//! Input: a [`RunInfo`] (command, arguments, options, input files with
//! hashes) and the files a run wrote. Output: the manifest, written last by
//! [`super::write_all`], so that a folder whose manifest is missing is a run
//! that did not finish, and one whose manifest lists files is exactly that
//! set. Reading a manifest back tells the next run which files are
//! parallax's to replace or remove.
//!
//! Invariant: the manifest holds nothing that changes between two runs of
//! the same inputs and options (no clock, no absolute temp paths), so a
//! folder stays byte-identical run to run.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The manifest's file name inside an output folder.
pub const FILE_NAME: &str = "manifest.json";

/// The `generator` value that marks a manifest as parallax's.
const GENERATOR: &str = "parallax";

/// What produced an output set: given by the caller of
/// [`super::write_all`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    /// The command (`run`, `dups`, `score`, `index query`).
    pub command: String,
    /// The options in effect, as `(name, value)`, defaults included.
    pub options: Vec<(String, String)>,
    /// Every input file read, in reading order.
    pub inputs: Vec<InputFile>,
}

/// One input file and its content hash.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFile {
    /// The path as given or found (`-` for stdin, `seeds/<name>`).
    pub path: String,
    /// Size in bytes.
    pub bytes: u64,
    /// XXH3-128 of the bytes, 32 hex digits.
    pub xxh3_128: String,
}

/// One file written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    /// File name inside the folder.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// XXH3-128 of the bytes, 32 hex digits.
    pub xxh3_128: String,
}

/// The manifest as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `parallax`.
    pub generator: String,
    /// parallax's version.
    pub version: String,
    /// The command (`run`, `dups`, ...).
    pub command: String,
    /// Options in effect.
    pub options: Vec<(String, String)>,
    /// Input files with their hashes.
    pub inputs: Vec<InputFile>,
    /// Files of this output set (the manifest itself excluded).
    pub files: Vec<OutputFile>,
}

impl Manifest {
    /// A manifest for `run` and the files written.
    pub(crate) fn new(run: &RunInfo, files: Vec<OutputFile>) -> Manifest {
        Manifest {
            generator: GENERATOR.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            command: run.command.clone(),
            options: run.options.clone(),
            inputs: run.inputs.clone(),
            files,
        }
    }
}

/// XXH3-128 of `bytes` as 32 lowercase hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// The length of the file at `path` and its [`content_hash`], read in
/// blocks: an output file can be hundreds of MB (`evidence.csv` of a
/// large corpus), which reading it whole would add to the run's peak
/// memory. XXH3's streaming form gives the one-shot hash.
pub(crate) fn file_hash(path: &Path) -> std::io::Result<(u64, String)> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut len = 0u64;
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                h.update(&buf[..n]);
                len += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((len, format!("{:032x}", h.digest128())))
}

/// Reads a manifest, if `path` holds one written by parallax.
pub(crate) fn read(path: &Path) -> Option<Manifest> {
    let meta = std::fs::metadata(path).ok()?;
    // A manifest lists files and inputs; far beyond this it is not ours.
    if !meta.is_file() || meta.len() > 256 << 20 {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    let mut m: Manifest = serde_json::from_slice(&bytes).ok()?;
    // Names come back to be removed: only plain names inside the folder,
    // whatever a tampered manifest says.
    m.files.retain(|f| {
        !f.name.is_empty() && f.name != "." && f.name != ".." && !f.name.contains(['/', '\\', '\0'])
    });
    (m.generator == GENERATOR).then_some(m)
}

/// True when `path` is a manifest written by parallax (so its folder is an
/// output folder, not articles).
pub fn is_parallax_manifest(path: &Path) -> bool {
    read(path).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_hashed_in_blocks_has_the_hash_of_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        // Around the 1 MiB block: empty, short, exact, one over, several.
        for len in [0usize, 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 251) as u8).collect();
            std::fs::write(&path, &bytes).unwrap();
            assert_eq!(file_hash(&path).unwrap(), (len as u64, content_hash(&bytes)), "{len}");
        }
        assert!(file_hash(&dir.path().join("missing")).is_err());
    }
}
