//! Text to signature with one set of parameters, so that `run`, `dups`, the
//! archive and the Python package sketch a document the same way.

use super::{MinHasher, Signature};
use crate::normalize::{NormalizedDoc, Normalizer};
use crate::shingle::{self, ShingleConfig};

/// Normalises, shingles and MinHashes texts with fixed parameters.
///
/// ```
/// use parallax::shingle::ShingleConfig;
/// use parallax::sketch::{MinHasher, Scratch, Sketcher};
///
/// # fn main() -> parallax::Result<()> {
/// let sk = Sketcher::new(ShingleConfig::default(), MinHasher::builder().num_perm(64).build()?);
/// let text = "وقالت الوزارة في بيان إن الزيارة تأتي في إطار تعزيز التعاون بين البلدين في مجالات الطاقة";
/// let mut scratch = Scratch::default();
/// let s = sk.sketch_text(text, &mut scratch);
/// assert_eq!(s.signature.len(), 64);
/// assert_eq!(s.distinct, sk.shingle_set(text).len());
/// // The same sketch from the normalised document, the way `run` takes it.
/// let nd = sk.normalizer().normalize(text);
/// assert_eq!(sk.sketch_normalized(&nd, &mut scratch), s);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct Sketcher {
    normalizer: Normalizer,
    shingle: ShingleConfig,
    hasher: MinHasher,
}

/// One document's sketch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sketch {
    /// The MinHash signature of its shingle set.
    pub signature: Signature,
    /// Distinct shingles (the set's size, for containment estimates).
    pub distinct: usize,
    /// Word tokens of the normalised text.
    pub words: usize,
}

/// Buffers reused from one document to the next (one per thread).
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    hashes: Vec<u64>,
    table: Vec<u64>,
}

impl Sketcher {
    /// A sketcher with the default normaliser.
    pub fn new(shingle: ShingleConfig, hasher: MinHasher) -> Sketcher {
        Sketcher { normalizer: Normalizer::default(), shingle, hasher }
    }

    /// The same sketcher with another normaliser.
    pub fn with_normalizer(self, normalizer: Normalizer) -> Sketcher {
        Sketcher { normalizer, ..self }
    }

    /// The normaliser.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// The shingling.
    pub fn shingle(&self) -> &ShingleConfig {
        &self.shingle
    }

    /// The MinHash hasher.
    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    /// Sketches a text without building its normalised document (what
    /// `dups` needs: nothing else of the document is kept).
    pub fn sketch_text(&self, text: &str, scratch: &mut Scratch) -> Sketch {
        let words =
            shingle::text_hashes(&self.shingle, &self.normalizer, text, &mut scratch.hashes);
        self.finish(words, scratch)
    }

    /// Sketches an already normalised document (what `run` does, which
    /// needs the normalised document for other stages too).
    pub fn sketch_normalized(&self, doc: &NormalizedDoc, scratch: &mut Scratch) -> Sketch {
        shingle::shingle_hashes(&self.shingle, doc, &mut scratch.hashes);
        self.finish(doc.len(), scratch)
    }

    fn finish(&self, words: usize, scratch: &mut Scratch) -> Sketch {
        // The minimum ignores repeats: no need to sort; the set's size is
        // counted in the same pass.
        let (signature, distinct) =
            self.hasher.sketch_distinct(&scratch.hashes, &mut scratch.table);
        Sketch { signature, distinct, words }
    }

    /// The sorted, deduplicated shingle set of a text (for exact overlaps).
    pub fn shingle_set(&self, text: &str) -> Vec<u64> {
        shingle::text_set(&self.shingle, &self.normalizer, text)
    }

    /// Normalises a text and returns the document, its shingle set and its
    /// signature (what the archive stores).
    pub fn sketch_with_set(&self, text: &str) -> (NormalizedDoc, Vec<u64>, Signature) {
        let nd = self.normalizer.normalize(text);
        let set = shingle::shingle_set(&self.shingle, &nd);
        let signature = self.hasher.sketch(&set);
        (nd, set, signature)
    }
}
