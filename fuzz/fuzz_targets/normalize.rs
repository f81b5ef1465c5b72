//! The normaliser on any text: offsets stay in bounds and on character
//! boundaries, whatever the script, marks, digits or controls.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = parallax_fuzz::normalizer().normalize(&text);
    parallax_fuzz::check_tokens(&text, &doc);
});
