//! Framing and stance with the default lexicon on any text: every hit lies
//! inside the text, every score is finite and in range.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use parallax::normalize::Normalizer;
use parallax::score::{Lexicon, Scorer};

fn scorer() -> &'static (Normalizer, Scorer) {
    static S: OnceLock<(Normalizer, Scorer)> = OnceLock::new();
    S.get_or_init(|| {
        let n = Normalizer::default();
        let s = Scorer::new(&Lexicon::default_lexicon(), &n).expect("the default lexicon");
        (n, s)
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (n, s) = scorer();
    let doc = n.normalize(&text);
    let scores = s.score(&text, &doc);
    for h in &scores.hits {
        assert!(h.start < h.end && h.end <= text.len(), "hit {}..{}", h.start, h.end);
        assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
        assert!(h.weight.is_finite());
    }
    for (target, st) in &scores.stance {
        for v in [st.score, st.quoted_score].into_iter().flatten() {
            assert!((-1.0..=1.0).contains(&v), "{target}: {v}");
        }
    }
    for f in scores.frames.values() {
        assert!(f.per_1k.is_finite() && f.per_1k >= 0.0);
    }
    assert!(scores.polarity.is_finite());
});
