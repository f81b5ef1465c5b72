//! The bundled example: five Arabic articles, embedded in the binary so that
//! `parallax` with no input works from any folder.
//!
//! Seeds 000 and 001 are two rewrites of one report (an interview with
//! Algeria's ambassador Boukadoum); 002 is an anti-imperialist opinion piece;
//! 003 and 004 cover the same Algerian–US/Russian defence story.

/// `(file name, raw bytes)` of each seed, in id order. The bytes are the
/// files of `seeds/` as they are, decoded by ingest like any other file.
pub const SEEDS: &[(&str, &[u8])] = &[
    ("000_4a9ff38471bb20bb.txt", include_bytes!("../seeds/000_4a9ff38471bb20bb.txt")),
    ("001_1b4fe8d37dfc8185.txt", include_bytes!("../seeds/001_1b4fe8d37dfc8185.txt")),
    ("002_92781ffd2688aa3b.txt", include_bytes!("../seeds/002_92781ffd2688aa3b.txt")),
    ("003_ccc08362114acaf6.txt", include_bytes!("../seeds/003_ccc08362114acaf6.txt")),
    ("004_94536d5c27f008d4.txt", include_bytes!("../seeds/004_94536d5c27f008d4.txt")),
];

/// The seeds as documents with made-up outlets (three) and dates, for
/// tests that need every table filled (outlets, stories).
#[cfg(test)]
pub(crate) fn documents() -> Vec<crate::doc::Document> {
    SEEDS
        .iter()
        .enumerate()
        .map(|(i, (name, bytes))| crate::doc::Document {
            id: (*name).to_string(),
            outlet: Some(format!("outlet {}", i % 3)),
            date: Some(format!("2018-03-1{i}")),
            text: String::from_utf8(bytes.to_vec()).expect("seeds are UTF-8"),
            ..crate::doc::Document::default()
        })
        .collect()
}
