//! The ZIP container of the workbook, with each entry deflated in parallel
//! pieces.
//!
//! Input: entries as an ordered list of pieces of bytes. Output: a ZIP
//! archive (PKWARE APPNOTE 6.3) written front to back to any `Write`; no
//! seeking, so it goes straight into the staged file.
//!
//! Why not a zip library: a worksheet of a large corpus is hundreds of MB
//! of XML, and one deflate stream runs on one core. Here every piece is
//! compressed on its own (rayon) and ends on a byte boundary with a sync
//! flush (an empty stored block), so the pieces concatenate into one valid
//! deflate stream — the way `pigz` splits work. Each piece starts with an
//! empty dictionary, which costs a little ratio at piece starts; pieces are
//! cut by the caller at fixed row counts, so the bytes never depend on the
//! number of threads.
//!
//! Invariants: one compressed entry is held in memory at a time (the caller
//! hands one entry's pieces at once); ZIP64 fields are written when a size,
//! an offset or the entry count passes the 32/16-bit limits, and only then,
//! so small workbooks stay plain ZIP; timestamps are the DOS epoch
//! (1980-01-01), so two runs give the same bytes.

use std::io::{self, Write};

use flate2::{Compress, Compression, FlushCompress, Status};
use rayon::prelude::*;

/// Deflate level: zlib-rs's level 2 ("fast" matcher) compresses XML
/// several times faster than the default 6 for a file about a third larger
/// (measured in BENCHMARKS.md §8); a spreadsheet is written once per run
/// and opened a few times, so speed wins.
pub(crate) const LEVEL: u32 = 2;

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const END_SIG: u32 = 0x0605_4b50;
const END64_SIG: u32 = 0x0606_4b50;
const LOCATOR64_SIG: u32 = 0x0706_4b50;
/// DOS date of 1980-01-01 (day 1, month 1, year 0 = 1980).
const DOS_DATE: u16 = (1 << 5) | 1;
const METHOD_DEFLATE: u16 = 8;
/// Version needed to extract: 2.0 (deflate), 4.5 (ZIP64).
const V20: u16 = 20;
const V45: u16 = 45;
const U32_MAX: u64 = u32::MAX as u64;

/// One entry already written: what the central directory needs.
struct Written {
    name: String,
    crc: u32,
    compressed: u64,
    size: u64,
    offset: u64,
}

/// A ZIP archive being written to `W`.
pub(crate) struct ZipOut<W: Write> {
    w: W,
    pos: u64,
    entries: Vec<Written>,
    /// Test hook: write ZIP64 fields even when nothing needs them, so the
    /// large-archive path is exercised on small data.
    force_zip64: bool,
}

/// One deflated piece of an entry.
struct Piece {
    crc: crc32fast::Hasher,
    len: u64,
    deflated: Vec<u8>,
}

impl<W: Write> ZipOut<W> {
    pub(crate) fn new(w: W) -> ZipOut<W> {
        ZipOut { w, pos: 0, entries: Vec::new(), force_zip64: false }
    }

    #[cfg(test)]
    fn forcing_zip64(w: W) -> ZipOut<W> {
        ZipOut { force_zip64: true, ..ZipOut::new(w) }
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    /// Adds one small entry, compressed in one piece.
    pub(crate) fn add(&mut self, name: &str, bytes: &[u8]) -> io::Result<()> {
        self.add_pieces(name, 1, |_| bytes.to_vec())
    }

    /// Adds the entry `name` whose content is `render(0) + … +
    /// render(pieces - 1)`; pieces are rendered and deflated in parallel and
    /// written in order.
    pub(crate) fn add_pieces<F>(&mut self, name: &str, pieces: usize, render: F) -> io::Result<()>
    where
        F: Fn(usize) -> Vec<u8> + Sync,
    {
        let last = pieces.saturating_sub(1);
        let done: Vec<Piece> = (0..pieces.max(1))
            .into_par_iter()
            .map(|i| {
                let data = if i < pieces { render(i) } else { Vec::new() };
                deflate_piece(&data, i == last)
            })
            .collect::<io::Result<_>>()?;
        let mut crc = crc32fast::Hasher::new();
        let (mut size, mut compressed) = (0u64, 0u64);
        for p in &done {
            crc.combine(&p.crc);
            size += p.len;
            compressed += p.deflated.len() as u64;
        }
        let crc = crc.finalize();
        let offset = self.pos;
        let zip64 = self.force_zip64 || size >= U32_MAX || compressed >= U32_MAX;
        let mut head = Vec::with_capacity(64 + name.len());
        le32(&mut head, LOCAL_SIG);
        le16(&mut head, if zip64 { V45 } else { V20 });
        le16(&mut head, 0); // flags: sizes known, ASCII name
        le16(&mut head, METHOD_DEFLATE);
        le16(&mut head, 0); // time 00:00:00
        le16(&mut head, DOS_DATE);
        le32(&mut head, crc);
        if zip64 {
            le32(&mut head, u32::MAX);
            le32(&mut head, u32::MAX);
        } else {
            le32(&mut head, compressed as u32);
            le32(&mut head, size as u32);
        }
        le16(&mut head, name.len() as u16);
        le16(&mut head, if zip64 { 20 } else { 0 });
        head.extend_from_slice(name.as_bytes());
        if zip64 {
            // The local ZIP64 field holds both sizes, uncompressed first.
            le16(&mut head, 1);
            le16(&mut head, 16);
            le64(&mut head, size);
            le64(&mut head, compressed);
        }
        self.put(&head)?;
        for p in &done {
            self.put(&p.deflated)?;
        }
        self.entries.push(Written { name: name.to_string(), crc, compressed, size, offset });
        Ok(())
    }

    /// Writes the central directory and the end records; returns the writer.
    pub(crate) fn finish(mut self) -> io::Result<W> {
        let start = self.pos;
        let mut dir = Vec::new();
        for e in &self.entries {
            // In the central directory a ZIP64 field lists only the values
            // that overflow, in this order: size, compressed size, offset.
            let mut extra = Vec::new();
            let big = |v: u64| self.force_zip64 || v >= U32_MAX;
            for v in [e.size, e.compressed, e.offset] {
                if big(v) {
                    le64(&mut extra, v);
                }
            }
            let zip64 = !extra.is_empty();
            let field = |v: u64| if big(v) { u32::MAX } else { v as u32 };
            le32(&mut dir, CENTRAL_SIG);
            le16(&mut dir, if zip64 { V45 } else { V20 }); // made by (MS-DOS)
            le16(&mut dir, if zip64 { V45 } else { V20 });
            le16(&mut dir, 0);
            le16(&mut dir, METHOD_DEFLATE);
            le16(&mut dir, 0);
            le16(&mut dir, DOS_DATE);
            le32(&mut dir, e.crc);
            le32(&mut dir, field(e.compressed));
            le32(&mut dir, field(e.size));
            le16(&mut dir, e.name.len() as u16);
            le16(&mut dir, if zip64 { extra.len() as u16 + 4 } else { 0 });
            le16(&mut dir, 0); // comment
            le16(&mut dir, 0); // disk
            le16(&mut dir, 0); // internal attributes
            le32(&mut dir, 0); // external attributes
            le32(&mut dir, field(e.offset));
            dir.extend_from_slice(e.name.as_bytes());
            if zip64 {
                le16(&mut dir, 1);
                le16(&mut dir, extra.len() as u16);
                dir.extend_from_slice(&extra);
            }
        }
        self.put(&dir)?;
        let (count, size) = (self.entries.len() as u64, dir.len() as u64);
        let zip64 = self.force_zip64 || count >= 0xFFFF || size >= U32_MAX || start >= U32_MAX;
        let mut end = Vec::new();
        if zip64 {
            let end64 = self.pos;
            le32(&mut end, END64_SIG);
            le64(&mut end, 44); // size of the rest of this record
            le16(&mut end, V45);
            le16(&mut end, V45);
            le32(&mut end, 0);
            le32(&mut end, 0);
            le64(&mut end, count);
            le64(&mut end, count);
            le64(&mut end, size);
            le64(&mut end, start);
            le32(&mut end, LOCATOR64_SIG);
            le32(&mut end, 0);
            le64(&mut end, end64);
            le32(&mut end, 1);
        }
        le32(&mut end, END_SIG);
        le16(&mut end, 0);
        le16(&mut end, 0);
        let count16 = if zip64 { 0xFFFF } else { count as u16 };
        le16(&mut end, count16);
        le16(&mut end, count16);
        le32(&mut end, if zip64 { u32::MAX } else { size as u32 });
        le32(&mut end, if zip64 { u32::MAX } else { start as u32 });
        le16(&mut end, 0); // comment
        self.put(&end)?;
        Ok(self.w)
    }
}

/// Deflates `data` as raw deflate; a piece other than the last ends with a
/// sync flush (byte-aligned, not final), the last one with the final block.
fn deflate_piece(data: &[u8], last: bool) -> io::Result<Piece> {
    let mut crc = crc32fast::Hasher::new();
    crc.update(data);
    let mut c = Compress::new(Compression::new(LEVEL), false);
    let flush = if last { FlushCompress::Finish } else { FlushCompress::Sync };
    let mut out = Vec::with_capacity(data.len() / 3 + 64);
    loop {
        let consumed = c.total_in() as usize;
        let status =
            c.compress_vec(&data[consumed..], &mut out, flush).map_err(io::Error::other)?;
        let all_in = c.total_in() as usize == data.len();
        // Done when the final block is out, or (sync) when the flush left
        // room in the output, which zlib guarantees means it completed.
        let done = match status {
            Status::StreamEnd => true,
            _ => !last && all_in && out.len() < out.capacity(),
        };
        if done {
            break;
        }
        out.reserve(out.capacity().max(4096));
    }
    Ok(Piece { crc, len: data.len() as u64, deflated: out })
}

fn le16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn le32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn le64(v: &mut Vec<u8>, x: u64) {
    v.extend_from_slice(&x.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn read_back(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
        let mut z = zip::ZipArchive::new(io::Cursor::new(bytes)).unwrap();
        (0..z.len())
            .map(|i| {
                let mut f = z.by_index(i).unwrap();
                let mut data = Vec::new();
                f.read_to_end(&mut data).unwrap();
                (f.name().to_string(), data)
            })
            .collect()
    }

    fn text(i: usize) -> Vec<u8> {
        format!("<row r=\"{i}\"><c t=\"inlineStr\"><is><t>الجزائر {i}</t></is></c></row>")
            .repeat(50 + i % 7)
            .into_bytes()
    }

    fn archive(zip64: bool) -> (Vec<u8>, Vec<u8>) {
        let whole: Vec<u8> = (0..40).flat_map(text).collect();
        let mut z = if zip64 { ZipOut::forcing_zip64(Vec::new()) } else { ZipOut::new(Vec::new()) };
        z.add("a.xml", b"<a/>").unwrap();
        z.add_pieces("xl/sheet.xml", 40, text).unwrap();
        z.add_pieces("empty.xml", 0, |_| Vec::new()).unwrap();
        (z.finish().unwrap(), whole)
    }

    #[test]
    fn pieces_concatenate_into_one_stream() {
        for zip64 in [false, true] {
            let (bytes, whole) = archive(zip64);
            let got = read_back(bytes);
            let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, ["a.xml", "xl/sheet.xml", "empty.xml"], "zip64 {zip64}");
            assert_eq!(got[0].1, b"<a/>");
            assert_eq!(got[1].1, whole, "zip64 {zip64}");
            assert!(got[2].1.is_empty());
        }
    }

    #[test]
    fn bytes_do_not_depend_on_threads() {
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let four = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        assert_eq!(one.install(|| archive(false).0), four.install(|| archive(false).0));
    }

    #[test]
    fn compresses() {
        let (bytes, whole) = archive(false);
        assert!(bytes.len() * 5 < whole.len(), "{} of {}", bytes.len(), whole.len());
    }
}
