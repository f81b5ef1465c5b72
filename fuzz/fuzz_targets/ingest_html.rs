//! HTML pages: text extraction, the nesting guard, meta tags for title,
//! date and outlet.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| parallax_fuzz::ingest("a.html", data));
