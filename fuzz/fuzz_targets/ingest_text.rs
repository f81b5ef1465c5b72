//! Plain-text and Markdown files: encoding detection and decoding (UTF-8,
//! UTF-16 with or without BOM, legacy Arabic code pages), title and date
//! lines.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the extension, so one corpus covers both.
    let (name, rest) = match data.split_first() {
        Some((b, rest)) if b % 2 == 1 => ("a.md", rest),
        Some((_, rest)) => ("a.txt", rest),
        None => ("a.txt", data),
    };
    parallax_fuzz::ingest(name, rest);
});
