//! Fuzz target `config`: the property is [`copydesk::fuzzing::config`], shared with the stable smoke test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copydesk::fuzzing::config(data));
