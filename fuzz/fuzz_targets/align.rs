//! Passage alignment of two texts: every passage lies inside both texts, on
//! character boundaries, with its token ranges and a score in [0, 1].
#![no_main]
use libfuzzer_sys::fuzz_target;
use parallax::align::{align, AlignOptions};

fuzz_target!(|data: &[u8]| {
    let (a, b) = parallax_fuzz::two_texts(data);
    let n = parallax_fuzz::normalizer();
    let (da, db) = (n.normalize(&a), n.normalize(&b));
    // Short passages, so that small inputs reach the alignment's paths.
    let opts = AlignOptions { min_words: 2, ..AlignOptions::default() };
    for p in align(&da, &db, &opts) {
        assert!(p.a_start < p.a_end && p.a_end <= a.len());
        assert!(p.b_start < p.b_end && p.b_end <= b.len());
        assert!(a.is_char_boundary(p.a_start) && a.is_char_boundary(p.a_end));
        assert!(b.is_char_boundary(p.b_start) && b.is_char_boundary(p.b_end));
        assert!(p.a_tokens.end <= da.tokens.len() && p.b_tokens.end <= db.tokens.len());
        assert!((0.0..=1.0).contains(&p.score), "score {}", p.score);
    }
});
