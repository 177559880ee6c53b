//! Fuzz target `core`: the property is [`copydesk::fuzzing::core`], shared with the stable smoke test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copydesk::fuzzing::core(data));
