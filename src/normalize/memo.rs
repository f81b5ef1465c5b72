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

use super::TokenKind;

/// Words longer than this (bytes: 12 Arabic or 24 Latin letters) are not
/// memoised: they are rare, and the key is kept inline in the table.
const MAX_WORD: usize = 24;

/// Entries kept before the memo starts over (bounds memory at a few MiB
/// per thread while holding the working vocabulary of a news corpus).
const CAPACITY: usize = 1 << 16;

/// Slots of the index: twice the capacity, so probe runs stay short.
const SLOTS: usize = 2 * CAPACITY;

/// A memoised surface, inline: comparing two is a few word compares, not a
/// pointer chase to a heap string.
#[derive(Clone, Copy)]
struct Word {
    bytes: [u8; MAX_WORD],
    len: u8,
}

impl PartialEq for Word {
    /// Three word compares (the derived comparison called `memcmp`).
    fn eq(&self, other: &Word) -> bool {
        self.len == other.len && self.words() == other.words()
    }
}

impl Eq for Word {}

impl Word {
    fn new(word: &str) -> Option<Word> {
        let src = word.as_bytes();
        let mut bytes = [0u8; MAX_WORD];
        bytes.get_mut(..src.len())?.copy_from_slice(src);
        Some(Word { bytes, len: src.len() as u8 })
    }

    fn words(&self) -> [u64; MAX_WORD / 8] {
        let mut out = [0u64; MAX_WORD / 8];
        for (w, chunk) in out.iter_mut().zip(self.bytes.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            *w = u64::from_le_bytes(b);
        }
        out
    }

    /// A well-mixed hash: the index takes its low bits, the tag its top 8.
    fn hash(&self) -> u64 {
        let mut h = u64::from(self.len);
        for w in self.words() {
            h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
        }
        crate::hash::mix64(h)
    }
}

impl std::fmt::Debug for Word {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let b = self.bytes.get(..usize::from(self.len)).unwrap_or_default();
        write!(f, "{:?}", String::from_utf8_lossy(b))
    }
}

/// One word's replayable result. Its text lies in the memo's arena.
#[derive(Clone, Copy, Debug)]
struct Entry {
    word: Word,
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
///
/// Layout, for the cache: entries sit in first-seen order, so the frequent
/// words (seen first) share a few cache lines; the index is a linear-probe
/// table of `u32` slots (entry number + 1 in the low 24 bits, 8 bits of
/// the hash above it), half a MiB, so a probe rarely touches an entry that
/// does not match. A general hash map of inline entries spread the hot
/// words over 5 MiB, and its lookups were a fifth of normalising.
#[derive(Debug, Default)]
pub(crate) struct Memo {
    owner: u64,
    /// Empty until first used; then `SLOTS` long.
    slots: Vec<u32>,
    entries: Vec<Entry>,
    /// The entries' texts, back to back.
    arena: String,
}

thread_local! {
    static MEMO: Cell<Option<Memo>> = const { Cell::new(None) };
}

/// Low bits of a slot: entry number + 1 (0: empty).
const INDEX: u32 = (1 << 24) - 1;

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
        self.slots.fill(0);
        self.entries.clear();
        self.arena.clear();
    }

    /// The entry for `word`, or the slot where it would go.
    fn find(&self, word: &Word) -> Result<&Entry, usize> {
        self.probe(word, word.hash())
    }

    /// [`Memo::find`] with the word's hash already computed.
    fn probe(&self, word: &Word, h: u64) -> Result<&Entry, usize> {
        let tag = (h >> 56) as u32;
        let mask = SLOTS - 1;
        let mut i = h as usize & mask;
        loop {
            let Some(&slot) = self.slots.get(i) else { return Err(usize::MAX) };
            if slot == 0 {
                return Err(i);
            }
            if slot >> 24 == tag {
                if let Some(e) = self.entries.get(((slot & INDEX) - 1) as usize) {
                    if e.word == *word {
                        return Ok(e);
                    }
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Replays `word` into `buf` if known. `Some(None)`: known not to be a
    /// word; `None`: not in the memo.
    pub(crate) fn replay(&self, word: &str, buf: &mut String) -> Option<Option<Placed>> {
        let e = self.find(&Word::new(word)?).ok()?;
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

    /// The key of `word` if known, and whether it depends on its
    /// neighbours (an ambiguous month, the start of a two-word variant).
    /// `Some(None)`: known not to be a word; `None`: not in the memo.
    pub(crate) fn key(&self, word: &str) -> Option<Option<(&str, bool)>> {
        let e = self.find(&Word::new(word)?).ok()?;
        if e.at == u32::MAX {
            return Some(None);
        }
        let at = e.at as usize;
        let key = self.arena.get(at + usize::from(e.key.0)..at + usize::from(e.key.1))?;
        Some(Some((key, e.ambiguous || e.pair_start)))
    }

    /// Records the result of computing `word`, whose output starts at byte
    /// `n0` of `buf` and runs to its end.
    pub(crate) fn record(&mut self, word: &str, n0: usize, buf: &str, placed: Option<Placed>) {
        let Some(w) = Word::new(word) else { return };
        if self.slots.is_empty() {
            self.slots = vec![0; SLOTS];
        }
        if self.entries.len() >= CAPACITY {
            self.clear();
        }
        let h = w.hash();
        let slot = match self.probe(&w, h) {
            Ok(_) | Err(usize::MAX) => return,
            Err(slot) => slot,
        };
        let mut entry = Entry {
            word: w,
            at: u32::MAX,
            len: 0,
            norm_len: 0,
            key: (0, 0),
            kind: TokenKind::Word,
            ambiguous: false,
            pair_start: false,
        };
        if let Some(p) = placed {
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
            entry = Entry {
                at,
                len,
                norm_len,
                key: (k0, k1),
                kind: p.kind,
                ambiguous: p.ambiguous,
                pair_start: p.pair_start,
                ..entry
            };
        }
        let tag = (h >> 56) as u32;
        self.entries.push(entry);
        if let Some(s) = self.slots.get_mut(slot) {
            *s = (tag << 24) | self.entries.len() as u32;
        }
    }

    /// Number of memoised words.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(norm: (usize, usize), key: (usize, usize)) -> Option<Placed> {
        Some(Placed { norm, key, kind: TokenKind::Word, ambiguous: false, pair_start: false })
    }

    /// Recorded words replay exactly; unknown, overlong and non-words are
    /// told apart; filling the memo starts it over without losing answers.
    #[test]
    fn records_replays_and_starts_over() {
        let mut m = Memo::default();
        let mut buf = String::new();
        assert_eq!(m.replay("والجزائر", &mut buf), None);
        buf.push_str("xxوالجزائرجزائر");
        m.record("والجزائر", 2, &buf, placed((2, 18), (8, 18)));
        m.record("’", 0, "", None);
        let long = "ب".repeat(MAX_WORD / 2 + 1);
        m.record(&long, 0, &long, placed((0, long.len()), (0, long.len())));
        assert_eq!(m.len(), 2);
        let mut out = String::from("ab");
        let p = m.replay("والجزائر", &mut out).flatten().unwrap();
        assert_eq!(&out[p.norm.0..p.norm.1], "والجزائر");
        assert_eq!(&out[p.key.0..p.key.1], "جزائر");
        assert_eq!(m.key("والجزائر"), Some(Some(("جزائر", false))));
        assert_eq!(m.replay("’", &mut out), Some(None));
        assert_eq!(m.key(&long), None);
        assert_eq!(m.key("الجزائر"), None);
        // Fill past capacity with distinct words: the memo starts over,
        // and what it holds still answers right.
        for i in 0..CAPACITY + 10 {
            let w = format!("w{i}");
            m.record(&w, 0, &w, placed((0, w.len()), (1, w.len())));
        }
        assert_eq!(m.len(), 12); // 2 + (CAPACITY - 2) fill it; 12 follow
        let last = format!("w{}", CAPACITY + 9);
        assert_eq!(m.key(&last), Some(Some((&last[1..], false))));
        assert_eq!(m.key("والجزائر"), None);
    }
}
