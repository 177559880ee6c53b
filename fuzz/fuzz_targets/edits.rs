//! Fuzz target `edits`: the property is [`copydesk::fuzzing::edits`], shared with the stable smoke test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copydesk::fuzzing::edits(data));
