//! What every fuzz target checks besides "no panic": the invariants the
//! rest of parallax builds on.

use parallax::ingest::{ingest_bytes, IngestOptions};
use parallax::normalize::{NormalizedDoc, Normalizer};

/// Ingests `data` as the file `name` and checks what ingest promises: bad
/// input is a problem, never an error (outside `strict`) or a panic; every
/// document has non-blank text, a unique id and a source naming the file;
/// its text normalises with valid offsets.
pub fn ingest(name: &str, data: &[u8]) {
    let opts = IngestOptions::default();
    let got = match ingest_bytes(name, data, &opts) {
        Ok(got) => got,
        Err(e) => panic!("bad input must be a problem, not an error: {e}"),
    };
    let mut ids = std::collections::HashSet::new();
    for doc in &got.docs {
        assert!(!doc.text.trim().is_empty(), "a document without text");
        assert!(ids.insert(doc.id.as_str()), "repeated id {:?}", doc.id);
        assert!(doc.source.starts_with(name), "source {:?}", doc.source);
        check_tokens(&doc.text, &normalizer().normalize(&doc.text));
    }
    for p in &got.problems {
        // Every problem renders (the CLI prints them) and names the file.
        assert!(p.to_string().contains(name));
    }
}

/// One normaliser for every run (building it is not what is under test).
pub fn normalizer() -> &'static Normalizer {
    static N: std::sync::OnceLock<Normalizer> = std::sync::OnceLock::new();
    N.get_or_init(Normalizer::default)
}

/// Token offsets are in bounds, on character boundaries and in order.
pub fn check_tokens(text: &str, doc: &NormalizedDoc) {
    let mut last_end = 0;
    let mut last_sentence = 0;
    for t in &doc.tokens {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(s < e && e <= text.len(), "span {s}..{e} of {}", text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(s >= last_end, "overlapping tokens");
        assert!(t.sentence >= last_sentence, "sentences go back");
        last_end = e;
        last_sentence = t.sentence;
    }
}

/// Splits fuzz input into two texts at the first 0xFF byte (absent from
/// UTF-8), so one input holds both sides of a pair.
pub fn two_texts(data: &[u8]) -> (String, String) {
    let cut = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len() / 2);
    let (a, b) = data.split_at(cut);
    let b = b.strip_prefix(&[0xFF]).unwrap_or(b);
    (String::from_utf8_lossy(a).into_owned(), String::from_utf8_lossy(b).into_owned())
}
