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

use rustc_hash::FxHashMap;

use super::TokenKind;

/// Words longer than this (bytes) are not memoised: they are rare, and
/// would only fill the memo.
const MAX_WORD: usize = 64;

/// Entries kept before the memo starts over (bounds memory at a few MiB
/// per thread while holding the working vocabulary of a news corpus).
const CAPACITY: usize = 1 << 16;

/// One word's replayable result.
#[derive(Debug)]
pub(crate) struct Entry {
    /// The bytes appended: the norm, then possibly the key.
    text: Box<str>,
    /// Length of the norm at the start of `text`.
    norm_len: u32,
    /// The key's byte range within `text`.
    key: (u32, u32),
    kind: TokenKind,
    /// The key is a month name only next to a number (see `clitics::Key`).
    ambiguous: bool,
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
}

/// Surface word → result (`None`: not a word).
#[derive(Debug, Default)]
pub(crate) struct Memo {
    owner: u64,
    map: FxHashMap<Box<str>, Option<Entry>>,
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
                m.map.clear();
                m.owner = owner;
                m
            }
            None => Memo { owner, map: FxHashMap::default() },
        }
    }

    /// Returns the memo to this thread.
    pub(crate) fn release(self) {
        // During thread teardown the slot may be gone: then the memo just
        // drops.
        let _ = MEMO.try_with(|m| m.set(Some(self)));
    }

    /// Replays `word` into `buf` if known. `Some(None)`: known not to be a
    /// word; `None`: not in the memo.
    pub(crate) fn replay(&self, word: &str, buf: &mut String) -> Option<Option<Placed>> {
        let entry = self.map.get(word)?;
        Some(entry.as_ref().map(|e| {
            let n0 = buf.len();
            buf.push_str(&e.text);
            Placed {
                norm: (n0, n0 + e.norm_len as usize),
                key: (n0 + e.key.0 as usize, n0 + e.key.1 as usize),
                kind: e.kind,
                ambiguous: e.ambiguous,
            }
        }))
    }

    /// Records the result of computing `word`, whose output starts at byte
    /// `n0` of `buf` and runs to its end.
    pub(crate) fn record(&mut self, word: &str, n0: usize, buf: &str, placed: Option<Placed>) {
        if word.len() > MAX_WORD {
            return;
        }
        let entry = match placed {
            None => None,
            Some(p) => {
                let Some(text) = buf.get(n0..) else { return };
                let rel = |x: usize| x.saturating_sub(n0) as u32;
                Some(Entry {
                    text: text.into(),
                    norm_len: rel(p.norm.1),
                    key: (rel(p.key.0), rel(p.key.1)),
                    kind: p.kind,
                    ambiguous: p.ambiguous,
                })
            }
        };
        if self.map.len() >= CAPACITY {
            self.map.clear();
        }
        self.map.insert(word.into(), entry);
    }

    /// Number of memoised words.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map.len()
    }
}
