//! Fuzz target `transport`: the property is [`copydesk::fuzzing::transport`], shared with the stable smoke test.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copydesk::fuzzing::transport(data));
