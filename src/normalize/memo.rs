//! A per-thread memo of the context-free part of normalising one word.
//!
//! Input: a word segment's surface. Output: what [`Normalizer`] appended to
//! the document buffer for it (the norm, then the key when the key is not a
//! slice of the norm), where the key lies, the token kind, and whether the
//! key is an ambiguous month; or "not a word" (only marks and joiners).
//!
//! Invariant: an entry holds only what depends on the surface alone (and on
//! the normaliser that made it: the memo is cleared when another normaliser
//! uses the thread). Context — sentence and clause breaks, two-word months,
//! months next to numbers — is still decided per occurrence by the caller.
//! Replaying an entry appends exactly the bytes computing it would, so the
//! document buffer, and every token, is byte-identical either way.
//!
//! Why: news vocabulary is Zipfian; most words of an article were seen in
//! an earlier one, and folding + clitic stripping cost far more than one
//! hash lookup and a copy.
//!
//! [`Normalizer`]: super::Normalizer

use std::cell::Cell;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashMap;

use super::TokenKind;

/// Words longer than this (bytes: 12 Arabic or 24 Latin letters) are not
/// memoised: they are rare, and the key is kept inline in the table.
const MAX_WORD: usize = 24;

/// Entries kept before the memo starts over (bounds memory at a few MiB
/// per thread while holding the working vocabulary of a news corpus).
const CAPACITY: usize = 1 << 16;

/// A memoised surface, inline: comparing two is a few word compares, not a
/// pointer chase to a heap string (that chase was a third of the lookup).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Word {
    bytes: [u8; MAX_WORD],
    len: u8,
}

impl Word {
    fn new(word: &str) -> Option<Word> {
        let src = word.as_bytes();
        let mut bytes = [0u8; MAX_WORD];
        bytes.get_mut(..src.len())?.copy_from_slice(src);
        Some(Word { bytes, len: src.len() as u8 })
    }
}

impl Hash for Word {
    fn hash<H: Hasher>(&self, h: &mut H) {
        for chunk in self.bytes.chunks_exact(8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            h.write_u64(u64::from_le_bytes(w));
        }
        h.write_u8(self.len);
    }
}

/// One word's replayable result. Its text lies in the memo's arena, so
/// that entries stay small and the frequent words (seen first) share
/// cache lines.
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// Start of the appended bytes (the norm, then possibly the key) in
    /// the arena; `u32::MAX`: not a word.
    at: u32,
    len: u16,
    /// Length of the norm at the start of the text.
    norm_len: u16,
    /// The key's byte range within the text.
    key: (u16, u16),
    kind: TokenKind,
    /// The key is a month name only next to a number (see `clitics::Key`).
    ambiguous: bool,
    /// The key is the first word of a two-word variant.
    pair_start: bool,
}

/// Where a replayed or computed word landed in the document buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Placed {
    /// Norm range.
    pub(crate) norm: (usize, usize),
    /// Key range.
    pub(crate) key: (usize, usize),
    pub(crate) kind: TokenKind,
    /// The key needs a neighbouring number to become its month.
    pub(crate) ambiguous: bool,
    /// The key starts a two-word variant (كانون of كانون الثاني).
    pub(crate) pair_start: bool,
}

/// Surface word → result.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    owner: u64,
    map: FxHashMap<Word, Entry>,
    /// The entries' texts, back to back.
    arena: String,
}

impl std::fmt::Debug for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let b = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        write!(f, "{:?}", String::from_utf8_lossy(b))
    }
}

thread_local! {
    static MEMO: Cell<Option<Memo>> = const { Cell::new(None) };
}

impl Memo {
    /// Takes this thread's memo for normaliser `owner` (a fresh one if the
    /// thread has none or another normaliser filled it). Give it back with
    /// [`Memo::release`].
    pub(crate) fn acquire(owner: u64) -> Memo {
        let memo = MEMO.try_with(Cell::take).ok().flatten();
        match memo {
            Some(m) if m.owner == owner => m,
            Some(mut m) => {
                m.clear();
                m.owner = owner;
                m
            }
            None => Memo { owner, ..Memo::default() },
        }
    }

    /// Returns the memo to this thread.
    pub(crate) fn release(self) {
        // During thread teardown the slot may be gone: then the memo just
        // drops.
        let _ = MEMO.try_with(|m| m.set(Some(self)));
    }

    fn clear(&mut self) {
        self.map.clear();
        self.arena.clear();
    }

    /// Replays `word` into `buf` if known. `Some(None)`: known not to be a
    /// word; `None`: not in the memo.
    pub(crate) fn replay(&self, word: &str, buf: &mut String) -> Option<Option<Placed>> {
        let e = self.map.get(&Word::new(word)?)?;
        if e.at == u32::MAX {
            return Some(None);
        }
        let at = e.at as usize;
        buf.push_str(self.arena.get(at..at + usize::from(e.len))?);
        let n0 = buf.len() - usize::from(e.len);
        Some(Some(Placed {
            norm: (n0, n0 + usize::from(e.norm_len)),
            key: (n0 + usize::from(e.key.0), n0 + usize::from(e.key.1)),
            kind: e.kind,
            ambiguous: e.ambiguous,
            pair_start: e.pair_start,
        }))
    }

    /// Records the result of computing `word`, whose output starts at byte
    /// `n0` of `buf` and runs to its end.
    pub(crate) fn record(&mut self, word: &str, n0: usize, buf: &str, placed: Option<Placed>) {
        let Some(w) = Word::new(word) else { return };
        if self.map.len() >= CAPACITY {
            self.clear();
        }
        let entry = match placed {
            None => Entry {
                at: u32::MAX,
                len: 0,
                norm_len: 0,
                key: (0, 0),
                kind: TokenKind::Word,
                ambiguous: false,
                pair_start: false,
            },
            Some(p) => {
                let Some(text) = buf.get(n0..) else { return };
                let rel = |x: usize| u16::try_from(x.saturating_sub(n0)).ok();
                let (Ok(at), Ok(len), Some(norm_len), Some(k0), Some(k1)) = (
                    u32::try_from(self.arena.len()),
                    u16::try_from(text.len()),
                    rel(p.norm.1),
                    rel(p.key.0),
                    rel(p.key.1),
                ) else {
                    return;
                };
                if at == u32::MAX {
                    return;
                }
                self.arena.push_str(text);
                Entry {
                    at,
                    len,
                    norm_len,
                    key: (k0, k1),
                    kind: p.kind,
                    ambiguous: p.ambiguous,
                    pair_start: p.pair_start,
                }
            }
        };
        self.map.insert(w, entry);
    }

    /// Number of memoised words.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}
