//! CSV record files: quoting, CRLF, ragged rows, unterminated quotes, the
//! header's column names.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| parallax_fuzz::ingest("a.csv", data));
