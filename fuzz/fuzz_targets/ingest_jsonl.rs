//! JSONL record files: one JSON object per line, any field types, dates in
//! every format parallax reads, repeated ids, broken lines.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| parallax_fuzz::ingest("a.jsonl", data));
